import ExcelJS from 'exceljs';
import { cellText, refuseXlsxBomb } from '../../kernel/files/xlsx.js';

/**
 * The officer import sheet: a header row naming the columns (Chinese or English), then one officer
 * per row. Extra columns are ignored.
 */
export const COLUMNS = [
  { key: 'name', zh: '姓名' },
  { key: 'phone', zh: '手机' },
  { key: 'orgCode', zh: '组织代码' },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

const ALIASES: Record<string, ColumnKey> = {
  姓名: 'name',
  name: 'name',
  手机: 'phone',
  手机号: 'phone',
  手机号码: 'phone',
  电话: 'phone',
  phone: 'phone',
  组织代码: 'orgCode',
  组织编码: 'orgCode',
  嘎查村代码: 'orgCode',
  orgcode: 'orgCode',
  org_code: 'orgCode',
};


export interface SheetRow {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  values: Record<ColumnKey, string>;
}

export type ParsedSheet = { ok: true; rows: SheetRow[] } | { ok: false; missing: ColumnKey } | { ok: false; unreadable: true };

/** Reads the first worksheet; blank rows are skipped. */
export async function readSheet(data: Buffer): Promise<ParsedSheet> {
  // A zip bomb is refused (413) before exceljs inflates anything.
  await refuseXlsxBomb(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, unreadable: true };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, unreadable: true };
  const index = new Map<ColumnKey, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = ALIASES[cellText(cell.value).trim().toLowerCase()] ?? ALIASES[cellText(cell.value).trim()];
    if (key && !index.has(key)) index.set(key, col);
  });
  for (const c of COLUMNS) if (!index.has(c.key)) return { ok: false, missing: c.key };
  const rows: SheetRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = Object.fromEntries(COLUMNS.map((c) => [c.key, cellText(r.getCell(index.get(c.key)!).value).trim()])) as Record<ColumnKey, string>;
    if (Object.values(values).every((v) => v === '')) return;
    rows.push({ row: n, values });
  });
  return { ok: true, rows };
}

export const headerName = (key: ColumnKey) => `${COLUMNS.find((c) => c.key === key)!.zh}/${key}`;
