import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, orgIdByCode } from '../src/api.js';
import { signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// Two people chat in a topic group, in Mongolian and Chinese, each in their own browser. One loses
// the network; the other keeps writing; back online, the first sees everything, in order, once.

let server: RunningServer;
let browser: Browser;
const people: { context: BrowserContext; page: Page }[] = [];
let groupId: string;

const MN = 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ';
const ZH = '你好！明天上午九点在科技馆集合 🎉';
const LATER = ['ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ', '培训地点改到二楼会议室', 'ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ', '请带身份证'];

async function open(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, server.baseUrl, username, server.adminPassword);
  return { context, page };
}

const texts = (page: Page) => page.locator('[data-testid="chat-messages"] [data-testid="chat-text"]').allTextContents();
const state = (page: Page) => page.getByTestId('chat-state').getAttribute('data-state');

async function write(page: Page, text: string) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  await expect.poll(() => page.getByTestId('chat-input').inputValue()).toBe('');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  people.push(await open('hohhot-admin'), await open('hohhot-editor'));
  const [admin] = people;
  const hohhot = await orgIdByCode(admin!.context, server.baseUrl, '150100');
  const contacts = await call<{ id: string; name: string }[]>(admin!.context, server.baseUrl, 'GET', `/api/messaging/contacts?q=${encodeURIComponent('编辑')}`);
  const group = await call<{ id: string }>(admin!.context, server.baseUrl, 'POST', '/api/messaging/groups', { orgId: hohhot, title: '科普周筹备', memberIds: contacts.map((c) => c.id) });
  groupId = group.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('bilingual chat', () => {
  it('carries Mongolian and Chinese both ways, Mongolian set vertically in its bubble', async () => {
    const [a, b] = [people[0]!, people[1]!];
    for (const p of [a.page, b.page]) {
      await p.getByTestId('nav-messages').click();
      await p.locator(`[data-testid="chat-conversation"][data-title="科普周筹备"]`).click();
      await p.waitForURL(`**/messages/${groupId}`);
      await expect.poll(() => state(p)).toBe('online');
    }
    await write(a.page, MN);
    await expect.poll(() => texts(b.page)).toEqual([MN]);
    await write(b.page, ZH);
    await expect.poll(() => texts(a.page)).toEqual([MN, ZH]);

    const mn = b.page.locator('[data-testid="chat-text"]').first();
    const style = await verticalStyle(mn);
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.font).toBe('Noto Sans Mongolian');
    expect(style.box!.height).toBeGreaterThan(style.box!.width);
    const zh = await verticalStyle(b.page.locator('[data-testid="chat-text"]').nth(1));
    expect(zh.writingMode).toBe('horizontal-tb');
    // The Latin transliteration of the Mongolian message, on request.
    await b.page.locator('[data-testid="chat-bubble"]').first().getByTestId('chat-latin-toggle').click();
    expect(await b.page.getByTestId('chat-latin').textContent()).toMatch(/^sain/);
    // No translation engine is configured: no translate button on any message (the workspace's own
    // "翻译" menu entry, the translation workbench, is not one).
    const bubbles = b.page.locator('[data-testid="chat-bubble"]');
    expect(await bubbles.count()).toBe(2);
    expect(await bubbles.getByText(/翻译|Translate|ᠣᠷᠴᠢᠭᠤᠯ/).count()).toBe(0);
  });

  it('brings a reader who was offline up to date, in order, without repeats', async () => {
    const [a, b] = [people[0]!, people[1]!];
    await b.context.setOffline(true);
    await expect.poll(() => state(b.page)).toBe('offline');
    for (const text of LATER) await write(a.page, text);
    await expect.poll(() => texts(a.page)).toEqual([MN, ZH, ...LATER]);
    expect(await texts(b.page)).toEqual([MN, ZH]);

    await b.context.setOffline(false);
    await expect.poll(() => state(b.page), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => texts(b.page), { timeout: 10_000 }).toEqual([MN, ZH, ...LATER]);
    const ids = await b.page.locator('[data-testid="chat-bubble"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    // And the conversation goes on, live, after the reconnect.
    await write(b.page, '收到，谢谢');
    await expect.poll(() => texts(a.page)).toEqual([MN, ZH, ...LATER, '收到，谢谢']);
  });
});
