import type { FieldDef, OrgName, Value } from '../../api/registry';
import { Msg } from '../../i18n/Msg';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText } from '../dissemination/parts';
import { valueKey } from './labels';

/** One value as a list shows it: enum and yes/no in the UI language, an org by its name, text in its own script. */
export function ValueView({ list, field, value, orgs }: { list: string; field: FieldDef; value: Value | undefined; orgs: Record<string, OrgName> }) {
  if (value === null || value === undefined || value === '') return <span className="reg-empty">–</span>;
  switch (field.type) {
    case 'enum':
      return (
        <span data-value={String(value)}>
          <Msg k={valueKey(list, field.key, String(value))} />
        </span>
      );
    case 'boolean':
      return <Msg k={value === true ? 'registry.yes' : 'registry.no'} />;
    case 'org': {
      const org = orgs[String(value)];
      return org ? <BiNameText name={org.name} /> : <code>{String(value)}</code>;
    }
    case 'integer':
    case 'decimal':
      return <span className="reg-number">{typeof value === 'number' ? value.toLocaleString('zh-CN') : value}</span>;
    case 'date':
    case 'phone':
    case 'idnumber':
      return <span className="reg-code">{String(value)}</span>;
    default:
      return <ScriptText text={String(value)} />;
  }
}
