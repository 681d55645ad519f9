import { Tag } from 'antd';
import type { ContentLang, Status } from '../../api/content';
import type { Lang, MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';

const STATUS_COLORS: Record<Status, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'cyan',
  published: 'success',
  withdrawn: 'warning',
};

export function StatusTag({ status, testId }: { status: Status; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid={testId} className="status-tag">
      <Msg k={`status.${status}` as MessageKey} />
    </Tag>
  );
}

/**
 * A UI string for a place that can only be horizontal (an input's placeholder): none in the
 * Mongolian UI, where it would lie on its side (the field's label says it there).
 */
export function flatText(uiLang: Lang, text: string): string | undefined {
  return uiLang === 'mn-Mong' ? undefined : text;
}

export const langKey = (lang: ContentLang) => `lang.${lang}` as MessageKey;

/** A date and time for people, in the UI language's style. */
export function formatTime(iso: string | null | undefined, uiLang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (uiLang === 'mn-Mong') {
    // Digits only (no 年/月 inside vertical Mongolian): 2026-11-28 19:10.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  return new Intl.DateTimeFormat(uiLang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
