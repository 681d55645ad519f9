import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { AppError } from '../http/errors.js';
import { checkZipLimits, DOCX_LIMITS, XLSX_LIMITS } from './zip-limits.js';

/**
 * Zip bombs built here, never stored: an .xlsx- or .docx-shaped zip (the real parts up front, so it
 * sniffs as the format) with one more part of zeros that deflates ~1000:1 and inflates past the limit.
 */
const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function realXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('t');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function realDocx(): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('科普')] }] })));
}

/** The parts of a real file, then `padding` bytes of zeros in one extra part. */
function bomb(real: Buffer, padding: number): Buffer {
  return Buffer.from(zipSync({ ...unzipSync(real), 'customXml/pad.xml': new Uint8Array(padding) }, { level: 9 }));
}

/**
 * A bomb whose directory lies: every size field of the padding part says 1 KB (local header and
 * central directory), so only inflating and counting can catch it.
 */
function lyingBomb(real: Buffer, padding: number): Buffer {
  const buf = Buffer.from(bomb(real, padding));
  const name = Buffer.from('customXml/pad.xml');
  for (let i = buf.indexOf(name); i !== -1; i = buf.indexOf(name, i + 1)) {
    if (buf.readUInt32LE(i - 30) === 0x04034b50) buf.writeUInt32LE(1024, i - 30 + 22);
    else if (buf.readUInt32LE(i - 46) === 0x02014b50) buf.writeUInt32LE(1024, i - 46 + 24);
  }
  return buf;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('checkZipLimits', () => {
  it('lets real workbooks and documents through, including a sheet of 50,000 repetitive rows', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', `r${i % 10}`]);
    await expect(checkZipLimits(await realXlsx(rows), XLSX_LIMITS, 'Excel (.xlsx)')).resolves.toBeUndefined();
    await expect(checkZipLimits(await realDocx(), DOCX_LIMITS, 'Word (.docx)')).resolves.toBeUndefined();
  }, 60_000);

  it('refuses by the declared total, by the entry count and by the compression ratio', async () => {
    const xlsx = await realXlsx([['zh'], ['降水量']]);
    expect((await refusal(checkZipLimits(bomb(xlsx, XLSX_LIMITS.maxTotalBytes + MB), XLSX_LIMITS, 'Excel (.xlsx)'))).status).toBe(413);
    const many = Buffer.from(zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}.xml`, new Uint8Array(1)]))));
    const few = { ...XLSX_LIMITS, maxEntries: 49 };
    expect((await refusal(checkZipLimits(many, few, 'Excel (.xlsx)'))).code).toBe('upload.zip_too_large');
    // 8 MB of zeros (~1000:1) is far under the total but far over the ratio.
    expect((await refusal(checkZipLimits(bomb(xlsx, 8 * MB), XLSX_LIMITS, 'Excel (.xlsx)'))).code).toBe('upload.zip_too_large');
  }, 60_000);

  it('refuses a bomb whose directory lies about its sizes, by counting while inflating', async () => {
    const lie = lyingBomb(await realXlsx([['zh']]), 16 * MB);
    const small = { ...XLSX_LIMITS, maxTotalBytes: 8 * MB };
    const e = await refusal(checkZipLimits(lie, small, 'Excel (.xlsx)'));
    expect([e.status, e.code]).toEqual([413, 'upload.zip_too_large']);
  }, 60_000);

  it('answers 400 for bytes that are not a zip', async () => {
    expect((await refusal(checkZipLimits(Buffer.from('PK\u0003\u0004 not really'), XLSX_LIMITS, 'Excel (.xlsx)'))).code).toBe('upload.damaged');
  });
});

describe('routes refuse zip bombs before parsing, and write nothing', () => {
  let t: TestApp;
  let translator: string;
  let editor: string;
  let hohhot: string;
  let tmp: string;
  const prevTmp = process.env.TMPDIR;
  beforeAll(async () => {
    // Uploads spool to os.tmpdir(): a private one shows whether a refused upload left a file behind.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-zip-limits-'));
    process.env.TMPDIR = tmp;
    t = await createTestApp();
    [translator, editor] = await Promise.all(['region-translator', 'hohhot-editor'].map((u) => t.login(u)));
    hohhot = await orgIdByCode(t, '150100');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    process.env.TMPDIR = prevTmp;
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const upload = (cookie: string, url: string, data: Buffer, name: string, type: string) => {
    const { payload, headers } = multipartFile('file', name, data, type);
    return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie, 'accept-language': 'zh-CN' } });
  };
  const termCount = async () => (await t.db.kysely.selectFrom('translation_terms').select('id').execute()).length;

  it('termbase XLSX import: a bomb is refused with a zh+en message and no term written; a real file still imports', async () => {
    const before = await termCount();
    const b = bomb(await realXlsx([['zh', 'en'], ['降水量', 'precipitation']]), XLSX_LIMITS.maxTotalBytes + MB);
    expect(b.length).toBeLessThan(2 * MB);
    const res = await upload(translator, `/api/translation/terms/import?dryRun=false&orgId=${hohhot}`, b, 'terms.xlsx', XLSX);
    expect(res.statusCode, res.body).toBe(413);
    const err = res.json().error;
    expect(err.code).toBe('upload.zip_too_large');
    expect(err.messages.zh).toContain('压缩炸弹');
    expect(err.messages.en).toContain('100 MB');
    expect(await termCount()).toBe(before);

    const ok = await upload(translator, `/api/translation/terms/import?dryRun=false&orgId=${hohhot}`, await realXlsx([['zh', 'en'], ['蒸发量', 'evaporation']]), 'terms.xlsx', XLSX);
    expect(ok.json(), ok.body).toMatchObject({ created: 1, errors: [] });
    expect(await termCount()).toBe(before + 1);
  }, 60_000);

  it('Word import: a bomb is refused with a zh+en message and its spooled upload removed; a real document still converts', async () => {
    const b = bomb(await realDocx(), DOCX_LIMITS.maxTotalBytes + MB);
    const res = await upload(editor, '/api/import/docx', b, 'bomb.docx', 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'upload.zip_too_large', messages: { zh: expect.stringContaining('Word'), en: expect.stringContaining('zip bomb') } });
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('gerel-upload-'))).toEqual([]);

    const lie = await upload(editor, '/api/import/docx', lyingBomb(await realDocx(), DOCX_LIMITS.maxTotalBytes + MB), 'lie.docx', 'application/octet-stream');
    expect(lie.statusCode, lie.body).toBe(413);

    const ok = await upload(editor, '/api/import/docx', await realDocx(), 'ok.docx', 'application/octet-stream');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().text).toContain('科普');
  }, 60_000);
});
