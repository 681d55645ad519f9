import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, refuseXlsxBomb } from '../../kernel/files/xlsx.js';
import { sheetsToXlsx, tableToCsv, type ExportSheet } from '../../kernel/files/table-export.js';
import type { FieldDef, ListDef, Values } from './fields.js';

/**
 * A list as a spreadsheet: one header row (the fields' Chinese labels; English labels and keys are
 * accepted too), then one row per entry. The template, the import and the export share the columns,
 * so an export can be edited and imported elsewhere (the extra org-name and time columns are ignored).
 */

const norm = (s: string) => s.normalize('NFKC').replace(/[\s*＊]/g, '').toLowerCase();

/** Header text (normalised) → field key: the Chinese and English labels, the key; an org field also as "…代码"/"…编码". */
export function headerAliases(def: ListDef): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of def.fields) {
    const names = [f.zh, f.en, f.key];
    if (f.type === 'org') names.push(`${f.zh}代码`, `${f.zh}编码`, `${f.zh}名称`);
    if (f.key === 'org_id') names.push('组织代码', '组织', 'org', 'org_code');
    for (const n of names) if (!out.has(norm(n))) out.set(norm(n), f.key);
  }
  return out;
}

export interface SheetRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  cells: Record<string, string>;
}

export interface ParsedSheet {
  /** The header as written in the file, per field found. */
  headers: Record<string, string>;
  /** Required fields with no column. */
  missing: string[];
  rows: SheetRow[];
  /** More rows than allowed: reading stopped. */
  tooMany: boolean;
}

export type SheetFormat = 'xlsx' | 'csv';

export interface ReadProgress {
  (p: { bytesRead: number; rowsRead: number }): void;
}

class SheetCollector {
  readonly headers: Record<string, string> = {};
  readonly rows: SheetRow[] = [];
  tooMany = false;
  private byColumn = new Map<number, string>();
  private headerSeen = false;
  constructor(
    private readonly def: ListDef,
    private readonly maxRows: number,
  ) {}

  /** Takes one row as (column number → cell text); false once there are too many rows. */
  add(n: number, cells: Map<number, string>): boolean {
    if (!this.headerSeen) {
      // The first row is the header, wherever the data starts.
      this.headerSeen = true;
      const aliases = headerAliases(this.def);
      for (const [c, text] of cells) {
        const key = aliases.get(norm(text));
        if (key && !this.headers[key]) {
          this.headers[key] = text.trim();
          this.byColumn.set(c, key);
        }
      }
      return true;
    }
    const out: Record<string, string> = {};
    let any = false;
    for (const [c, text] of cells) {
      const key = this.byColumn.get(c);
      const t = text.trim();
      if (key && t) {
        out[key] = t;
        any = true;
      }
    }
    if (!any) return true;
    if (this.rows.length >= this.maxRows) {
      this.tooMany = true;
      return false;
    }
    this.rows.push({ row: n, cells: out });
    return true;
  }

  result(): ParsedSheet {
    const missing = this.def.fields.filter((f) => f.required && !this.headers[f.key]).map((f) => f.key);
    return { headers: this.headers, missing, rows: this.rows, tooMany: this.tooMany };
  }
}

/**
 * Reads the first worksheet of an .xlsx, streaming (exceljs' WorkbookReader: rows are handed over as
 * the zip is inflated, the file is never held whole), or a CSV (UTF-8, with or without BOM, or
 * GB18030 as Chinese Excel saves it). Throws when the file cannot be read as either.
 */
export async function readSheet(def: ListDef, file: { path: string; size: number }, format: SheetFormat, maxRows: number, progress: ReadProgress = () => {}): Promise<ParsedSheet> {
  const sheet = new SheetCollector(def, maxRows);
  if (format === 'csv') {
    const text = decodeCsv(await fs.promises.readFile(file.path));
    const wb = new ExcelJS.Workbook();
    // Every cell stays text: exceljs would otherwise turn phone numbers and ID numbers into numbers.
    const ws = await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v, parserOptions: { ignoreEmpty: false } } as never);
    let rowsRead = 0;
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (sheet.tooMany) return;
      const cells = new Map<number, string>();
      row.eachCell((cell, c) => cells.set(c, cellText(cell.value)));
      sheet.add(n, cells);
      if (++rowsRead % 1000 === 0) progress({ bytesRead: file.size, rowsRead });
    });
    progress({ bytesRead: file.size, rowsRead });
    return sheet.result();
  }

  // Streaming keeps the rows out of memory, not the shared strings: a zip bomb is refused (413) first.
  await refuseXlsxBomb(file.path);
  let bytesRead = 0;
  let rowsRead = 0;
  const input = fs.createReadStream(file.path);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      cb(null, chunk);
    },
  });
  input.on('error', (err) => counter.destroy(err));
  input.pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let first = true;
  try {
    for await (const ws of reader) {
      // Later worksheets (the template's help sheet) are drained, not read.
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (!first || sheet.tooMany) continue;
        const cells = new Map<number, string>();
        row.eachCell((cell, c) => cells.set(c, cellText(cell.value)));
        sheet.add(row.number, cells);
        if (++rowsRead % 500 === 0) progress({ bytesRead, rowsRead });
      }
      first = false;
    }
  } finally {
    input.destroy();
  }
  progress({ bytesRead, rowsRead });
  return sheet.result();
}

/** CSV bytes as text: UTF-8 when they are valid UTF-8 (BOM dropped), else GB18030 (a superset of GBK). */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.includes(0)) throw new Error('binary data is not CSV');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const WIDTH: Partial<Record<FieldDef['type'], number>> = { longtext: 40, text: 24, person: 12, date: 12, integer: 10, decimal: 12, boolean: 8, enum: 16, org: 16, phone: 16, idnumber: 22 };
const TEXT_TYPES = new Set(['org', 'phone', 'idnumber', 'text', 'date']);

interface Column {
  key: string;
  header: string;
  width: number;
  text: boolean;
}

/** The importable columns, then (for exports) each org's name and the row's times. */
function columns(def: ListDef, extras: boolean): Column[] {
  const out: Column[] = [];
  for (const f of def.fields) {
    out.push({ key: f.key, header: f.zh, width: WIDTH[f.type] ?? 16, text: TEXT_TYPES.has(f.type) });
    if (extras && f.type === 'org') out.push({ key: `${f.key}__name`, header: `${f.zh}（名称）`, width: 28, text: true });
  }
  if (extras) out.push({ key: '__created_at', header: '创建时间', width: 24, text: true }, { key: '__updated_at', header: '更新时间', width: 24, text: true });
  return out;
}

function typeNote(f: FieldDef): { zh: string; en: string } {
  switch (f.type) {
    case 'enum':
      return { zh: `填写：${f.values.map((v) => v.zh).join('、')}`, en: `one of: ${f.values.map((v) => v.en).join(', ')}` };
    case 'org':
      return { zh: `组织代码或组织全称${f.kinds ? `（${f.kinds.includes('society') ? '学会' : f.kinds.join('、')}）` : ''}，须在您的管辖范围内`, en: 'org code or full Chinese name, within your area' };
    case 'date':
      return { zh: '日期，如 2024-03-05', en: 'a date, e.g. 2024-03-05' };
    case 'integer':
      return { zh: `整数${f.min !== undefined ? `，${f.min}–${f.max ?? ''}` : ''}`, en: 'a whole number' };
    case 'decimal':
      return { zh: '数字，最多两位小数', en: 'a number (2 decimals)' };
    case 'boolean':
      return { zh: '是 或 否', en: 'yes or no' };
    case 'phone':
      return { zh: '手机（11位）或固话（区号+号码）', en: 'mobile or landline with area code' };
    case 'idnumber':
      return { zh: '18位居民身份证号', en: '18-character resident ID number' };
    default:
      return { zh: '文字', en: 'text' };
  }
}

function sheetName(def: ListDef): string {
  return def.zh.replace(/[\\/?*[\]:“”]/g, '').slice(0, 31) || def.key;
}

/** The empty import template: Chinese headers, drop-down lists for enums and yes/no, and a help sheet. */
export async function templateWorkbook(def: ListDef): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName(def));
  const cols = columns(def, false);
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    // Codes, phone and ID numbers stay text, so Excel keeps leading zeros and never writes 1.39E+10.
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
    const f = def.fields[i]!;
    const list = f.type === 'enum' ? f.values.map((v) => v.zh).join(',') : f.type === 'boolean' ? '是,否' : null;
    if (list) for (let r = 2; r <= 1001; r++) ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: !f.required, formulae: [`"${list}"`] };
  });
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列', width: 22 },
    { header: '必填', width: 6 },
    { header: '说明', width: 60 },
    { header: 'Notes', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const f of def.fields) {
    const t = typeNote(f);
    help.addRow([f.zh, f.required ? '是' : '', [t.zh, f.note?.zh, f.personal ? '个人信息，列表与导出中脱敏显示' : ''].filter(Boolean).join('；'), [f.en, t.en, f.note?.en].filter(Boolean).join('; ')]);
  }
  help.addRow([]);
  help.addRow(['', '', '先上传检查（不写入），全部通过后再确认导入；任何一行有错误时不会写入任何数据。', 'Upload to check first; nothing is written while any row has a problem.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template as CSV: the header row only (UTF-8 with BOM, so Excel opens it correctly). */
export function templateCsv(def: ListDef): string {
  return tableToCsv({ columns: columns(def, false), rows: [] });
}

export interface ExportRow {
  values: Values;
  orgs: Record<string, { code: string; name: string }>;
  createdAt: string;
  updatedAt: string;
}

/** One row's cells: enums and yes/no in Chinese, orgs by code then name, numbers as numbers (so sums work in Excel). */
function cells(def: ListDef, cols: Column[], r: ExportRow): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const c of cols) {
    if (c.key === '__created_at') out[c.key] = r.createdAt;
    else if (c.key === '__updated_at') out[c.key] = r.updatedAt;
    else if (c.key.endsWith('__name')) out[c.key] = r.orgs[String(r.values[c.key.slice(0, -6)] ?? '')]?.name ?? '';
    else {
      const f = def.fields.find((x) => x.key === c.key)!;
      const v = r.values[f.key] ?? null;
      if (v === null) out[c.key] = '';
      else if (f.type === 'enum') out[c.key] = f.values.find((x) => x.key === v)?.zh ?? String(v);
      else if (f.type === 'boolean') out[c.key] = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      else if (f.type === 'org') out[c.key] = r.orgs[String(v)]?.code ?? '';
      else out[c.key] = typeof v === 'number' ? v : String(v);
    }
  }
  return out;
}

/** The export as a table for the kernel's writers (which also defuse formula-like cells). */
function exportTable(def: ListDef, rows: ExportRow[]): ExportSheet {
  const cols = columns(def, true);
  return { name: sheetName(def), columns: cols, rows: rows.map((r) => cells(def, cols, r)) };
}

export const exportWorkbook = (def: ListDef, rows: ExportRow[]): Promise<Buffer> => sheetsToXlsx([exportTable(def, rows)]);
export const exportCsv = (def: ListDef, rows: ExportRow[]): string => tableToCsv(exportTable(def, rows));
