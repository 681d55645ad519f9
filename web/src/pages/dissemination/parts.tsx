import { Button, Input, Modal, Popover, Radio, Space, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EChartsOption } from 'echarts';
import type { BiName, ImportReport } from '../../api/dissemination';
import { useOrgs } from '../../api/queries';
import type { Org } from '../../api/types';
import { ImportFailure, ImportFooter, ImportReportView } from '../../components/ImportReport';
import { OrgName } from '../../components/org/OrgName';
import { OrgTree } from '../../components/org/OrgTree';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import './dissemination.css';

/** A bilingual name: the Mongolian one, vertical, in the Mongolian UI (when there is one), else the Chinese. */
export function BiNameText({ name, both }: { name: BiName; both?: boolean }) {
  const { lang } = useI18n();
  if (both && name.mn) {
    return (
      <span className="dis-biname">
        <span lang="zh-Hans">{name.zh}</span>
        <MongolText>{name.mn}</MongolText>
      </span>
    );
  }
  if (lang === 'mn-Mong' && name.mn) return <MongolText>{name.mn}</MongolText>;
  return <span lang="zh-Hans">{name.zh}</span>;
}

/** A labelled group of buttons (vertical Mongolian labels fit in buttons, not in drop-down rows). */
export function ButtonFilter<T extends string>({
  label,
  values,
  value,
  onChange,
  itemLabel,
  testId,
  all = true,
}: {
  label: MessageKey;
  values: readonly T[];
  value: T | undefined;
  onChange: (v: T | undefined) => void;
  itemLabel: (v: T) => MessageKey;
  testId: string;
  all?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="dis-filter" role="group" aria-label={t(label)}>
      <span className="dis-filter__label">
        <Msg k={label} />
      </span>
      <Radio.Group optionType="button" size="small" data-testid={testId} value={value ?? ''} onChange={(e) => onChange(((e.target.value as string) || undefined) as T | undefined)}>
        {all && (
          <Radio.Button value="">
            <Msg k="common.all" />
          </Radio.Button>
        )}
        {values.map((v) => (
          <Radio.Button key={v} value={v}>
            <Msg k={itemLabel(v)} />
          </Radio.Button>
        ))}
      </Radio.Group>
    </div>
  );
}

/** A labelled field; the label is vertical in the Mongolian UI, so fields never need Mongolian placeholders. */
export function Field({ label, children, testId }: { label: MessageKey; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  // A group, not a <label>: a field may hold a group of buttons; the controls carry their own aria-label.
  return (
    <div className="dis-field" role="group" aria-label={t(label)} data-testid={testId}>
      <span className="dis-field__label" aria-hidden="true">
        <Msg k={label} />
      </span>
      {children}
    </div>
  );
}

/** Chooses one org from the tree (the caller's scope), or none. */
export function OrgPicker({ value, onChange, testId = 'org-picker', allowClear = true }: { value: string | undefined; onChange: (id: string | undefined) => void; testId?: string; allowClear?: boolean }) {
  const { lang, t } = useI18n();
  const orgs = useOrgs();
  const [open, setOpen] = useState(false);
  const selected = orgs.data?.find((o) => o.id === value);
  return (
    <div className="dis-filter" data-testid={testId}>
      <span className="dis-filter__label">
        <Msg k="dis.org" />
      </span>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        placement="bottomLeft"
        content={
          <div className="dis-org-popover">
            <OrgTree
              orgs={orgs.data ?? []}
              selectedId={value ?? null}
              label={t('dis.org')}
              onSelect={(org: Org) => {
                onChange(org.id);
                setOpen(false);
              }}
            />
          </div>
        }
      >
        <Button size="small" data-testid={`${testId}-button`}>
          {selected ? <OrgName org={selected} lang={lang} /> : <Msg k="dis.allOrgs" />}
        </Button>
      </Popover>
      {allowClear && selected && (
        <Button size="small" type="link" onClick={() => onChange(undefined)}>
          <Msg k="dis.clear" />
        </Button>
      )}
    </div>
  );
}

/** An ECharts chart; the library loads on first use, so pages without charts (the login page) stay small. */
export function EChart({ option, height = 260, testId }: { option: EChartsOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: EChartsOption) => void; resize: () => void; dispose: () => void } | undefined;
    const resize = () => chart?.resize();
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
      // Tooltips drawn in the chart, not as HTML: ECharts writes its HTML tooltip with style="" attributes, which the CSP refuses.
      chart.setOption(option.tooltip && !Array.isArray(option.tooltip) ? { ...option, tooltip: { ...option.tooltip, renderMode: 'richText' } } : option);
      ref.current.dataset.ready = 'true';
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} className="dis-chart" style={{ height }} data-testid={testId} />;
}

/** A number as a bar beside it (HTML, so names beside it can be vertical Mongolian). */
export function Bar({ n, max }: { n: number; max: number }) {
  return (
    <span className="dis-bar">
      <span className="dis-bar__fill" style={{ width: `${max > 0 ? Math.max(2, (n / max) * 100) : 0}%` }} />
      <span className="dis-bar__n" data-testid="bar-n">
        {n}
      </span>
    </span>
  );
}

/**
 * An .xlsx import: choose the file, see the server's validation report (a dry run: nothing written),
 * then confirm to import for real. With any error nothing can be imported.
 */
export function ImportDialog({
  open,
  onClose,
  title,
  run,
  onImported,
  templateUrl,
}: {
  open: boolean;
  onClose: () => void;
  title: MessageKey;
  run: (file: File, dryRun: boolean) => Promise<ImportReport>;
  onImported: (created: number) => void;
  templateUrl?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const cancel = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setError(null);
    setBusy(true);
    try {
      setReport(await run(f, true));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const done = await run(file, false);
      if (done.errors.length > 0) setReport(done);
      else {
        onImported(done.created);
        cancel();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={<Msg k={title} />}
      width={820}
      onCancel={cancel}
      footer={<ImportFooter report={report} loading={busy} onCancel={cancel} onConfirm={() => void confirm()} />}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(f) => {
              void check(f);
              return false;
            }}
          >
            <Button data-testid="import-choose" loading={busy && !report}>
              <Msg k="dis.import.choose" />
            </Button>
          </Upload>
          {file && <span data-testid="import-file">{file.name}</span>}
          {templateUrl && (
            <a href={templateUrl} download data-testid="import-template">
              <Msg k="dis.import.template" />
            </a>
          )}
        </Space>
        {error !== null && <ImportFailure error={error} testId="import-error" />}
        {report && <ImportReportView report={report} />}
      </Space>
    </Modal>
  );
}

/** A day as YYYY-MM-DD input (digits read the same in every UI language). */
export function DayInput({ value, onChange, testId, label }: { value: string; onChange: (v: string) => void; testId?: string; label: MessageKey }) {
  const { t } = useI18n();
  return <Input type="date" size="small" value={value} aria-label={t(label)} data-testid={testId} onChange={(e) => e.target.value && onChange(e.target.value)} style={{ width: 150 }} />;
}

/**
 * The period (two days) and the org subtree a dashboard reads: one row of filters (dissemination
 * dashboard, indicators and reports). Test ids are `<testPrefix>-from` and `<testPrefix>-to`.
 */
export function PeriodOrgFilters(props: {
  label: MessageKey;
  from: string;
  to: string;
  onFrom: (v: string) => void;
  onTo: (v: string) => void;
  fromLabel: MessageKey;
  toLabel: MessageKey;
  testPrefix: string;
  orgId: string | undefined;
  onOrg: (id: string | undefined) => void;
}) {
  return (
    <div className="dis-filters">
      <div className="dis-filter">
        <span className="dis-filter__label">
          <Msg k={props.label} />
        </span>
        <DayInput value={props.from} onChange={props.onFrom} testId={`${props.testPrefix}-from`} label={props.fromLabel} />
        <span>–</span>
        <DayInput value={props.to} onChange={props.onTo} testId={`${props.testPrefix}-to`} label={props.toLabel} />
      </div>
      <OrgPicker value={props.orgId} onChange={props.onOrg} />
    </div>
  );
}

/** Memoised chart option from data (a new object only when the data changes). */
export function useOption<T>(data: T | undefined, build: (d: T) => EChartsOption): EChartsOption | null {
  return useMemo(() => (data === undefined ? null : build(data)), [data]);
}
