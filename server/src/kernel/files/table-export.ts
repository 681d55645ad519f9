import ExcelJS from 'exceljs';

/** A column of an exported table: its key in the row objects and its (Chinese) header. */
export interface ExportColumn<K extends string = string> {
  key: K;
  header: string;
  width?: number;
  /** Kept as text in Excel (codes, phone numbers: no scientific notation, no lost leading zeros). */
  text?: boolean;
}

export interface ExportSheet<K extends string = string> {
  name: string;
  columns: ExportColumn<K>[];
  rows: Record<K, string | number | null>[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Content-Disposition for a download; the name is ASCII, chosen by the server. */
export const attachment = (name: string) => `attachment; filename="${name}"`;

/** A value that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
export function safeCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const cell = (v: string | number | null | undefined) => (typeof v === 'number' ? v : safeCell(v ?? ''));

/** One workbook with a sheet per table; headers bold, text columns kept as text. */
export async function sheetsToXlsx(sheets: ExportSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
    ws.getRow(1).font = { bold: true };
    for (const c of s.columns) if (c.text) ws.getColumn(c.key).numFmt = '@';
    for (const r of s.rows) ws.addRow(Object.fromEntries(s.columns.map((c) => [c.key, cell(r[c.key])])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV in UTF-8 with a byte-order mark (so Excel opens Chinese and Mongolian correctly), CRLF line ends. */
export function tableToCsv(s: Pick<ExportSheet, 'columns' | 'rows'>): string {
  const line = (xs: (string | number)[]) => xs.map((x) => csvField(String(x))).join(',');
  const out = [line(s.columns.map((c) => c.header)), ...s.rows.map((r) => line(s.columns.map((c) => cell(r[c.key]))))];
  return '\uFEFF' + out.join('\r\n') + '\r\n';
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
