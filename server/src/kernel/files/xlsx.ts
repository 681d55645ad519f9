import type ExcelJS from 'exceljs';

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
