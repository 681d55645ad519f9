import { Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useSpacePeople } from '../../api/community';
import { nameOf } from './hooks';

interface Props {
  orgId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** People to offer besides the search results (those already in the thread). */
  known?: { id: string; name: string }[];
  multiple?: boolean;
  placeholder: string;
  testId: string;
}

/** Picks people of a space (those the reader may see): for mentions and for naming moderators. */
export function PeoplePicker({ orgId, value, onChange, known = [], multiple = true, placeholder, testId }: Props) {
  const { lang } = useI18n();
  const [q, setQ] = useState('');
  const found = useSpacePeople(orgId, q);
  const options = new Map<string, string>(known.map((p) => [p.id, p.name]));
  for (const p of found.data ?? []) options.set(p.id, `${p.name} · ${nameOf(p.org, lang)}`);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      onSearch={setQ}
      allowClear
      value={multiple ? value : value[0]}
      onChange={(v: string | string[] | undefined) => onChange(v === undefined ? [] : Array.isArray(v) ? v : [v])}
      loading={found.isFetching}
      placeholder={placeholder}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      style={{ minWidth: 220 }}
      data-testid={testId}
    />
  );
}
