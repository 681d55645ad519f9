import { Button, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import { ImportFailure, ImportFooter, ImportReportView } from '../../components/ImportReport';
import { Msg } from '../../i18n/Msg';
import type { FileReport } from '../../api/translation';

/**
 * A file import in two steps: the chosen file is checked on the server (a dry run: nothing written)
 * and its report shown; only a clean report can be confirmed, which imports the same file for real.
 */
export function FileImport({ open, title, accept, run, onClose, onImported }: { open: boolean; title: React.ReactNode; accept: string; run: (file: File, dryRun: boolean) => Promise<FileReport>; onClose: () => void; onImported: (created: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<FileReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const step = async (f: File, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await run(f, dryRun);
      if (dryRun || r.errors.length > 0) setReport(r);
      else {
        onImported(r.created);
        close();
      }
    } catch (e) {
      setError(e);
      setReport(null);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      width={820}
      destroyOnHidden
      onCancel={close}
      footer={<ImportFooter report={report} blocked={!file} loading={busy && !!report} onCancel={close} onConfirm={() => file && void step(file, false)} words="translation" testIdPrefix="tr-" />}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Upload
            accept={accept}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              void step(f, true);
              return false;
            }}
          >
            <Button data-testid="tr-import-choose" loading={busy && !report}>
              <Msg k="tr.import.choose" />
            </Button>
          </Upload>
          {file && <span>{file.name}</span>}
        </Space>
        {error ? <ImportFailure error={error} testId="tr-import-error" /> : null}
        {report && <ImportReportView report={report} words="translation" testIdPrefix="tr-" />}
      </Space>
    </Modal>
  );
}
