import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, publishBilingual, todayUtc8 } from '../src/api.js';
import { signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// Staff pages of dissemination: the stations import (a generated .xlsx, the validation report
// first, nothing written while it has errors, then the import) and the dashboard's totals, which
// must match the API.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const HEADERS = ['编码', '名称', '蒙古文名称', '组织代码', '地点', '类型', '联系人', '联系电话', '状态'];

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function sheet(rows: (string | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('stations');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function chooseFile(p: Page, name: string, buffer: Buffer): Promise<void> {
  await p
    .getByRole('dialog')
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await signIn(page, server.baseUrl, 'admin', server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('dissemination staff pages', () => {
  it('imports stations from .xlsx: the report first, nothing written with an error, then the stations listed', async () => {
    await page.getByRole('link', { name: '科普e站' }).click();
    await page.waitForURL('**/stations');
    await page.getByTestId('stations-page').waitFor();

    // A file with a bad org code and a bad kind: the report names both, the import cannot be confirmed.
    await page.getByTestId('station-import').click();
    await chooseFile(
      page,
      'bad.xlsx',
      await sheet([
        ['E2E-S1', '察素齐镇科普e站', 'ᠴᠠᠭᠠᠰᠤᠴᠢ ᠪᠠᠯᠭᠠᠰᠤ', '150121', '镇政府一楼', '一体机', '张三', '13912345678', '启用'],
        ['E2E-S2', '北什轴乡科普e站', null, '999999', null, '飞船', null, null, null],
      ]),
    );
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(Number(await report.getAttribute('data-errors'))).toBeGreaterThanOrEqual(2);
    expect(await report.getAttribute('data-valid')).toBe('1');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    expect(await report.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await report.locator('tbody').innerText()).toContain('999999');
    await page.screenshot({ path: path.join(artifacts, 'dissemination-import-report.png') });
    const listed = await call<{ total: number }>(context, server.baseUrl, 'GET', '/api/stations');
    expect(listed.total).toBe(0);

    // The corrected file: all valid, confirmed, imported.
    await chooseFile(
      page,
      'good.xlsx',
      await sheet([
        ['E2E-S1', '察素齐镇科普e站', 'ᠴᠠᠭᠠᠰᠤᠴᠢ ᠪᠠᠯᠭᠠᠰᠤ', '150121', '镇政府一楼', '一体机', '张三', '13912345678', '启用'],
        ['E2E-S2', '北什轴乡科普e站', null, '150121', null, '屏', null, null, null],
      ]),
    );
    await page.locator('[data-testid="import-report"][data-errors="0"][data-valid="2"]').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const codes = page.getByTestId('station-code');
    await expect.poll(async () => (await codes.allInnerTexts()).sort()).toEqual(['E2E-S1', 'E2E-S2']);
    // The Mongolian name is vertical in the list.
    const row = page.getByRole('row').filter({ hasText: 'E2E-S1' });
    const mn = row.locator('.mongol').first();
    expect(await mn.innerText()).toBe('ᠴᠠᠭᠠᠰᠤᠴᠢ ᠪᠠᠯᠭᠠᠰᠤ');
    expect((await verticalStyle(mn)).writingMode).toBe('vertical-lr');

    // Filters: kind = screen leaves one station.
    await page.locator('[data-testid="filter-kind"] label').filter({ has: page.locator('input[value="screen"]') }).click();
    await page.waitForURL('**/stations?kind=screen');
    await expect.poll(async () => codes.allInnerTexts()).toEqual(['E2E-S2']);
    await page.screenshot({ path: path.join(artifacts, 'dissemination-stations.png') });
  });

  it('shows on the dashboard the totals the API reports', async () => {
    // Events: heartbeats from a station and views of a published resource.
    const editor = await browser.newContext();
    const reviewer = await browser.newContext();
    await apiLogin(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
    await apiLogin(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
    const resourceId = await publishBilingual(editor, reviewer, server.baseUrl, {
      zh: { title: '草原防火', body: '<p>防火</p>' },
      mn: { title: 'ᠲᠠᠯ᠎ᠠ ᠶᠢᠨ ᠭᠠᠯ', body: '<p>ᠭᠠᠯ</p>' },
    });
    await editor.close();
    await reviewer.close();
    const at = new Date().toISOString();
    const events = [
      ...[1, 2, 3].map(() => ({ id: randomUUID(), kind: 'heartbeat', stationCode: 'E2E-S1', at })),
      ...[1, 2].map(() => ({ id: randomUUID(), kind: 'view', resourceId, stationCode: 'E2E-S1', channel: 'estation', at })),
      { id: randomUUID(), kind: 'click', resourceId, stationCode: 'E2E-S1', channel: 'estation', at },
    ];
    const answer = await call<{ accepted: number }>(context, server.baseUrl, 'POST', '/api/events', { events });
    expect(answer.accepted).toBe(events.length);
    const day = todayUtc8();
    const api = await call<Record<string, number>>(context, server.baseUrl, 'GET', `/api/dissemination/totals?from=${day}&to=${day}`);
    expect(api).toMatchObject({ views: 2, clicks: 1, heartbeats: 3 });

    await page.getByRole('link', { name: '传播统计' }).click();
    await page.waitForURL('**/dissemination');
    await page.locator('[data-testid="dash-totals"][data-ready="true"]').waitFor();
    for (const field of ['views', 'clicks', 'heartbeats', 'shareOpens', 'reads']) {
      expect(await page.getByTestId(`total-${field}`).innerText(), field).toBe(String(api[field]));
    }
    // The trend chart (ECharts, loaded on demand) is drawn; top resources list the resource.
    await page.locator('[data-testid="dash-trend"][data-ready="true"] svg').waitFor();
    await page.getByTestId('dash-top').getByText('草原防火').waitFor();
    expect(await page.getByTestId('dash-top').getByTestId('bar-n').innerText()).toBe('2');
    await page.screenshot({ path: path.join(artifacts, 'dissemination-dashboard.png') });
    // The same figures download as CSV.
    const download = page.waitForEvent('download');
    await page.getByTestId('dash-export-csv').click();
    const csv = fs.readFileSync(await (await download).path());
    const lines = csv.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.at(-1)).toBe([day, api.views, api.clicks, api.shareOpens, api.reads, api.heartbeats].join(','));
  });

  it('approves a registered officer, shows their number on request, picks a resource; the officer sees it with a share link and poster', async () => {
    const visitor = await browser.newContext();
    const phone = '13800001111';
    const password = 'officer-Passw0rd';
    await call(visitor, server.baseUrl, 'POST', '/api/officers/register', { name: '巴特尔', phone, orgCode: '150121100', password });
    await visitor.close();

    await page.getByRole('link', { name: '信息员' }).click();
    await page.waitForURL('**/officers');
    await page.locator('[data-testid="filter-status"] label').filter({ has: page.locator('input[value="pending"]') }).click();
    const row = page.getByRole('row').filter({ hasText: '巴特尔' });
    await row.waitFor();
    // Lists never show the full number; the audited request does.
    expect(await row.getByTestId('officer-phone').innerText()).toMatch(/^138\*+1111$/);
    await row.getByTestId('officer-approve').click();
    await page.getByText(`登录名 ${phone}`).waitFor();
    await page.locator('[data-testid="filter-status"] label').filter({ has: page.locator('input[value="approved"]') }).click();
    const approved = page.getByRole('row').filter({ hasText: '巴特尔' });
    await approved.locator('[data-status="approved"]').waitFor();
    await approved.getByTestId('officer-contact').click();
    await expect.poll(() => approved.getByTestId('officer-phone').innerText()).toBe(phone);
    await page.screenshot({ path: path.join(artifacts, 'dissemination-officers.png') });

    // Today's pick for the whole region (the admin's org), from the published resources.
    await page.getByRole('link', { name: '今日推荐' }).click();
    await page.waitForURL('**/picks');
    const resourceRow = page.getByRole('row').filter({ hasText: '草原防火' }).filter({ has: page.getByTestId('pick-add') });
    await resourceRow.getByTestId('pick-add').click();
    await page.getByTestId('picks-list').getByText('草原防火').waitFor();

    // The officer signs in and finds the pick with their share link and poster.
    const officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const officer = await officerContext.newPage();
      await signIn(officer, server.baseUrl, phone, password);
      await officer.getByRole('link', { name: '我的主页' }).click();
      await officer.waitForURL('**/me/officer');
      const pick = officer.getByTestId('me-pick');
      await pick.waitFor();
      expect(await pick.innerText()).toContain('草原防火');
      const poster = pick.locator('img');
      await expect.poll(() => poster.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(100);
      await officer.screenshot({ path: path.join(artifacts, 'dissemination-officer-me.png') });
    } finally {
      await officerContext.close();
    }
  });

  it('edits a station, shows its uptime chart, and switches the leaderboard off and on', async () => {
    await page.getByRole('link', { name: '科普e站' }).click();
    await page.waitForURL('**/stations**');
    await page.goto(`${server.baseUrl}/stations`);
    const row = page.getByRole('row').filter({ hasText: 'E2E-S2' });
    await row.getByTestId('station-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('label').filter({ has: page.locator('input[value="inactive"]') }).click();
    await page.getByTestId('station-save').click();
    await row.locator('[data-status="inactive"]').waitFor();
    const stations = await call<{ items: { code: string; status: string }[] }>(context, server.baseUrl, 'GET', '/api/stations?q=E2E-S2');
    expect(stations.items[0]).toMatchObject({ code: 'E2E-S2', status: 'inactive' });

    // Uptime of E2E-S1 (three heartbeats today): a bar chart of the last 30 days.
    await page.getByRole('row').filter({ hasText: 'E2E-S1' }).getByTestId('station-uptime').click();
    await page.locator('[data-testid="uptime-chart"][data-ready="true"] svg').waitFor();
    await page.getByTestId('uptime').screenshot({ path: path.join(artifacts, 'dissemination-uptime.png') });
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: '排行榜' }).click();
    await page.waitForURL('**/leaderboard');
    const toggle = page.getByTestId('board-switch');
    await toggle.waitFor();
    const region = (await call<{ roles: { orgId: string }[] }>(context, server.baseUrl, 'GET', '/api/auth/me')).roles[0]!.orgId;
    const enabled = async () => (await call<{ enabled: boolean }>(context, server.baseUrl, 'GET', `/api/officers/leaderboard?orgId=${region}&from=${todayUtc8()}&to=${todayUtc8()}`)).enabled;
    const before = await enabled();
    await toggle.click();
    await expect.poll(enabled).toBe(!before);
    await page.locator(`[data-testid="board-switch"][aria-checked="${!before}"]`).waitFor();
    await toggle.click();
    await expect.poll(enabled).toBe(before);
  });

  it('sets the pages in the Mongolian UI with vertical labels and no sideways Mongolian placeholders', async () => {
    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await page.goto(`${server.baseUrl}/stations`);
    await page.getByTestId('stations-page').waitFor();
    const title = page.locator('h1.page-title .mongol');
    expect((await verticalStyle(title)).writingMode).toBe('vertical-lr');
    const placeholders = await page.locator('input[placeholder], textarea[placeholder]').evaluateAll((els) =>
      els.map((e) => (e as HTMLInputElement).placeholder).filter((p) => /[\u1820-\u18AF]/.test(p)),
    );
    expect(placeholders).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'dissemination-stations-mn.png') });
    await page.goto(`${server.baseUrl}/dissemination`);
    await page.locator('[data-testid="dash-totals"][data-ready="true"]').waitFor();
    const label = page.getByTestId('dash-totals').locator('.mongol').first();
    expect((await verticalStyle(label)).writingMode).toBe('vertical-lr');
    await page.screenshot({ path: path.join(artifacts, 'dissemination-dashboard-mn.png') });
    await page.getByRole('button', { name: '中文' }).click();
  });
});
