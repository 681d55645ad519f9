import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { checkXlsxLimits, readImportRows } from '../../kernel/files/xlsx.js';
import { sheetsToXlsx, tableToCsv, type ExportSheet } from '../../kernel/files/table-export.js';
import { langFromTag } from './langs.js';

/** The termbase's columns, in file order, with the headers written on export and accepted on import. */
export const TERM_COLUMNS = [
  { key: 'zh', zh: '中文', en: 'zh', required: true, max: 200 },
  { key: 'mn_mong', zh: '传统蒙古文', en: 'mn-Mong', max: 400 },
  { key: 'mn_cyrl', zh: '西里尔蒙古文', en: 'mn-Cyrl', max: 400 },
  { key: 'en', zh: '英文', en: 'en', max: 400 },
  { key: 'domain', zh: '领域', en: 'domain', max: 100 },
  { key: 'notes', zh: '备注', en: 'notes', max: 2000 },
] as const;
export type TermColumn = (typeof TERM_COLUMNS)[number]['key'];
export type TermFields = Partial<Record<TermColumn, string>>;

const ALIASES: Record<string, TermColumn> = Object.fromEntries(
  TERM_COLUMNS.flatMap((c) => [
    [c.zh, c.key],
    [c.en.toLowerCase(), c.key],
    [c.key, c.key],
  ]),
);
ALIASES['蒙古文'] = 'mn_mong';
ALIASES['mn'] = 'mn_mong';
ALIASES['english'] = 'en';
ALIASES['chinese'] = 'zh';

export interface TermFileRow {
  row: number;
  values: TermFields;
}
export interface TermFile {
  /** Required columns the header row lacks. */
  missing: TermColumn[];
  rows: TermFileRow[];
}

export class TermFileError extends Error {}

export const MAX_TERM_ROWS = 5000;

/** A spreadsheet (first sheet) of terms. A zip bomb is refused (413) before exceljs inflates it. */
export async function readTermXlsx(data: Buffer): Promise<TermFile> {
  await checkXlsxLimits(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new TermFileError('not an xlsx workbook');
  }
  const { missing, rows } = readImportRows(wb.worksheets[0], TERM_COLUMNS, ALIASES, MAX_TERM_ROWS);
  return { missing, rows };
}

/** CSV with a header row (UTF-8, an optional byte-order mark; comma, semicolon or tab separated). */
export function readTermCsv(text: string): TermFile {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => first.split(b).length - first.split(a).length)[0]!;
  let records: string[][];
  try {
    records = parseCsv(body, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    throw new TermFileError(`unreadable CSV: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => ALIASES[h.trim()] ?? ALIASES[h.trim().toLowerCase()]);
  const missing = TERM_COLUMNS.filter((c) => 'required' in c && c.required && !header.includes(c.key)).map((c) => c.key);
  const rows: TermFileRow[] = [];
  records.slice(1, MAX_TERM_ROWS + 2).forEach((rec, i) => {
    const values: TermFields = {};
    rec.forEach((cell, col) => {
      const key = header[col];
      const v = cell.trim();
      if (key && v && !values[key]) values[key] = v;
    });
    if (Object.keys(values).length) rows.push({ row: i + 2, values });
  });
  return { missing, rows };
}

const asArray = ['termEntry', 'conceptEntry', 'langSet', 'langSec', 'tig', 'ntig', 'termSec', 'descrip', 'note', 'termGrp'];

const xmlParser = () =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => asArray.includes(name),
  });

/** Refuses DTDs: entity definitions are the classic XML bomb, and TBX/TMX files do not need them. */
export function assertNoDtd(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new TermFileError('DOCTYPE and ENTITY declarations are not accepted');
}

type Node = Record<string, unknown>;
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
/** The text of an element that may carry attributes or inline children. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(textOf).join(' ');
  const n = v as Node;
  if ('#text' in n) return textOf(n['#text']);
  return Object.entries(n)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, x]) => textOf(x))
    .join('');
}

/** TBX (TBX-Basic `martif`/`termEntry`/`langSet`/`tig`, and TBX v3 `tbx`/`conceptEntry`/`langSec`/`termSec`). */
export function readTermTbx(xml: string): TermFile {
  assertNoDtd(xml);
  let doc: Node;
  try {
    doc = xmlParser().parse(xml, true) as Node;
  } catch (e) {
    throw new TermFileError(`unreadable XML: ${(e as Error).message}`);
  }
  const root = nodes(doc.martif ?? doc.tbx)[0];
  if (!root) throw new TermFileError('no <martif> or <tbx> root element');
  const body = nodes(nodes(root.text)[0]?.body)[0] ?? {};
  const entries = [...nodes(body.termEntry), ...nodes(body.conceptEntry)];
  const rows: TermFileRow[] = [];
  entries.slice(0, MAX_TERM_ROWS + 1).forEach((entry, i) => {
    const values: TermFields = {};
    for (const d of nodes(entry.descrip)) {
      const type = String(d['@_type'] ?? '');
      if (type === 'subjectField' || type === 'domain') values.domain ??= textOf(d).trim() || undefined;
      if (type === 'definition' || type === 'note') values.notes ??= textOf(d).trim() || undefined;
    }
    // <note> is plain text (a string after parsing) or carries attributes (an object): textOf reads both.
    const notes = ([] as unknown[]).concat(entry.note ?? []).map((n) => textOf(n).trim()).filter(Boolean);
    if (!values.notes && notes.length) values.notes = notes.join('\n');
    for (const ls of [...nodes(entry.langSet), ...nodes(entry.langSec)]) {
      const groups = [...nodes(ls.tig), ...nodes(ls.ntig).flatMap((n) => nodes(n.termGrp)), ...nodes(ls.termSec)];
      const term = groups.map((g) => textOf(g.term).trim()).find(Boolean);
      if (!term) continue;
      const lang = langFromTag(String(ls['@_xml:lang'] ?? ''), term);
      const key: TermColumn | null = lang === 'zh-Hans' ? 'zh' : lang === 'mn-Mong' ? 'mn_mong' : lang === 'mn-Cyrl' ? 'mn_cyrl' : lang === 'en' ? 'en' : null;
      if (key && !values[key]) values[key] = term;
    }
    for (const k of Object.keys(values) as TermColumn[]) if (!values[k]) delete values[k];
    if (Object.keys(values).length) rows.push({ row: i + 1, values });
  });
  return { missing: [], rows };
}

export type TermExportRow = Record<TermColumn | 'id', string>;

const SHEET = (rows: TermExportRow[]): ExportSheet => ({
  name: '术语库',
  columns: TERM_COLUMNS.map((c) => ({ key: c.key, header: c.zh, width: c.key === 'notes' ? 40 : 24 })),
  rows,
});

export const termsToXlsx = (rows: TermExportRow[]) => sheetsToXlsx([SHEET(rows)]);
export const termsToCsv = (rows: TermExportRow[]) => tableToCsv(SHEET(rows));

const TBX_LANG: [TermColumn, string][] = [
  ['zh', 'zh-Hans'],
  ['mn_mong', 'mn-Mong'],
  ['mn_cyrl', 'mn-Cyrl'],
  ['en', 'en'],
];

/** TBX-Basic: one termEntry per concept, a langSet per language that has a term. */
export function termsToTbx(rows: TermExportRow[]): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  const termEntry = rows.map((r) => ({
    '@_id': `t-${r.id}`,
    ...(r.domain ? { descrip: { '@_type': 'subjectField', '#text': r.domain } } : {}),
    ...(r.notes ? { note: r.notes } : {}),
    langSet: TBX_LANG.filter(([k]) => r[k]).map(([k, tag]) => ({ '@_xml:lang': tag, tig: { term: r[k] } })),
  }));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    martif: { '@_type': 'TBX-Basic', '@_xml:lang': 'zh-Hans', martifHeader: { fileDesc: { sourceDesc: { p: 'Gerel termbase' } } }, text: { body: { termEntry } } },
  };
  return builder.build(doc) as string;
}
