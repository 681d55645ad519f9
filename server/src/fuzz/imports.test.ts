import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../kernel/http/errors.js';
import { readImportRows } from '../kernel/files/xlsx.js';
import { checkZipLimits } from '../kernel/files/zip-limits.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { multipartFile } from '../test/multipart.js';

/**
 * The spreadsheet imports of e-stations, information officers and volunteers, through the real
 * routes, with generated files: mostly-right rows with a bad cell here and there, workbooks of any
 * cell values, broken zips and arbitrary bytes. Whatever arrives: a report or a clear refusal (never
 * a 500), and the table grows by exactly what the answer says was created (all of a file or none).
 * The registry's import has its own fuzz test (modules/registry/fuzz.test.ts).
 */
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('tumed-admin');
}, 60_000);
afterAll(() => t.close());

let seq = 0;
const unique = fc.constant(null).map(() => ++seq);
const mostly = <T,>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 10 }, { arbitrary: any, weight: 1 });
const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '=1+1', '-1', '1e308', '0x1F', '\u0000', 'ᠮᠣᠩᠭᠣᠯ', '\uE2F2\uE26C'));
const phone = unique.map((n) => `139${String(47_000_000 + n).padStart(8, '0')}`);

interface ImportRoute {
  url: string;
  table: 'stations' | 'officers' | 'volunteers';
  headers: string[];
  row: fc.Arbitrary<unknown[]>;
  /** File names the route may accept. */
  names: string[];
  /** Statuses that are clear answers for this route. */
  ok: number[];
}

const ROUTES: ImportRoute[] = [
  {
    url: '/api/stations/import',
    table: 'stations',
    headers: ['编码', '名称', '蒙古文名称', '组织代码', '地点', '类型', '联系人', '联系电话', '状态'],
    row: fc.tuple(
      mostly(unique.map((n) => `FZ-${n}`), junk),
      mostly(fc.constantFrom('科普e站', '嘎查阅览室'), junk),
      mostly(fc.constantFrom('', 'ᠡ ᠰᠲ᠋ᠠᠨᠼ'), junk),
      mostly(fc.constantFrom('150121', '150121100'), junk),
      mostly(fc.constantFrom('', '村委会'), junk),
      mostly(fc.constantFrom('屏', '一体机', '阅览室'), junk),
      mostly(fc.constantFrom('', '巴特尔'), junk),
      mostly(fc.oneof(fc.constant(''), phone), junk),
      mostly(fc.constantFrom('', '启用', '停用'), junk),
    ),
    names: ['s.xlsx'],
    ok: [200, 400, 413, 415],
  },
  {
    url: '/api/officers/import',
    table: 'officers',
    headers: ['姓名', '手机', '组织代码'],
    row: fc.tuple(mostly(fc.constantFrom('乌云', '哈斯'), junk), mostly(phone, junk), mostly(fc.constantFrom('150121100001', '150121100'), junk)),
    names: ['o.xlsx'],
    ok: [200, 400, 409, 413, 415],
  },
  {
    url: '/api/volunteers/import',
    table: 'volunteers',
    headers: ['姓名', '性别', '手机', '组织代码', '服务语言', '技能', '领域', '身份证号', '身份证号单独同意', '未满14周岁', '监护人'],
    row: fc.tuple(
      mostly(fc.constantFrom('张伟', '其其格'), junk),
      mostly(fc.constantFrom('男', '女', ''), junk),
      mostly(phone, junk),
      mostly(fc.constantFrom('150121100', '150121100001'), junk),
      mostly(fc.constantFrom('汉语', '蒙汉双语'), junk),
      mostly(fc.constantFrom('', '农技、植保'), junk),
      mostly(fc.constantFrom('', '农业'), junk),
      fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: junk, weight: 1 }),
      fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: fc.constantFrom('是', '否'), weight: 1 }),
      fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: junk, weight: 1 }),
      fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: junk, weight: 1 }),
    ),
    names: ['v.xlsx', 'v.csv'],
    ok: [200, 400, 413, 415],
  },
];

const count = async (table: ImportRoute['table']) => (await t.db.kysely.selectFrom(table).select('id').execute()).length;

/** Sends one file and checks the property; returns how many rows were written. */
async function check(route: ImportRoute, data: Buffer, name: string, dryRun: boolean): Promise<number> {
  const before = await count(route.table);
  const { payload, headers } = multipartFile('file', name, data);
  const res = await t.app.inject({ method: 'POST', url: `${route.url}?dryRun=${dryRun}`, payload, headers: { ...headers, cookie: admin } });
  expect(route.ok, `${route.url} ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
  let created = 0;
  if (res.statusCode === 200) {
    const report = res.json() as { rows: number; valid: number; errors: unknown[]; created: number };
    created = report.created;
    expect(created === 0 || report.errors.length === 0).toBe(true);
    if (dryRun) expect(created).toBe(0);
    else if (report.errors.length === 0) expect(created).toBe(report.valid);
  } else {
    const error = (res.json() as { error: { message: string; messages?: { zh: string; en: string } } }).error;
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(await count(route.table), `${route.url}: rows written`).toBe(before + created);
  return created;
}

async function workbook(headers: unknown[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date('1800-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
  // Plain objects: exceljs's writer calls methods of Object.prototype on them.
  fc.record({ formula: fc.constantFrom('1+1', 'A1', 'NOW()'), result: fc.oneof(fc.string(), fc.integer()) }).map((o) => ({ ...o })),
  fc.record({ text: fc.string(), hyperlink: fc.constantFrom('https://example.com', 'javascript:alert(1)') }).map((o) => ({ ...o })),
  fc.array(fc.string(), { maxLength: 3 }).map((texts) => ({ richText: texts.map((text) => ({ text })) })),
);

describe('spreadsheet imports (stations, officers, volunteers) under fuzzing', () => {
  for (const route of ROUTES) {
    it(`${route.url}: mostly-right rows give a report, and all rows or none are written`, async () => {
      let written = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(route.row, { maxLength: 5 }), fc.boolean(), async (rows, dryRun) => {
          written += await check(route, await workbook(route.headers, rows), route.names[0]!, dryRun);
        }),
        { numRuns: 25 },
      );
      if (route.names.includes('v.csv')) {
        await fc.assert(
          fc.asyncProperty(fc.array(route.row, { maxLength: 4 }), fc.boolean(), async (rows, dryRun) => {
            const csv = [route.headers, ...rows].map((r) => r.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
            written += await check(route, Buffer.from(csv, 'utf8'), 'v.csv', dryRun);
          }),
          { numRuns: 15 },
        );
      }
      // The "all written" side of the property ran too.
      expect(written).toBeGreaterThan(0);
    });

    it(`${route.url}: workbooks of any cells, headers or not, never give a 500`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(route.headers as unknown[]), fc.array(cellValue, { maxLength: 12 })),
          fc.array(fc.array(cellValue, { maxLength: 12 }), { maxLength: 5 }),
          async (headers, rows) => {
            await check(route, await workbook(headers, rows), route.names[0]!, false);
          },
        ),
        { numRuns: 20 },
      );
    });

    it(`${route.url}: a zip bomb is refused with 413 before the workbook is read, nothing written`, async () => {
      // A real workbook plus one part of 110 MB of zeros (~110 KB on the wire).
      const real = await workbook(route.headers, [[]]);
      const bombed = Buffer.from(zipSync({ ...unzipSync(real), 'customXml/pad.xml': new Uint8Array(110 * 1024 * 1024) }, { level: 9 }));
      const before = await count(route.table);
      const { payload, headers } = multipartFile('file', route.names[0]!, bombed);
      const res = await t.app.inject({ method: 'POST', url: `${route.url}?dryRun=false`, payload, headers: { ...headers, cookie: admin } });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
      expect(res.json().error.code).toBe('upload.zip_too_large');
      expect(await count(route.table)).toBe(before);
    }, 60_000);

    it(`${route.url}: arbitrary bytes and broken zips are refused without a 500`, async () => {
      const valid = await workbook(route.headers, []);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ minLength: 1, maxLength: 1500 }).map((b) => Buffer.from(b)),
            // A real workbook cut short or with bytes flipped: the zip reader meets broken data.
            fc.tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, bytes]) => {
              const copy = Buffer.from(valid);
              copy.set(bytes.subarray(0, copy.length - at), at);
              return copy;
            }),
            fc.nat(valid.length - 1).map((n) => valid.subarray(0, n + 1)),
          ),
          fc.constantFrom(...route.names, 'x.bin'),
          async (bytes, name) => {
            await check(route, bytes, name, false);
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});

describe('readImportRows', () => {
  it('reads any worksheet without throwing, returning only known columns and rows after the header', async () => {
    const columns = [{ key: 'a', required: true }, { key: 'b' }] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellValue, { maxLength: 6 }), { maxLength: 8 }), fc.nat(5), async (rows, maxRows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('s');
        for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
        // Read back from bytes, as an upload would be.
        const back = new ExcelJS.Workbook();
        await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
        const parsed = readImportRows(back.worksheets[0], columns, { A: 'a', b: 'b' }, maxRows);
        expect(parsed.rows.length).toBeLessThanOrEqual(maxRows + 1);
        for (const r of parsed.rows) {
          expect(r.row).toBeGreaterThan(1);
          for (const k of Object.keys(r.values)) expect(['a', 'b']).toContain(k);
          for (const v of Object.values(r.values)) expect(typeof v === 'string' && v.length > 0).toBe(true);
        }
        expect(parsed.missing.includes('a')).toBe(!parsed.headers.a);
      }),
      { numRuns: 100 },
    );
    expect(readImportRows(undefined, columns, {}, 10)).toEqual({ headers: {}, missing: ['a'], rows: [] });
  });
});

describe('checkZipLimits', () => {
  /** Overwrites the uncompressed-size fields of `name` (local header and central directory) with `size`. */
  const lieAbout = (zip: Uint8Array, name: string, size: number): Buffer => {
    const buf = Buffer.from(zip);
    const n = Buffer.from(name);
    for (let i = buf.indexOf(n); i !== -1; i = buf.indexOf(n, i + 1)) {
      if (i >= 30 && buf.readUInt32LE(i - 30) === 0x04034b50) buf.writeUInt32LE(size, i - 30 + 22);
      else if (i >= 46 && buf.readUInt32LE(i - 46) === 0x02014b50) buf.writeUInt32LE(size, i - 46 + 24);
    }
    return buf;
  };
  const part = fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.nat(40_000).map((n) => new Uint8Array(n)));

  it('refuses every zip that truly inflates past the limit, whatever its directory says, and passes honest ones under it', async () => {
    const limits = { maxTotalBytes: 64 * 1024, maxEntries: 6, maxRatio: 200 };
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 8 }), fc.option(fc.nat(1000), { nil: undefined }), async (parts, lie) => {
        const files = Object.fromEntries(parts.map((p, i) => [`xl/part${i}.xml`, p]));
        const honest = zipSync(files, { level: 6 });
        const data = lie === undefined ? Buffer.from(honest) : lieAbout(honest, `xl/part${parts.length - 1}.xml`, lie);
        const total = parts.reduce((s, p) => s + p.length, 0);
        const verdict = await checkZipLimits(data, limits, 'Excel (.xlsx)').then(() => 'ok', (e: AppError) => e.code);
        if (total > limits.maxTotalBytes || parts.length > limits.maxEntries) expect(verdict).not.toBe('ok');
        else if (lie === undefined) expect(verdict).toBe('ok');
        expect(['ok', 'upload.zip_too_large', 'upload.damaged']).toContain(verdict);
      }),
      { numRuns: 60 },
    );
  });
});
