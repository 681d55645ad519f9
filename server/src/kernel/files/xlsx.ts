import { AppError } from '../http/errors.js';
import ExcelJS from 'exceljs';
import { checkZipLimits, XLSX_LIMITS } from './zip-limits.js';

/**
 * Every .xlsx import goes through here before exceljs opens it: a zip bomb is refused with 413
 * (upload.zip_too_large), a file that is not a zip with 400 (upload.damaged).
 */
export function checkXlsxLimits(source: string | Uint8Array): Promise<void> {
  return checkZipLimits(source, XLSX_LIMITS, 'Excel (.xlsx)');
}

/**
 * Only the size limits: a zip bomb is refused (413) before exceljs inflates anything; a file that
 * is not a zip at all is left to the caller's reader, which reports it in its own words.
 */
export async function refuseXlsxBomb(source: string | Uint8Array): Promise<void> {
  try {
    await checkXlsxLimits(source);
  } catch (err) {
    if (err instanceof AppError && err.status === 413) throw err;
  }
}

/** The checked workbook of an import upload (a spooled file path or the bytes). exceljs' own errors pass through. */
export async function loadImportWorkbook(source: string | Buffer): Promise<ExcelJS.Workbook> {
  await checkXlsxLimits(source);
  const wb = new ExcelJS.Workbook();
  if (typeof source === 'string') await wb.xlsx.readFile(source);
  else await wb.xlsx.load(source as unknown as ArrayBuffer);
  return wb;
}

/** A cell as plain text, whatever Excel stored: numbers (phones, codes), rich text, links, formula results, dates. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  return '';
}

/** One data row of an imported sheet: its number as Excel shows it (header = row 1) and its non-empty cells. */
export interface SheetRow<K extends string> {
  row: number;
  values: Partial<Record<K, string>>;
}

export interface ParsedSheet<K extends string> {
  /** The header text found in the file for each known column, for pointing at it in the report. */
  headers: Partial<Record<K, string>>;
  /** Required columns without a header. */
  missing: K[];
  rows: SheetRow<K>[];
}

/**
 * Reads a worksheet of an import: the header row is matched against `aliases` (exact text, then
 * lower case; a byte-order mark from a CSV is ignored), then every row with any value in a known
 * column, stopping after maxRows + 1 rows so the caller can report "too many" without reading on.
 */
export function readImportRows<K extends string>(
  ws: ExcelJS.Worksheet | undefined,
  columns: readonly { key: K; required?: boolean }[],
  aliases: Readonly<Record<string, K>>,
  maxRows: number,
): ParsedSheet<K> {
  const headers: Partial<Record<K, string>> = {};
  const byIndex = new Map<number, K>();
  const rows: SheetRow<K>[] = [];
  if (!ws) return { headers, missing: columns.filter((c) => c.required).map((c) => c.key), rows };
  ws.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/^\uFEFF/, '').trim();
    const key = aliases[text] ?? aliases[text.toLowerCase()];
    if (key && !headers[key]) {
      headers[key] = text;
      byIndex.set(col, key);
    }
  });
  const missing = columns.filter((c) => c.required && !headers[c.key]).map((c) => c.key);
  ws.eachRow((r, n) => {
    if (n === 1 || rows.length > maxRows) return;
    const values: Partial<Record<K, string>> = {};
    let any = false;
    r.eachCell((cell, col) => {
      const key = byIndex.get(col);
      const text = key ? cellText(cell.value).trim() : '';
      if (key && text) {
        values[key] = text;
        any = true;
      }
    });
    if (any) rows.push({ row: n, values });
  });
  return { headers, missing, rows };
}
