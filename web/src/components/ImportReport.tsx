import { Alert, Button, Space, Table } from 'antd';
import { errorText } from '../api/errorText';
import type { MessageKey } from '../i18n/languages';
import { Msg } from '../i18n/Msg';
import { useI18n } from '../i18n/useI18n';
import { ScriptText } from '../mongol/ScriptText';

/** One problem of an import's dry run: where it is in the file, and what is wrong there. */
export interface ImportProblemRow {
  row: number;
  column: string;
  problem: string;
  message?: string;
  messages?: { zh: string; en: string };
}

/** What a dry run of a file import found; every import endpoint answers in this shape. */
export interface ImportReportData {
  rows: number;
  valid: number;
  errors: ImportProblemRow[];
}

// The modules worded their reports apart (the keys are in use elsewhere, so both sets stay).
const WORDS = {
  sheet: { confirm: 'dis.import.confirm', hasErrors: 'dis.import.hasErrors', clean: 'dis.import.allValid', row: 'dis.import.row', column: 'dis.import.column', problem: 'dis.import.problem' },
  translation: { confirm: 'tr.import.confirm', hasErrors: 'tr.import.hasErrors', clean: 'tr.import.clean', row: 'tr.import.row', column: 'tr.import.column', problem: 'tr.import.problem' },
} as const satisfies Record<string, Record<string, MessageKey>>;

/**
 * The report of an import's dry run, shown before anything is written: the counts, then a table of
 * each problem by row and column. `testIdPrefix` keeps each page's test ids (`tr-` gives
 * `tr-import-report` and `tr-import-errors`).
 */
export function ImportReportView({ report, words = 'sheet', testIdPrefix = '' }: { report: ImportReportData; words?: keyof typeof WORDS; testIdPrefix?: string }) {
  const { lang } = useI18n();
  const w = WORDS[words];
  const failed = report.errors.length > 0;
  return (
    <div data-testid={`${testIdPrefix}import-report`} data-rows={report.rows} data-valid={report.valid} data-errors={report.errors.length}>
      <Alert type={failed ? 'warning' : 'success'} showIcon title={<Msg k={failed ? w.hasErrors : w.clean} vars={{ rows: report.rows, valid: report.valid, errors: report.errors.length }} />} />
      {failed && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}:${e.column}:${e.problem}`}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          dataSource={report.errors}
          data-testid={`${testIdPrefix}import-errors`}
          columns={[
            { key: 'row', title: <Msg k={w.row} />, dataIndex: 'row', width: 70 },
            { key: 'column', title: <Msg k={w.column} />, dataIndex: 'column', width: 150 },
            { key: 'message', title: <Msg k={w.problem} />, render: (_, e) => <ScriptText text={problemText(e, lang)} /> },
          ]}
        />
      )}
    </div>
  );
}

/**
 * An import dialog's buttons: cancel, and confirm, which only a clean report with valid rows allows
 * (`blocked` holds it back for the caller's own reasons, such as a request in flight).
 */
export function ImportFooter({
  report,
  blocked = false,
  loading,
  onCancel,
  onConfirm,
  words = 'sheet',
  testIdPrefix = '',
}: {
  report: ImportReportData | null;
  blocked?: boolean;
  loading: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  words?: keyof typeof WORDS;
  testIdPrefix?: string;
}) {
  return (
    <Space>
      <Button onClick={onCancel}>
        <Msg k="common.cancel" />
      </Button>
      <Button type="primary" data-testid={`${testIdPrefix}import-confirm`} disabled={blocked || !report || report.errors.length > 0 || report.valid === 0} loading={loading} onClick={onConfirm}>
        <Msg k={WORDS[words].confirm} vars={{ n: report?.valid ?? 0 }} />
      </Button>
    </Space>
  );
}

/** Why an import could not even be checked (a bad file, no permission…). */
export function ImportFailure({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useI18n();
  return <Alert type="error" showIcon title={<ScriptText text={errorText(error, t)} />} data-testid={testId} />;
}

/** A problem in the reader's language: English for the English UI, else Chinese; older reports carry one message. */
function problemText(e: ImportProblemRow, lang: string): string {
  return (lang === 'en' ? e.messages?.en : e.messages?.zh) ?? e.message ?? e.problem;
}
