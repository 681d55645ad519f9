import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { refuseXlsxBomb, readImportRows, type ParsedSheet as ParsedSheetOf, type SheetRow as SheetRowOf } from '../../kernel/files/xlsx.js';
import { sheetsToXlsx, tableToCsv, type ExportColumn } from '../../kernel/files/table-export.js';
import type { Gender, VolunteerLanguage, VolunteerStatus } from './tables.js';

/**
 * The volunteer spreadsheet (.xlsx or UTF-8 .csv): one header row, one volunteer per row. The same
 * columns serve the template, the import and the export. Headers may be Chinese or the English keys.
 */
export const COLUMNS = [
  { key: 'name', zh: '姓名', required: true, width: 12 },
  { key: 'gender', zh: '性别', required: false, width: 6 },
  { key: 'phone', zh: '手机', required: true, width: 16 },
  { key: 'org_code', zh: '组织代码', required: true, width: 16 },
  { key: 'languages', zh: '服务语言', required: true, width: 12 },
  { key: 'skills', zh: '技能', required: false, width: 24 },
  { key: 'fields', zh: '领域', required: false, width: 24 },
  { key: 'id_number', zh: '身份证号', required: false, width: 22 },
  { key: 'id_consent', zh: '身份证号单独同意', required: false, width: 10 },
  { key: 'under14', zh: '未满14周岁', required: false, width: 10 },
  { key: 'guardian', zh: '监护人', required: false, width: 12 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const EXPORT_EXTRA = [
  { key: 'status', zh: '状态', width: 8 },
  { key: 'org_name', zh: '组织名称', width: 24 },
  { key: 'created_at', zh: '登记时间', width: 22 },
] as const;

const HEADER_ALIASES: Record<string, ColumnKey> = Object.fromEntries(COLUMNS.flatMap((c) => [[c.zh, c.key], [c.key, c.key]]));
Object.assign(HEADER_ALIASES, { 电话: 'phone', 手机号: 'phone', 联系电话: 'phone', 语言: 'languages', 身份证: 'id_number', 身份证号码: 'id_number', 同意: 'id_consent', 组织编码: 'org_code' });

export const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
export const GENDER_ZH: Record<Gender, string> = { male: '男', female: '女' };
export const LANGUAGE_WORDS: Record<string, VolunteerLanguage[]> = {
  蒙: ['mn'],
  蒙语: ['mn'],
  蒙古语: ['mn'],
  mn: ['mn'],
  汉: ['zh'],
  汉语: ['zh'],
  中文: ['zh'],
  zh: ['zh'],
  蒙汉: ['mn', 'zh'],
  蒙汉双语: ['mn', 'zh'],
  双语: ['mn', 'zh'],
};
export const LANGUAGES_ZH = (ls: VolunteerLanguage[]) => (ls.length === 2 ? '蒙汉双语' : ls[0] === 'mn' ? '蒙古语' : '汉语');
export const YES = new Set(['是', '同意', 'y', 'yes', '1', 'true', '√']);
export const NO = new Set(['否', '不同意', 'n', 'no', '0', 'false', '']);
export const STATUS_ZH: Record<VolunteerStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过', withdrawn: '已停用' };

export type SheetRow = SheetRowOf<ColumnKey>;
export type ParsedSheet = ParsedSheetOf<ColumnKey>;

/**
 * Reads the first worksheet of an .xlsx, or a CSV (every cell kept as text: an 18-digit ID number
 * or a phone number must not turn into a float). Throws when the file cannot be read.
 */
export async function readVolunteerSheet(file: string, format: 'xlsx' | 'csv', maxRows: number): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    await refuseXlsxBomb(file);
    await wb.xlsx.readFile(file);
    ws = wb.worksheets[0];
  } else {
    ws = await wb.csv.read(fs.createReadStream(file), { map: (v: unknown) => v } as never);
  }
  return readImportRows(ws, COLUMNS, HEADER_ALIASES, maxRows);
}

export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.columns = COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const key of ['phone', 'org_code', 'id_number'] as const) ws.getColumn(key).numFmt = '@';
  const help = wb.addWorksheet('说明');
  help.columns = [{ header: '列', width: 16 }, { header: '必填', width: 6 }, { header: '说明 / Notes', width: 100 }];
  help.getRow(1).font = { bold: true };
  const notes: Record<ColumnKey, string> = {
    name: '真实姓名 / real name',
    gender: '男 或 女 / male or female',
    phone: '手机（11位）或固话 / mobile or landline',
    org_code: '所属组织代码，须在您的管辖范围内 / org code in your scope',
    languages: '蒙古语、汉语 或 蒙汉双语 / mn, zh or both',
    skills: '技能，用顿号或逗号分隔 / skills, separated by commas',
    fields: '服务领域，用顿号或逗号分隔 / fields',
    id_number: '18位居民身份证号；须本人（或监护人）单独同意后方可填写 / 18-character resident ID, only with separate consent',
    id_consent: '填写身份证号时必须为“是”，表示已取得本人单独书面同意（文本版本见系统） / must be 是 when an ID number is given',
    under14: '未满14周岁填“是”，并须填写监护人 / 是 for a child under 14 (guardian required)',
    guardian: '未满14周岁者的监护人姓名（监护人同意） / guardian of a child under 14',
  };
  for (const c of COLUMNS) help.addRow([c.zh, c.required ? '是' : '', notes[c.key]]);
  help.addRow([]);
  help.addRow(['', '', '先上传校验，全部通过后再正式导入；有任何错误时不会写入任何数据。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ExportRow = Record<ColumnKey | (typeof EXPORT_EXTRA)[number]['key'], string>;
type ExportKey = keyof ExportRow;

const TEXT_COLUMNS = new Set<string>(['phone', 'org_code', 'id_number']);
const EXPORT_COLUMNS: ExportColumn<ExportKey>[] = [...COLUMNS.filter((c) => c.key !== 'id_consent' && c.key !== 'guardian'), ...EXPORT_EXTRA].map((c) => ({
  key: c.key,
  header: c.zh,
  width: c.width,
  text: TEXT_COLUMNS.has(c.key),
}));

/** The list as a workbook (codes, phones and ID numbers kept as text; formula-like cells defused by the kernel helper). */
export const exportWorkbook = (rows: ExportRow[]): Promise<Buffer> => sheetsToXlsx([{ name: '志愿者', columns: EXPORT_COLUMNS, rows }]);

/** CSV in UTF-8 with a byte-order mark, as the other exports. */
export const exportCsv = (rows: ExportRow[]): string => tableToCsv({ columns: EXPORT_COLUMNS, rows });
