import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Descriptions, Drawer, Empty, Space, Tag, Timeline, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { type SuggestionStage, AUTHOR_UPLOAD_STAGES, FILE_ACCEPT, MAX_FILE_BYTES, suggestionFileUrl, uploadAll, useSuggestion, type FilePurpose } from '../../api/thinktank';
import { ErrorState } from '../../components/ErrorState';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime } from '../content/parts';
import './thinktank.css';

export const stageKey = (s: SuggestionStage) => `tt.stage.${s}` as MessageKey;
export const STAGE_COLORS: Record<SuggestionStage, string> = { received: 'default', under_review: 'processing', forwarded: 'blue', adopted: 'success', partly_adopted: 'cyan', not_adopted: 'error' };

export function StageTag({ stage }: { stage: SuggestionStage }) {
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage" data-stage={stage}>
      <Msg k={stageKey(stage)} />
    </Tag>
  );
}

/**
 * Files chosen in a form, kept in the browser until the form is sent (the suggestion must exist
 * before its files can be attached). Files over the server's limit are refused here already.
 */
export function FilePicker({ value, onChange, testId }: { value: File[]; onChange: (files: File[]) => void; testId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        multiple
        accept={FILE_ACCEPT}
        showUploadList={false}
        beforeUpload={(f, batch) => {
          // antd calls this once per file with the whole batch: take the batch on its first file.
          if (f !== batch[0]) return false;
          const ok = batch.filter((x) => x.size <= MAX_FILE_BYTES);
          for (const x of batch.filter((x) => x.size > MAX_FILE_BYTES)) void message.error(t('tt.uploadFailed', { name: x.name }));
          onChange([...value, ...ok]);
          return false;
        }}
      >
        <Button data-testid={testId}>
          <Msg k="tt.attach" />
        </Button>
      </Upload>
      <small className="tt-hint">{t('tt.fileHint')}</small>
      {value.length > 0 && (
        <ul className="tt-files" data-testid={`${testId}-chosen`}>
          {value.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <ScriptText text={f.name} />
              <Button size="small" type="link" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('common.cancel')}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}

/**
 * One suggestion as its author and its handlers see it: the text (vertical when Mongolian), the
 * stages it went through, the outcome, and its files to download. The author adds attachments
 * until it is forwarded; handlers add attachments or the evidence of adoption at any time.
 */
export function SuggestionDrawer({ id, staff, onClose }: { id: string; staff: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const s = useSuggestion(id);
  const [purpose, setPurpose] = useState<FilePurpose>('attachment');
  const upload = useMutation({
    mutationFn: (files: File[]) => uploadAll(id, purpose, files),
    onSuccess: (failed) => {
      for (const f of failed) void message.error(`${t('tt.uploadFailed', { name: f.name })} ${errorText(f.error, t)}`);
      void qc.invalidateQueries({ queryKey: ['thinktank', 'suggestion', id] });
    },
  });
  const d = s.data;
  const canUpload = !!d && (staff || AUTHOR_UPLOAD_STAGES.includes(d.stage));
  return (
    <Drawer open size="large" onClose={onClose} title={d ? <ScriptText text={d.title} /> : null} data-testid="tt-suggestion">
      {s.isError && <ErrorState error={s.error} onRetry={() => void s.refetch()} />}
      {d && (
        <div className="tt-detail" data-testid="tt-suggestion-detail" data-stage={d.stage}>
          <Space wrap>
            <StageTag stage={d.stage} />
            <Msg k={`tt.category.${d.category}` as MessageKey} />
            <ScriptText text={d.author} />
          </Space>
          {d.lang === 'mn' ? (
            <MongolText as="div" className="tt-body tt-body--mn" data-testid="tt-suggestion-body">
              {d.body}
            </MongolText>
          ) : (
            <div className="tt-body" data-testid="tt-suggestion-body">
              {d.body}
            </div>
          )}
          <h3>
            <Msg k="tt.stages" />
          </h3>
          <Timeline
            data-testid="tt-stages"
            items={d.stages.map((x) => ({
              color: STAGE_COLORS[x.stage] === 'default' ? 'gray' : STAGE_COLORS[x.stage] === 'error' ? 'red' : x.stage === 'adopted' || x.stage === 'partly_adopted' ? 'green' : 'blue',
              content: (
                <span data-stage={x.stage}>
                  <Msg k={stageKey(x.stage)} /> · {formatTime(x.at, lang)}
                  {x.note && (
                    <>
                      {' · '}
                      <ScriptText text={x.note} />
                    </>
                  )}
                </span>
              ),
            }))}
          />
          {(d.forwardedTo || d.adoptingBody) && (
            <Descriptions size="small" column={1} bordered data-testid="tt-outcome">
              {d.forwardedTo && <Descriptions.Item label={t('tt.forwardedTo')}>{d.forwardedTo}</Descriptions.Item>}
              {d.adoptingBody && <Descriptions.Item label={t('tt.adoptingBody')}>{d.adoptingBody}</Descriptions.Item>}
              {d.adoptedOn && <Descriptions.Item label={t('tt.adoptedOn')}>{d.adoptedOn}</Descriptions.Item>}
              {d.instructionLevel && <Descriptions.Item label={t('tt.instructionLevel')}>{t(`tt.level.${d.instructionLevel}` as MessageKey)}</Descriptions.Item>}
              {d.evidence && <Descriptions.Item label={t('tt.evidence')}>{d.evidence}</Descriptions.Item>}
            </Descriptions>
          )}
          <h3>
            <Msg k="tt.files" />
          </h3>
          {d.files.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Msg k="tt.noFiles" />} />
          ) : (
            <ul className="tt-files" data-testid="tt-files">
              {d.files.map((f) => (
                <li key={f.id} data-purpose={f.purpose}>
                  <Tag color={f.purpose === 'evidence' ? 'gold' : 'default'}>
                    <Msg k={`tt.file.${f.purpose}`} />
                  </Tag>
                  <a href={suggestionFileUrl(d.id, f.id)} download={f.name} data-testid="tt-file-link">
                    {f.name}
                  </a>{' '}
                  <small>{f.size < 1024 ? `${f.size} B` : `${Math.round(f.size / 1024)} KB`}</small>
                </li>
              ))}
            </ul>
          )}
          {canUpload && (
            <Space wrap>
              {staff && (
                <Space.Compact>
                  {(['attachment', 'evidence'] as const).map((p) => (
                    <Button key={p} type={purpose === p ? 'primary' : 'default'} onClick={() => setPurpose(p)} data-testid={`tt-purpose-${p}`}>
                      <Msg k={`tt.file.${p}`} />
                    </Button>
                  ))}
                </Space.Compact>
              )}
              <Upload
                multiple
                accept={FILE_ACCEPT}
                showUploadList={false}
                beforeUpload={(f, batch) => {
                  if (f === batch[0]) upload.mutate(batch);
                  return false;
                }}
              >
                <Button loading={upload.isPending} data-testid="tt-upload">
                  <Msg k="tt.attach" />
                </Button>
              </Upload>
            </Space>
          )}
        </div>
      )}
    </Drawer>
  );
}
