import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Drawer, Input, InputNumber, Popover, Radio, Space } from 'antd';
import { useState } from 'react';
import { createRow, fetchPersonal, problemsOf, updateRow, type FieldDef, type ListInfo, type OrgName, type Row, type Value, type Values } from '../../api/registry';
import { useOrgs } from '../../api/queries';
import type { Org } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { OrgName as OrgNameText } from '../../components/org/OrgName';
import { OrgTree } from '../../components/org/OrgTree';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, Field } from '../dissemination/parts';
import { fieldKey, valueKey } from './labels';

/**
 * The form for one row, generated from the list's fields. A personal value arrives masked: its
 * input starts empty (the masked value as a hint) and is sent only when typed anew, or after the
 * full value was fetched through the audited "show in full" request.
 */
export function RowForm({ list, row, orgs, onClose, onSaved }: { list: ListInfo; row: Row | null; orgs: Record<string, OrgName>; onClose: () => void; onSaved: () => void }) {
  const initial: Values = {};
  for (const f of list.fields) initial[f.key] = row && !(f.personal && row.masked.includes(f.key)) ? (row.values[f.key] ?? null) : null;
  const [values, setValues] = useState<Values>(initial);
  const [revealed, setRevealed] = useState<Values | null>(null);
  const set = (key: string, v: Value) => setValues((prev) => ({ ...prev, [key]: v }));

  const reveal = useMutation({
    mutationFn: () => fetchPersonal(list.key, row!.id),
    onSuccess: (r) => {
      setRevealed(r.values);
      setValues((prev) => ({ ...prev, ...r.values }));
    },
  });

  const save = useMutation({
    mutationFn: () => {
      if (!row) return createRow(list.key, values);
      // Only what changed; a personal field counts as changed once it was typed anew or revealed and edited.
      const base = { ...initial, ...(revealed ?? {}) };
      const changed: Values = {};
      for (const f of list.fields) {
        const v = values[f.key] ?? null;
        if (v !== (base[f.key] ?? null) && !(f.personal && row.masked.includes(f.key) && !revealed && v === null)) changed[f.key] = v;
      }
      return updateRow(list.key, row.id, changed, row.updatedAt);
    },
    onSuccess: onSaved,
  });
  const problems = problemsOf(save.error);
  const problemOf = (key: string) => problems.filter((p) => p.field === key);
  const hasPersonal = !!row && row.masked.length > 0;

  return (
    <Drawer
      open
      size="large"
      onClose={onClose}
      title={<Msg k={row ? 'registry.edit' : 'registry.new'} />}
      extra={
        <Space>
          <Button onClick={onClose}>
            <Msg k="common.cancel" />
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="reg-save">
            <Msg k="common.save" />
          </Button>
        </Space>
      }
    >
      <div className="dis-form reg-form" data-testid="reg-form">
        {save.isError && problems.length === 0 && <ErrorState error={save.error} />}
        {problems.length > 0 && <Alert type="error" showIcon data-testid="reg-form-problems" title={<ScriptText text={problems.map((p) => p.message).join(' ')} />} />}
        {hasPersonal && !revealed && (
          <Alert
            type="info"
            showIcon
            title={<Msg k="registry.personalHint" />}
            action={
              row.canWrite && (
                <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="reg-reveal">
                  <Msg k="registry.showPersonal" />
                </Button>
              )
            }
          />
        )}
        {reveal.isError && <ErrorState error={reveal.error} />}
        {list.fields.map((f) => (
          <div key={f.key} className={problemOf(f.key).length ? 'reg-field reg-field--error' : 'reg-field'} data-field={f.key}>
            <Field label={fieldKey(list.key, f.key)}>
              <Space orientation="vertical" size={2} style={{ flex: 1 }}>
                <Input_ list={list.key} field={f} value={values[f.key] ?? null} onChange={(v) => set(f.key, v)} orgs={orgs} placeholder={row && f.personal && !revealed ? (row.values[f.key] as string | null) : null} />
                {f.required && (
                  <span className="reg-required">
                    <Msg k="registry.required" />
                  </span>
                )}
                {problemOf(f.key).map((p) => (
                  <span key={p.problem} className="reg-problem" data-testid="reg-field-problem">
                    <ScriptText text={p.message} />
                  </span>
                ))}
              </Space>
            </Field>
          </div>
        ))}
        {row && (
          <p className="reg-hint">
            <Msg k="registry.keep" />
          </p>
        )}
      </div>
    </Drawer>
  );
}

/** The input for one field, by its type. */
function Input_({ list, field, value, onChange, orgs, placeholder }: { list: string; field: FieldDef; value: Value; onChange: (v: Value) => void; orgs: Record<string, OrgName>; placeholder: string | null }) {
  const { t } = useI18n();
  const label = t(fieldKey(list, field.key));
  const testId = `reg-input-${field.key}`;
  const text = (v: string) => onChange(v === '' ? null : v);
  switch (field.type) {
    case 'enum':
    case 'boolean': {
      const options = field.type === 'enum' ? (field.values ?? []) : ['true', 'false'];
      const current = value === null ? '' : String(value);
      return (
        <Radio.Group
          optionType="button"
          size="small"
          value={current}
          data-testid={testId}
          aria-label={label}
          onChange={(e) => {
            const v = e.target.value as string;
            onChange(v === '' ? null : field.type === 'boolean' ? v === 'true' : v);
          }}
        >
          {!field.required && (
            <Radio.Button value="">
              <Msg k="common.none" />
            </Radio.Button>
          )}
          {options.map((o) => (
            <Radio.Button key={o} value={o} data-value={o}>
              <Msg k={field.type === 'enum' ? valueKey(list, field.key, o) : o === 'true' ? 'registry.yes' : 'registry.no'} />
            </Radio.Button>
          ))}
        </Radio.Group>
      );
    }
    case 'integer':
    case 'decimal':
      return (
        <InputNumber
          value={typeof value === 'number' ? value : null}
          min={field.min}
          max={field.max}
          precision={field.type === 'integer' ? 0 : undefined}
          step={field.type === 'integer' ? 1 : 0.01}
          aria-label={label}
          data-testid={testId}
          style={{ width: 200 }}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
    case 'date':
      return <Input type="date" value={typeof value === 'string' ? value : ''} aria-label={label} data-testid={testId} style={{ width: 180 }} onChange={(e) => text(e.target.value)} />;
    case 'longtext':
      return <Input.TextArea value={typeof value === 'string' ? value : ''} autoSize={{ minRows: 2, maxRows: 8 }} aria-label={label} data-testid={testId} onChange={(e) => text(e.target.value)} />;
    case 'org':
      return <OrgChooser value={typeof value === 'string' ? value : null} onChange={(id) => onChange(id)} known={orgs} label={label} testId={testId} />;
    default:
      return (
        <Input
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder ?? undefined}
          inputMode={field.type === 'phone' ? 'tel' : undefined}
          aria-label={label}
          data-testid={testId}
          onChange={(e) => text(e.target.value)}
        />
      );
  }
}

/** Picks an org from the caller's tree; shows the current one by name. */
function OrgChooser({ value, onChange, known, label, testId }: { value: string | null; onChange: (id: string) => void; known: Record<string, OrgName>; label: string; testId: string }) {
  const { lang } = useI18n();
  const orgs = useOrgs();
  const [open, setOpen] = useState(false);
  const selected = orgs.data?.find((o) => o.id === value);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomLeft"
      content={
        <div className="dis-org-popover">
          <OrgTree
            orgs={orgs.data ?? []}
            selectedId={value}
            label={label}
            onSelect={(org: Org) => {
              onChange(org.id);
              setOpen(false);
            }}
          />
        </div>
      }
    >
      <Button size="small" data-testid={testId} aria-label={label}>
        {selected ? <OrgNameText org={selected} lang={lang} /> : value && known[value] ? <BiNameText name={known[value].name} /> : <Msg k="registry.chooseOrg" />}
      </Button>
    </Popover>
  );
}
