import { messageFor, type ErrorCode, type Lang } from '../../kernel/http/errors.js';
import type { FieldDef, ListDef, Value, Values } from './fields.js';
import { parseValue, type Source } from './values.js';

/** An org as a reference resolves to it. */
export interface OrgRef {
  id: string;
  code: string;
  kind: string;
  path: string;
  name_zh: string;
  name_mn: string | null;
}

/**
 * Org references of a batch of rows, resolved in one query beforehand: by id (API) or by code,
 * else by exact Chinese name (sheets). `visible` hides orgs outside the caller's reach, so they
 * answer exactly like unknown ones.
 */
export interface OrgLookup {
  byId: Map<string, OrgRef>;
  byCode: Map<string, OrgRef>;
  byName: Map<string, OrgRef[]>;
  visible: (org: OrgRef) => boolean;
}

export interface Problem {
  field: string;
  problem: string;
  params: Record<string, string | number>;
  /** Another field named in the message. */
  other?: string;
}

const KIND_ZH: Record<string, string> = { region: '自治区', league: '盟市', banner: '旗县区', society: '学会', enterprise: '企业', university: '高校', township: '苏木乡镇', village: '嘎查村', rural_association: '农村专业技术协会' };

export const fieldOf = (def: ListDef, key: string): FieldDef | undefined => def.fields.find((f) => f.key === key);

function resolveOrg(f: FieldDef & { type: 'org' }, raw: string, source: Source, orgs: OrgLookup): { org?: OrgRef; problem?: Problem } {
  const fail = (problem: string): { problem: Problem } => ({ problem: { field: f.key, problem, params: { value: raw } } });
  let org: OrgRef | undefined;
  if (source === 'json') org = orgs.byId.get(raw);
  else {
    org = orgs.byCode.get(raw);
    if (!org) {
      const named = (orgs.byName.get(raw) ?? []).filter(orgs.visible);
      if (named.length > 1) return fail('org_ambiguous');
      org = named[0];
    }
  }
  if (!org || !orgs.visible(org)) return fail('org_not_found');
  if (f.kinds && !f.kinds.includes(org.kind as never)) {
    return { problem: { field: f.key, problem: 'org_kind', params: { value: raw, allowed: f.kinds.map((k) => KIND_ZH[k] ?? k).join('、'), allowedEn: f.kinds.join(', ') } } };
  }
  return { org };
}

/**
 * Parses the given fields of one row. Org fields come back as org ids, with the resolved orgs in
 * `orgs` (by field). Fields not in `keys` are left out of `values`.
 */
export function parseFields(def: ListDef, input: Record<string, unknown>, keys: readonly string[], source: Source, orgs: OrgLookup) {
  const values: Values = {};
  const resolved: Record<string, OrgRef> = {};
  const problems: Problem[] = [];
  for (const key of keys) {
    const f = fieldOf(def, key);
    if (!f) {
      problems.push({ field: key, problem: 'unknown_field', params: {} });
      continue;
    }
    const parsed = parseValue(f, input[key], source);
    if (!parsed.ok) {
      problems.push({ field: key, problem: parsed.problem, params: parsed.params ?? {} });
      continue;
    }
    let value: Value = parsed.value;
    if (f.type === 'org' && typeof value === 'string') {
      const r = resolveOrg(f, value, source, orgs);
      if (r.problem) {
        problems.push(r.problem);
        continue;
      }
      resolved[key] = r.org!;
      value = r.org!.id;
    }
    values[key] = value;
  }
  return { values, orgs: resolved, problems };
}

/** Required fields and the list's own rules, on a whole row (every field present in `v`). */
export function checkRow(def: ListDef, v: Values, today: string, skip: ReadonlySet<string> = new Set()): Problem[] {
  const out: Problem[] = [];
  for (const f of def.fields) if (f.required && (v[f.key] === null || v[f.key] === undefined) && !skip.has(f.key)) out.push({ field: f.key, problem: 'required', params: {} });
  // Rules judge a row whose fields are each valid; a field already wrong (skip) would only add noise.
  if (out.length === 0 && def.rules) {
    for (const p of def.rules(v, today)) if (!skip.has(p.field)) out.push({ field: p.field, problem: p.problem, params: p.params ?? {}, ...(p.other ? { other: p.other } : {}) });
  }
  return out;
}

const label = (def: ListDef, key: string, lang: Lang) => {
  const f = fieldOf(def, key);
  return f ? f[lang] : key;
};

/** A problem in one language; `column` is the field's label unless given (an import names the header as written). */
export function problemMessage(def: ListDef, p: Problem, lang: Lang, column?: string): string {
  const params = { ...p.params, column: column ?? label(def, p.field, lang), ...(p.other ? { other: label(def, p.other, lang) } : {}) };
  return messageFor(`registry.problem.${p.problem}` as ErrorCode, params, lang);
}

/** A problem as the API reports it: field, problem code, and the message in the caller's language and in both. */
export function describe(def: ListDef, p: Problem, lang: Lang, column?: string) {
  const zh = problemMessage(def, p, 'zh', column);
  const en = problemMessage(def, p, 'en', column);
  return { field: p.field, problem: p.problem, message: lang === 'zh' ? zh : en, messages: { zh, en } };
}
