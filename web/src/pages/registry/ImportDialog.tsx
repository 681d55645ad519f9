import { Button, Modal, Progress, Space, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { importProgress, importSheet, templateUrl, type ImportProgress, type ImportReport } from '../../api/registry';
import { ImportFailure, ImportFooter, ImportReportView } from '../../components/ImportReport';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { newJobId } from './labels';

type Stage = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'server'; progress: ImportProgress | null };

/**
 * An .xlsx or .csv import: choose the file, watch it upload and the server read it, see the
 * validation report (a dry run: nothing written), then confirm to import for real. With any
 * problem nothing can be imported.
 */
export function ImportDialog({ list, open, onClose, onImported }: { list: string; open: boolean; onClose: () => void; onImported: (created: number) => void }) {
  const { lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const poll = useRef<number | null>(null);
  const stopPolling = () => {
    if (poll.current !== null) window.clearInterval(poll.current);
    poll.current = null;
  };
  useEffect(() => stopPolling, []);

  const run = async (f: File, dryRun: boolean) => {
    const job = newJobId();
    setError(null);
    setStage({ kind: 'uploading', percent: 0 });
    const onUpload = (percent: number) => {
      setStage(percent < 100 ? { kind: 'uploading', percent } : { kind: 'server', progress: null });
      // Once the bytes are up, the server reads and checks them: follow its progress.
      if (percent >= 100 && poll.current === null) {
        poll.current = window.setInterval(() => {
          importProgress(job)
            .then((p) => setStage((s) => (s.kind === 'server' ? { kind: 'server', progress: p } : s)))
            .catch(() => {});
        }, 400);
      }
    };
    try {
      return await importSheet(list, f, { dryRun, job, lang, onUpload });
    } finally {
      stopPolling();
      setStage({ kind: 'idle' });
    }
  };

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    try {
      setReport(await run(f, true));
    } catch (e) {
      setError(e);
    }
  };
  const confirm = async () => {
    if (!file) return;
    try {
      const done = await run(file, false);
      if (done.errors.length > 0) setReport(done);
      else {
        onImported(done.created);
        close();
      }
    } catch (e) {
      setError(e);
    }
  };
  const close = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  const busy = stage.kind !== 'idle';

  return (
    <Modal
      open={open}
      title={<Msg k="registry.importTitle" />}
      width={860}
      onCancel={close}
      footer={<ImportFooter report={report} blocked={busy} loading={busy && !!report} onCancel={close} onConfirm={() => void confirm()} />}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Upload
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            showUploadList={false}
            beforeUpload={(f) => {
              void check(f);
              return false;
            }}
          >
            <Button data-testid="import-choose" loading={busy && !report}>
              <Msg k="registry.importChoose" />
            </Button>
          </Upload>
          {file && <span data-testid="import-file">{file.name}</span>}
          <a href={templateUrl(list, 'xlsx')} download data-testid="import-template">
            <Msg k="dis.import.template" />
          </a>
          <a href={templateUrl(list, 'csv')} download data-testid="import-template-csv">
            <Msg k="registry.templateCsv" />
          </a>
        </Space>
        {stage.kind === 'uploading' && (
          <div data-testid="import-progress" data-phase="uploading">
            <Progress percent={stage.percent} size="small" />
            <Msg k="registry.importUploading" vars={{ percent: stage.percent }} />
          </div>
        )}
        {stage.kind === 'server' && (
          <div data-testid="import-progress" data-phase={stage.progress?.phase ?? 'reading'}>
            <Progress percent={stage.progress?.percent ?? 0} size="small" status="active" />
            {stage.progress?.phase === 'checking' ? (
              <Msg k="registry.importChecking" />
            ) : stage.progress?.phase === 'writing' ? (
              <Msg k="registry.importWriting" />
            ) : (
              <Msg k="registry.importReading" vars={{ rows: stage.progress?.rowsRead ?? 0 }} />
            )}
          </div>
        )}
        {error !== null && <ImportFailure error={error} testId="import-error" />}
        {report && <ImportReportView report={report} />}
      </Space>
    </Modal>
  );
}
