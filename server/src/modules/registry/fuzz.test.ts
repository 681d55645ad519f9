import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { FIELD_TYPES, type FieldDef } from './fields.js';
import { LISTS } from './lists/index.js';
import { parseValue } from './values.js';

/**
 * The import parser against generated input: whatever the file holds, the answer is a report or a
 * clear refusal (never a 500), and the list grows by exactly the rows reported created — all of a
 * file or none of it.
 */
let t: TestApp;
let tumed: string;
const HEADERS = ['所属组织', '名称', '类型', '成立日期', '会员数', '负责人', '联系电话'];

beforeAll(async () => {
  t = await createTestApp();
  tumed = await t.login('tumed-admin');
}, 60_000);
afterAll(() => t.close());

const counts = async () => ({
  rows: (await t.db.kysely.selectFrom('reg_grassroots').select('id').execute()).length,
  history: (await t.db.kysely.selectFrom('registry_history').select('id').where('list', '=', 'grassroots').execute()).length,
});

async function send(data: Buffer, name: string, dryRun: boolean) {
  const { payload, headers } = multipartFile('file', name, data);
  return t.app.inject({ method: 'POST', url: `/api/registry/grassroots/import?dryRun=${dryRun}`, payload, headers: { ...headers, cookie: tumed } });
}

let written = 0;
/** Sends a file and checks the one property that matters: a clear answer, and all rows or none written. */
async function check(data: Buffer, name: string, dryRun: boolean) {
  const before = await counts();
  const res = await send(data, name, dryRun);
  expect([200, 400, 413, 415], res.body).toContain(res.statusCode);
  const created = res.statusCode === 200 ? (res.json().created as number) : 0;
  if (res.statusCode === 200) {
    const report = res.json();
    expect(created === 0 || report.errors.length === 0).toBe(true);
    if (!dryRun && report.errors.length === 0) expect(created).toBe(report.valid);
    for (const e of report.errors) {
      expect(e.row).toBeGreaterThanOrEqual(1);
      expect(e.messages.zh.length).toBeGreaterThan(0);
      expect(e.messages.en.length).toBeGreaterThan(0);
    }
  } else expect(res.json().error.messages.zh.length).toBeGreaterThan(0);
  const after = await counts();
  expect(after.rows).toBe(before.rows + created);
  expect(after.history).toBe(before.history + created);
  written += created;
}

// Cells that are mostly right and sometimes anything: real codes, labels and dates, weighted so that
// some generated files are wholly valid (and get written) while most have a problem somewhere.
let seq = 0;
const mostly = <T,>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: any, weight: 1 });
const cell = {
  org: mostly(fc.constantFrom('150121', '150121100', '土默特左旗', '150404'), fc.string()),
  name: mostly(
    fc.constant(null).map(() => `生成协会${++seq}`),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
  ),
  kind: mostly(fc.constantFrom('企业科协', 'rural_association', 'Park association'), fc.string()),
  date: mostly(fc.constantFrom('2025-01-01', '2024/2/29', '2025年3月4日'), fc.string()),
  members: mostly(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.string()),
  text: mostly(fc.constantFrom('', '巴特尔', 'ᠪᠠᠲᠤ'), fc.string({ unit: 'grapheme' })),
  phone: mostly(fc.constantFrom('', '13912345678', '0471-1234567'), fc.string()),
};
const row = fc.tuple(cell.org, cell.name, cell.kind, cell.date, cell.members, cell.text, cell.phone);

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

describe('the import parser', () => {
  it('reads any CSV: a report or a clear refusal, and all rows or none written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 6 }), fc.boolean(), fc.boolean(), async (rows, dryRun, bom) => {
        const text = [HEADERS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
        await check(Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8'), 'fuzz.csv', dryRun);
      }),
      {
        numRuns: 60,
        // One wholly valid file always runs, so the "all rows written" side is exercised on every run.
        examples: [[[['150121', '生成协会示例', '企业科协', '2025-01-01', '12', '巴特尔', '13912345678'] as [string, string, string, string, string, string, string]], false, false]],
      },
    );
    // Both sides of the property were exercised: some files were written whole.
    expect(written).toBeGreaterThan(0);
  });

  it('survives CSV that is broken as CSV (stray quotes, ragged rows, control characters)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), async (junk, dryRun) => {
        await check(Buffer.from(`${HEADERS.join(',')}\n${junk}`, 'utf8'), 'junk.csv', dryRun);
      }),
      { numRuns: 40 },
    );
  });

  it('reads any workbook of any cell values', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.date({ min: new Date('1800-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(row.map((r) => r as unknown[]), fc.array(value, { maxLength: 9 })), { maxLength: 6 }), fc.boolean(), async (rows, dryRun) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('s');
        ws.addRow(HEADERS);
        for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
        await check(Buffer.from(await wb.xlsx.writeBuffer()), 'fuzz.xlsx', dryRun);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses arbitrary bytes without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.constantFrom('x.xlsx', 'x.csv', 'x.bin'), async (bytes, name) => {
        await check(Buffer.from(bytes), name, false);
      }),
      { numRuns: 40 },
    );
  });
});

describe('parseValue', () => {
  it('never throws and answers a stored value or a named problem, for every field type and any input', () => {
    const fields: FieldDef[] = LISTS.flatMap((l) => l.fields);
    expect(new Set(fields.map((f) => f.type))).toEqual(new Set(FIELD_TYPES));
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), fc.constantFrom('json' as const, 'sheet' as const), (f, raw, source) => {
        const r = parseValue(f, raw, source);
        if (r.ok) expect(['string', 'number', 'boolean', 'object']).toContain(typeof r.value);
        else expect(r.problem).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});
