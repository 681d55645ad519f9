import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { convertScript } from '../../api/translation';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import { ScriptText } from '../../mongol/ScriptText';

type Script = 'mn-Mong' | 'mn-Cyrl';

/** Traditional ↔ Cyrillic Mongolian, word by word, by rules and an exception dictionary (the server's). */
export function ConvertPanel() {
  const { t } = useI18n();
  const [from, setFrom] = useState<Script>('mn-Mong');
  const [text, setText] = useState('');
  const convert = useMutation({ mutationFn: () => convertScript(text, from) });
  const out = convert.data;
  return (
    <div data-testid="convert" className="translation__convert">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={from}
          onChange={(e) => (setFrom(e.target.value as Script), setText(''), convert.reset())}
          options={[
            { value: 'mn-Mong', label: t('tr.convert.toCyrl') },
            { value: 'mn-Cyrl', label: t('tr.convert.toMong') },
          ]}
          optionType="button"
          data-testid="convert-direction"
        />
        <Button type="primary" disabled={!text.trim()} loading={convert.isPending} onClick={() => convert.mutate()} data-testid="convert-run">
          <Msg k="tr.convert.run" />
        </Button>
      </Space>
      <Alert type="info" showIcon title={<Msg k="tr.convert.note" />} style={{ marginBottom: 12 }} />
      <div className="translation__convert-io">
        <Input.TextArea
          lang={from}
          aria-label={t('tr.source')}
          className={from === 'mn-Mong' ? 'translation__mongol-input translation__mongol-input--tall' : undefined}
          autoSize={from === 'mn-Mong' ? undefined : { minRows: 8 }}
          value={text}
          maxLength={16000}
          onChange={(e) => setText(e.target.value)}
          data-testid="convert-input"
        />
        <div className="translation__convert-out" data-testid="convert-output" lang={out?.to}>
          {convert.isError ? <ScriptText text={errorText(convert.error, t)} /> : out ? out.to === 'mn-Mong' ? <MongolText as="div">{out.text}</MongolText> : <div style={{ whiteSpace: 'pre-wrap' }}>{out.text}</div> : null}
        </div>
      </div>
    </div>
  );
}
