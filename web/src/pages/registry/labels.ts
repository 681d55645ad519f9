import type { FieldDef } from '../../api/registry';
import type { MessageKey } from '../../i18n/languages';

// Catalog keys of a list's words: reg.<list>, reg.<list>.<field>, reg.<list>.<field>.<value>.
// The server's definitions test checks that every one exists in all three catalogs.
export const listKey = (list: string) => `reg.${list}` as MessageKey;
export const fieldKey = (list: string, field: string) => `reg.${list}.${field}` as MessageKey;
export const valueKey = (list: string, field: string, value: string) => `reg.${list}.${field}.${value}` as MessageKey;

/** Fields offered as filters, by how they filter. */
export function filterFields(fields: FieldDef[]) {
  return {
    choice: fields.filter((f) => f.filter && !f.personal && (f.type === 'enum' || f.type === 'boolean')),
    range: fields.filter((f) => f.filter && !f.personal && (f.type === 'date' || f.type === 'integer' || f.type === 'decimal')),
  };
}

/** A random UUID also where crypto.randomUUID is missing (plain-HTTP intranet addresses are not a secure context). */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
