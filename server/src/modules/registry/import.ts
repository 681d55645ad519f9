import fs from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import JSZip from 'jszip';
import { XLSX_TYPE } from '../../kernel/files/table-export.js';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/db/ids.js';
import { localDay, nowIso } from '../../kernel/db/time.js';
import type { ListDef, Values } from './fields.js';
import { readSheet, type ParsedSheet, type SheetFormat } from './sheet.js';
import * as service from './service.js';
import * as store from './store.js';
import type { RegistryImportJobTable } from './tables.js';
import { checkRow, describe, parseFields, type Problem } from './validate.js';

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/**
 * What the parts of an .xlsx may claim to inflate to, together: a zip bomb is refused before it is
 * read. A full import (10,000 rows of a dozen columns) inflates to a few tens of megabytes.
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const XLSX_MIME = XLSX_TYPE;

export interface ImportProblem {
  /** The row a spreadsheet shows (the header is row 1). */
  row: number;
  /** The column's header as written in the file (the Chinese label when the column is missing). */
  column: string;
  field: string;
  problem: string;
  message: string;
  messages: { zh: string; en: string };
}

export interface ImportReport {
  format: SheetFormat;
  rows: number;
  valid: number;
  errors: ImportProblem[];
  created: number;
}

/**
 * What the upload is, from its bytes (never its name): an .xlsx workbook, or text taken as CSV.
 * Other binaries (a .xls, an image, a zip that is no workbook) are refused with 415.
 */
export async function sniffFormat(file: string): Promise<SheetFormat> {
  const t = await fileTypeFromFile(file);
  if (t?.mime === XLSX_MIME) return 'xlsx';
  if (t) throw new AppError(415, 'upload.bad_type', { type: t.mime });
  return 'csv';
}

/** Refuses an .xlsx whose parts claim to inflate to more than a sheet of this size ever needs. */
async function checkInflatedSize(file: string): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await fs.promises.readFile(file));
  } catch {
    throw new AppError(400, 'registry.import_unreadable');
  }
  let total = 0;
  // JSZip keeps each entry's size from the central directory without inflating it (not in its typings).
  zip.forEach((_path, entry) => {
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (total > MAX_INFLATED_BYTES) throw new AppError(400, 'registry.import_too_large');
}

/**
 * Progress of one import, kept in the database so that the person who started it can poll it from
 * any process. Updates are throttled; none is written inside the writing transaction (SQLite has one
 * connection, and the transaction's rows are invisible until it commits anyway).
 */
class Progress {
  private last = 0;
  private pending: Promise<void> = Promise.resolve();
  constructor(
    private readonly ctx: AppContext,
    private readonly id: string | null,
  ) {}

  static async start(ctx: AppContext, id: string | undefined, def: ListDef, userId: string, bytesTotal: number): Promise<Progress> {
    if (!id) return new Progress(ctx, null);
    const now = nowIso();
    await store.deleteJobsBefore(ctx.db.kysely, new Date(Date.now() - 86_400_000).toISOString());
    if (await store.findJob(ctx.db.kysely, id)) throw new AppError(409, 'registry.import_job_exists');
    await store.createJob(ctx.db.kysely, { id, list: def.key, user_id: userId, phase: 'reading', bytes_total: bytesTotal, bytes_read: 0, rows_read: 0, problems: 0, created: 0, created_at: now, updated_at: now });
    return new Progress(ctx, id);
  }

  /** Rows read so far (at most every 300 ms). */
  reading(bytesRead: number, rowsRead: number): void {
    if (!this.id || Date.now() - this.last < 300) return;
    this.last = Date.now();
    const id = this.id;
    // Progress is advisory: a failed update never fails the import.
    this.pending = this.pending.then(() => store.updateJob(this.ctx.db.kysely, id, { bytes_read: bytesRead, rows_read: rowsRead, updated_at: nowIso() })).catch(() => {});
  }

  async set(patch: Partial<RegistryImportJobTable>): Promise<void> {
    if (!this.id) return;
    const id = this.id;
    await this.pending;
    await store.updateJob(this.ctx.db.kysely, id, { ...patch, updated_at: nowIso() });
  }
}

/** An import's progress, for the person who started it (others get 404, as for a job that does not exist). */
export async function progress(ctx: AppContext, access: Access, jobId: string) {
  const user = access.requireUser();
  const job = await store.findJob(ctx.db.kysely, jobId);
  if (!job || job.user_id !== user.userId) throw new AppError(404, 'not_found');
  const percent = job.phase === 'done' ? 100 : job.bytes_total ? Math.min(99, Math.floor((job.bytes_read * 100) / job.bytes_total)) : 0;
  return { id: job.id, list: job.list, phase: job.phase, bytesTotal: job.bytes_total, bytesRead: job.bytes_read, rowsRead: job.rows_read, percent, problems: job.problems, created: job.created };
}

/**
 * Checks a whole file and, when `dryRun` is false and every row is valid, creates every row in one
 * transaction (with its history and audit rows). With any problem nothing is written. Checks: the
 * required columns, each cell by its field's type, required cells, the list's own rules, org
 * references (unknown and outside the caller's write scope look the same, so an import cannot probe
 * other banners), and unique keys within the file and against the list.
 */
export async function importFile(
  ctx: AppContext,
  access: Access,
  key: string,
  file: { path: string; size: number },
  opts: { dryRun: boolean; lang: Lang; ip: string | null; jobId?: string },
): Promise<ImportReport> {
  const def = service.listDef(key);
  service.writeScope(access, def);
  const format = await sniffFormat(file.path);
  if (format === 'xlsx') await checkInflatedSize(file.path);
  const job = await Progress.start(ctx, opts.jobId, def, access.user.userId, file.size);
  try {
    let sheet: ParsedSheet;
    try {
      sheet = await readSheet(def, file, format, MAX_IMPORT_ROWS, (p) => job.reading(p.bytesRead, p.rowsRead));
    } catch {
      throw new AppError(400, 'registry.import_unreadable');
    }
    if (sheet.tooMany) throw new AppError(400, 'registry.import_too_many', { max: MAX_IMPORT_ROWS });
    await job.set({ phase: 'checking', bytes_read: file.size, rows_read: sheet.rows.length });
    const checked = await check(ctx, access, def, sheet, format, opts.lang, ctx.db.kysely);
    if (opts.dryRun || checked.report.errors.length > 0 || checked.rows.length === 0) {
      await job.set({ phase: 'done', problems: checked.report.errors.length });
      return checked.report;
    }
    await job.set({ phase: 'writing' });
    // Checked again inside the transaction that writes, so a key taken in the meantime is caught too.
    const report = await ctx.db.kysely.transaction().execute(async (trx) => {
      const again = await check(ctx, access, def, sheet, format, opts.lang, trx);
      if (again.report.errors.length > 0) return again.report;
      await service.insertWithHistory(trx, def, again.rows, 'import', access.user.userId, opts.ip);
      return { ...again.report, created: again.rows.length };
    });
    await job.set({ phase: 'done', problems: report.errors.length, created: report.created });
    return report;
  } catch (err) {
    await job.set({ phase: 'failed' }).catch(() => {});
    throw err;
  }
}

async function check(ctx: AppContext, access: Access, def: ListDef, sheet: ParsedSheet, format: SheetFormat, lang: Lang, db: Parameters<typeof store.findJob>[0]) {
  const errors: ImportProblem[] = [];
  const column = (field: string) => sheet.headers[field] ?? def.fields.find((f) => f.key === field)?.zh ?? field;
  const report = (row: number, p: Problem) => errors.push({ row, column: column(p.field), ...describe(def, p, lang, column(p.field)) });
  const empty = { format, rows: sheet.rows.length, valid: 0, errors, created: 0 };
  for (const key of sheet.missing) report(1, { field: key, problem: 'missing_column', params: {} });
  if (sheet.missing.length) return { report: empty, rows: [] };

  const orgFields = def.fields.filter((f) => f.type === 'org').map((f) => f.key);
  const refs = sheet.rows.flatMap((r) => orgFields.map((k) => r.cells[k]).filter((x): x is string => !!x));
  const lookup = await service.orgLookup(db, access, def, { codes: refs, names: refs });
  const today = localDay();
  const keys = def.fields.map((f) => f.key);
  const candidates: { row: number; values: Values }[] = [];
  for (const r of sheet.rows) {
    const parsed = parseFields(def, r.cells, keys, 'sheet', lookup);
    const problems = [...parsed.problems, ...checkRow(def, parsed.values, today, new Set(parsed.problems.map((p) => p.field)))];
    // The row's own org must be one the caller writes; otherwise it answers like an unknown org.
    const owner = parsed.orgs.org_id;
    if (owner && !access.can('registry.write', service.subject(def, owner.path))) problems.push({ field: 'org_id', problem: 'org_not_found', params: { value: r.cells.org_id ?? '' } });
    for (const p of problems) report(r.row, p);
    if (problems.length === 0) candidates.push({ row: r.row, values: parsed.values });
  }

  // Unique keys: against the list, then within the file (the first occurrence wins, later ones are named).
  const dup = await service.duplicates(db, def, candidates);
  const firstRowOf = new Map<string, number>();
  const rows: { id: string; values: Values }[] = [];
  candidates.forEach((c, i) => {
    const d = dup[i];
    if (d) return report(c.row, d);
    if (def.unique) {
      const k = JSON.stringify(def.unique.map((u) => c.values[u] ?? null));
      const first = firstRowOf.get(k);
      if (first !== undefined) return report(c.row, { field: def.unique[def.unique.length - 1]!, problem: 'duplicate_in_file', params: { first } });
      firstRowOf.set(k, c.row);
    }
    rows.push({ id: newId(), values: c.values });
  });
  errors.sort((a, b) => a.row - b.row);
  return { report: { ...empty, valid: rows.length }, rows };
}
