import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../src/api.js';
import { signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The management registry as a banner admin uses it: open a list, add a row through the form
// generated from the list's definition, import a small .xlsx with one bad row (the report is shown,
// nothing is written), fix it and import, see a row's history, and download the export.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const HEADERS = ['所属组织', '名称', '类型', '成立日期', '会员数', '负责人', '联系电话'];

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('基层组织');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const rows = (q: string) => call<{ total: number; items: { id: string; values: Record<string, unknown> }[] }>(context, server.baseUrl, 'GET', `/api/registry/grassroots?q=${encodeURIComponent(q)}`);
const radio = (p: Page, testId: string, value: string) => p.getByTestId(testId).locator('label').filter({ has: p.locator(`input[value="${value}"]`) });

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, server.baseUrl, 'tumed-admin', server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the management registry', () => {
  it('opens a list from the index and adds a row through the generated form', async () => {
    await page.getByTestId('nav-registry').click();
    await page.waitForURL('**/registry');
    const index = page.getByTestId('registry-index');
    await index.waitFor();
    // The reform figure of the index is computed from the rows the banner sees (none of the region's plan).
    expect(await index.locator('[data-list="reform_tasks"] [data-testid="reg-count"]').getAttribute('data-count')).toBe('0');
    await page.getByTestId('reg-open-grassroots').click();
    await page.waitForURL('**/registry/grassroots');
    await page.locator('[data-testid="registry-list"][data-list="grassroots"]').waitFor();
    const seeded = await rows('');
    await expect.poll(async () => page.getByTestId('reg-table').locator('tbody tr.ant-table-row').count()).toBe(Math.min(seeded.total, 20));

    await page.getByTestId('reg-new').click();
    const form = page.getByTestId('reg-form');
    await form.waitFor();
    // Saving an empty form: the server names what is missing, in Chinese, next to each field.
    await page.getByTestId('reg-save').click();
    await form.getByTestId('reg-form-problems').waitFor();
    expect(await form.locator('[data-field="name"] [data-testid="reg-field-problem"]').innerText()).toContain('名称不能为空');

    await form.getByTestId('reg-input-org_id').click();
    await page
      .locator('.dis-org-popover .org-tree__label')
      .filter({ has: page.getByTestId('org-code').getByText('150121', { exact: true }) })
      .click();
    await form.getByTestId('reg-input-name').fill('浏览器测试养蜂协会');
    await radio(page, 'reg-input-kind', 'rural_association').click();
    await form.getByTestId('reg-input-founded_on').fill('2026-05-04');
    await form.getByTestId('reg-input-members').fill('25');
    await form.getByTestId('reg-input-phone').fill('13900000001');
    await page.getByTestId('reg-save').click();
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('reg-table').getByText('浏览器测试养蜂协会').waitFor();
    const added = await rows('浏览器测试养蜂协会');
    expect(added.items[0]!.values).toMatchObject({ kind: 'rural_association', founded_on: '2026-05-04', members: 25, phone: '139****0001' });
    await page.screenshot({ path: path.join(artifacts, 'registry-list.png') });
  });

  it('shows an import report with the bad row and writes nothing, then imports the fixed file', async () => {
    const before = (await rows('')).total;
    await page.getByTestId('reg-import').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'bad.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await sheet([
          ['150121', '浏览器导入甲协会', '企业科协', '2026-01-10', 12, '甲', null],
          ['150121', '浏览器导入乙协会', '飞船协会', '2026-02-30', 8, '乙', '12345'],
        ]),
      });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.getAttribute('data-errors')).toBe('3');
    expect(await report.getAttribute('data-valid')).toBe('1');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    const table = await report.locator('tbody').innerText();
    for (const words of ['类型', '“飞船协会”不是可选值', '成立日期', '联系电话']) expect(table).toContain(words);
    expect(await report.locator('tbody tr').first().locator('td').first().innerText()).toBe('3');
    await page.screenshot({ path: path.join(artifacts, 'registry-import-report.png') });
    expect((await rows('')).total).toBe(before);

    await dialog
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'good.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await sheet([
          ['150121', '浏览器导入甲协会', '企业科协', '2026-01-10', 12, '甲', null],
          ['150121', '浏览器导入乙协会', '园区科协', '2026-02-28', 8, '乙', '13900000002'],
        ]),
      });
    await page.locator('[data-testid="import-report"][data-errors="0"][data-valid="2"]').waitFor();
    await page.getByTestId('import-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await rows('浏览器导入')).total).toBe(2);
    expect((await rows('')).total).toBe(before + 2);
    await page.getByTestId('reg-table').getByText('浏览器导入乙协会').waitFor();
  });

  it('records an edit in the row’s history', async () => {
    const row = page.getByTestId('reg-table').locator('tr.ant-table-row').filter({ hasText: '浏览器测试养蜂协会' });
    await row.getByTestId('reg-edit').click();
    const form = page.getByTestId('reg-form');
    await form.getByTestId('reg-input-members').fill('30');
    await page.getByTestId('reg-save').click();
    await form.waitFor({ state: 'hidden' });
    await row.getByTestId('reg-history-open').click();
    const history = page.getByTestId('reg-history');
    await expect.poll(async () => history.locator('li').count()).toBe(2);
    expect(await history.locator('li').first().getAttribute('data-action')).toBe('update');
    const change = history.locator('li').first().locator('tr[data-field="members"]');
    expect(await change.innerText()).toMatch(/25\s+30/);
    // The phone was left alone: the form never sends a masked value back.
    expect((await rows('浏览器测试养蜂协会')).items[0]!.values.phone).toBe('139****0001');
    await page.keyboard.press('Escape');
  });

  it('downloads the export: the banner’s rows only, personal data masked', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('reg-export-xlsx').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['所属组织', '所属组织（名称）', '名称', '类型', '成立日期', '会员数', '负责人']);
    const body: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) body.push((r.values as unknown[]).slice(1).join('|'));
    });
    expect(body.length).toBe((await rows('')).total);
    expect(body.some((l) => l.includes('浏览器测试养蜂协会') && l.includes('139****0001'))).toBe(true);
    expect(body.join('\n')).not.toContain('13900000001');
    expect(body.join('\n')).not.toContain('松山区');
  });

  it('sets the list in the Mongolian UI: vertical labels for the list, its fields and values', async () => {
    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await page.goto(`${server.baseUrl}/registry/grassroots`);
    await page.getByTestId('reg-table').waitFor();
    const title = page.locator('h1.page-title .mongol').last();
    expect(await title.innerText()).toMatch(/[\u1820-\u18AF]/);
    expect((await verticalStyle(title)).writingMode).toBe('vertical-lr');
    const kind = page.getByTestId('reg-table').locator('[data-value="rural_association"] .mongol').first();
    expect((await verticalStyle(kind)).writingMode).toBe('vertical-lr');
    await page.screenshot({ path: path.join(artifacts, 'registry-list-mn.png') });
    await page.getByRole('button', { name: '中文' }).click();
  });
});
