import { Input } from 'antd';
import type { ContentLang } from '../../api/content';
import { useI18n } from '../../i18n/useI18n';

/** A version's title: one line for Chinese and English, a vertical field for Mongolian. */
export function TitleField({
  lang,
  value,
  onChange,
  disabled,
  testId,
}: {
  lang: ContentLang;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  if (lang === 'mn-Mong') {
    return (
      <Input.TextArea
        lang="mn-Mong"
        className="title-vertical mongol-field"
        value={value}
        disabled={disabled}
        aria-label={t('content.field.title')}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value.replace(/\n/g, ' '))}
      />
    );
  }
  return (
    <Input
      lang={lang}
      value={value}
      disabled={disabled}
      aria-label={t('content.field.title')}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A version's summary: a few lines, vertical for Mongolian. */
export function SummaryField({
  lang,
  value,
  onChange,
  disabled,
  testId,
}: {
  lang: ContentLang;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const vertical = lang === 'mn-Mong';
  return (
    <Input.TextArea
      lang={lang}
      className={vertical ? 'title-vertical summary-vertical' : undefined}
      rows={vertical ? undefined : 2}
      value={value}
      disabled={disabled}
      aria-label={t('content.field.summary')}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
