import ExcelJS from 'exceljs';
import { sheetsToXlsx, tableToCsv } from '../../kernel/files/table-export.js';
import { readImportRows, refuseXlsxBomb, type ParsedSheet as ParsedSheetOf, type SheetRow as SheetRowOf } from '../../kernel/files/xlsx.js';
import type { StationKind, StationStatus } from './tables.js';

/**
 * The station spreadsheet: one header row, then one station per row. The same columns serve the
 * import template, the import and the export, so an export can be edited and imported elsewhere.
 * Headers may be Chinese (as in the template) or the English keys.
 */
export const COLUMNS = [
  { key: 'code', zh: '编码', required: true, width: 16 },
  { key: 'name_zh', zh: '名称', required: true, width: 28 },
  { key: 'name_mn', zh: '蒙古文名称', required: false, width: 28 },
  { key: 'org_code', zh: '组织代码', required: true, width: 16 },
  { key: 'place', zh: '地点', required: false, width: 28 },
  { key: 'kind', zh: '类型', required: true, width: 10 },
  { key: 'owner_name', zh: '联系人', required: false, width: 12 },
  { key: 'owner_phone', zh: '联系电话', required: false, width: 16 },
  { key: 'status', zh: '状态', required: false, width: 8 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** Extra columns an export carries after the importable ones (ignored on import). */
export const EXPORT_EXTRA = [
  { key: 'org_name', zh: '组织名称', width: 24 },
  { key: 'last_heartbeat_at', zh: '最后心跳', width: 24 },
] as const;

const HEADER_ALIASES: Record<string, ColumnKey> = Object.fromEntries(
  COLUMNS.flatMap((c) => [
    [c.zh, c.key],
    [c.key, c.key],
  ]),
);
// A few spellings people type.
Object.assign(HEADER_ALIASES, { 站点编码: 'code', 站点名称: 'name_zh', 中文名称: 'name_zh', 蒙文名称: 'name_mn', 组织编码: 'org_code', 机构代码: 'org_code', 电话: 'owner_phone', 手机: 'owner_phone', 负责人: 'owner_name' });

/** Kind as written in a sheet (Chinese or the English key) → the stored kind. */
export const KIND_WORDS: Record<string, StationKind> = {
  屏: 'screen',
  科普屏: 'screen',
  screen: 'screen',
  一体机: 'kiosk',
  kiosk: 'kiosk',
  阅览室: 'reading_room',
  reading_room: 'reading_room',
};
export const KIND_ZH: Record<StationKind, string> = { screen: '屏', kiosk: '一体机', reading_room: '阅览室' };

export const STATUS_WORDS: Record<string, StationStatus> = {
  启用: 'active',
  在用: 'active',
  active: 'active',
  停用: 'inactive',
  inactive: 'inactive',
  退役: 'retired',
  报废: 'retired',
  retired: 'retired',
};
export const STATUS_ZH: Record<StationStatus, string> = { active: '启用', inactive: '停用', retired: '退役' };


export type SheetRow = SheetRowOf<ColumnKey>;
export type ParsedSheet = ParsedSheetOf<ColumnKey>;

/** Reads the first worksheet: header row, then every row that has any value. Throws when the file is not a readable workbook. */
export async function readStationSheet(file: string, maxRows: number): Promise<ParsedSheet> {
  await refuseXlsxBomb(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return readImportRows(wb.worksheets[0], COLUMNS, HEADER_ALIASES, maxRows);
}

/** The empty import template: Chinese headers, lists for kind and status, and a sheet explaining the columns. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('科普e站');
  ws.columns = COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Codes and phone numbers stay text, so Excel keeps leading zeros and does not write 1.39E+10.
  for (const key of ['code', 'org_code', 'owner_phone'] as const) ws.getColumn(key).numFmt = '@';
  // Drop-down lists on the first 2,000 rows (exceljs merges them into two ranges when writing).
  for (let r = 2; r <= 2001; r++) {
    ws.getCell(r, COLUMNS.findIndex((c) => c.key === 'kind') + 1).dataValidation = { type: 'list', allowBlank: false, formulae: ['"屏,一体机,阅览室"'] };
    ws.getCell(r, COLUMNS.findIndex((c) => c.key === 'status') + 1).dataValidation = { type: 'list', allowBlank: true, formulae: ['"启用,停用,退役"'] };
  }
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列', width: 14 },
    { header: '必填', width: 6 },
    { header: '说明 / Notes', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  const notes: Record<ColumnKey, string> = {
    code: '站点编码，全区唯一，印在设备上并随心跳上报（字母、数字、- 或 _，最长32位） / unique station code',
    name_zh: '中文名称（最长200字） / Chinese name',
    name_mn: '传统蒙古文名称，可用蒙科立编码，导入时自动转为Unicode / Traditional Mongolian name (Menksoft converted)',
    org_code: '所属旗县区、苏木乡镇或嘎查村的代码（GB/T 2260），须在您的管辖范围内 / banner, township or village code in your scope',
    place: '安放地点 / where it stands',
    kind: '屏、一体机 或 阅览室 / screen, kiosk or reading_room',
    owner_name: '联系人姓名 / contact name',
    owner_phone: '手机（11位）或固话（区号+号码） / mobile or landline',
    status: '启用（默认）、停用 或 退役 / active (default), inactive or retired',
  };
  for (const c of COLUMNS) help.addRow([c.zh, c.required ? '是' : '', notes[c.key]]);
  help.addRow([]);
  help.addRow(['', '', '先用“仅校验”上传检查，全部通过后再正式导入；有任何错误时不会写入任何数据。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ExportRow = Record<ColumnKey | (typeof EXPORT_EXTRA)[number]['key'], string>;

const EXPORT_COLUMNS = [...COLUMNS, ...EXPORT_EXTRA];

const EXPORT_SHEET = (rows: ExportRow[]) => ({
  name: '科普e站',
  columns: EXPORT_COLUMNS.map((c) => ({ key: c.key, header: c.zh, width: c.width, text: ['code', 'org_code', 'owner_phone'].includes(c.key) })),
  rows,
});

export const exportWorkbook = (rows: ExportRow[]): Promise<Buffer> => sheetsToXlsx([EXPORT_SHEET(rows)]);

/** CSV in UTF-8 with a byte-order mark (so Excel opens Chinese and Mongolian correctly), CRLF line ends. */
export const exportCsv = (rows: ExportRow[]): string => tableToCsv(EXPORT_SHEET(rows));

export { safeCell } from '../../kernel/files/table-export.js';
