import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
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
const artifacts = path.resolve(import.meta.dirname, '../artifacts');

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
  await expect.poll(() => page.getByTestId('chat-input').inputValue(), { timeout: 10_000 }).toBe('');
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
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

  it('shows a reader who was offline the edit and the deletion made meanwhile, in place, with who is online', async () => {
    const [a, b] = [people[0]!, people[1]!];
    const bubble = (p: Page, text: string) => p.locator('[data-testid="chat-bubble"]', { hasText: text });
    const EDITED = '培训地点改到三楼报告厅';
    const NEW = 'ᠮᠠᠷᠭᠠᠰᠢ ᠤᠴᠢᠷᠠᠯᠳᠤᠶ᠎ᠠ';
    const editedId = Number(await bubble(b.page, LATER[1]!).getAttribute('data-id'));
    const deletedId = Number(await bubble(b.page, LATER[3]!).getAttribute('data-id'));

    await b.context.setOffline(true);
    await expect.poll(() => state(b.page)).toBe('offline');
    // A edits one of their messages and deletes another, in the page, then writes on.
    await bubble(a.page, LATER[1]!).getByTestId('chat-edit').click();
    await a.page.getByTestId('chat-edit-input').fill(EDITED);
    await a.page.getByTestId('chat-edit-save').click();
    await expect.poll(() => a.page.locator(`[data-testid="chat-bubble"][data-id="${editedId}"]`).getAttribute('data-edited')).toBe('true');
    await bubble(a.page, LATER[3]!).getByTestId('chat-delete').click();
    await expect.poll(() => a.page.locator(`[data-testid="chat-bubble"][data-id="${deletedId}"]`).getAttribute('data-status')).toBe('deleted');
    await write(a.page, NEW);
    // B, offline, still has the old state.
    expect(await texts(b.page)).toEqual([MN, ZH, ...LATER, '收到，谢谢']);

    await b.context.setOffline(false);
    await expect.poll(() => state(b.page), { timeout: 20_000 }).toBe('online');
    const expected = [MN, ZH, LATER[0], EDITED, LATER[2], '收到，谢谢', NEW];
    await expect.poll(() => texts(b.page), { timeout: 10_000 }).toEqual(expected);
    const edited = b.page.locator(`[data-testid="chat-bubble"][data-id="${editedId}"]`);
    expect(await edited.getAttribute('data-edited')).toBe('true');
    expect(await edited.getByTestId('chat-edited').textContent()).toBe('已编辑');
    const deleted = b.page.locator(`[data-testid="chat-bubble"][data-id="${deletedId}"]`);
    expect(await deleted.getAttribute('data-status')).toBe('deleted');
    expect(await deleted.getByTestId('chat-deleted').textContent()).toBeTruthy();
    // Every message once, in order, the deleted one still in its place.
    const ids = await b.page.locator('[data-testid="chat-bubble"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(expected.length + 1);
    expect(ids.indexOf(deletedId)).toBe(ids.indexOf(editedId) + 2);
    // The editor may edit only their own messages; nothing of A's offers them an edit.
    expect(await bubble(b.page, EDITED).getByTestId('chat-edit').count()).toBe(0);

    // Presence: A, connected all along, has a green dot in B's header.
    const me = await call<{ id: string }>(a.context, server.baseUrl, 'GET', '/api/auth/me');
    const dot = b.page.locator(`[data-testid="chat-member"][data-user="${me.id}"]`);
    await expect.poll(() => dot.getAttribute('data-online'), { timeout: 25_000 }).toBe('true');
    const color = await dot.getByTestId('chat-dot').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(color).toBe('rgb(82, 196, 26)');
    await b.page.screenshot({ path: path.join(artifacts, 'messaging-edit-delete-resume.png') });
  });
});

describe('translate in chat, with a machine translation engine configured', () => {
  // A second server, started with a LibreTranslate-compatible engine (served here over real HTTP).
  let mtServer: RunningServer;
  let mt: Server;
  const asked: { q: string; source: string; target: string }[] = [];
  let ctx: { context: BrowserContext; page: Page } | null = null;

  beforeAll(async () => {
    mt = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const q = JSON.parse(body) as { q: string; source: string; target: string };
        asked.push(q);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ translatedText: q.target === 'zh' ? '你好吗？（译文）' : `[${q.target}] ${q.q}` }));
      });
    });
    await new Promise<void>((r) => mt.listen(0, '127.0.0.1', () => r()));
    const addr = mt.address();
    const saved = process.env.GEREL_LIBRETRANSLATE_URL;
    process.env.GEREL_LIBRETRANSLATE_URL = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    try {
      mtServer = await startServer();
    } finally {
      if (saved === undefined) delete process.env.GEREL_LIBRETRANSLATE_URL;
      else process.env.GEREL_LIBRETRANSLATE_URL = saved;
    }
  });

  afterAll(async () => {
    await ctx?.context.close();
    await mtServer?.stop();
    await new Promise((r) => mt?.close(r));
  });

  it('offers "translate" on each message and shows the translation under the bubble', async () => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    ctx = { context, page };
    await signIn(page, mtServer.baseUrl, 'hohhot-editor', mtServer.adminPassword);
    const hohhot = await orgIdByCode(context, mtServer.baseUrl, '150100');
    const g = await call<{ id: string }>(context, mtServer.baseUrl, 'POST', '/api/messaging/groups', { orgId: hohhot, title: '翻译试用', memberIds: [] });
    await call(context, mtServer.baseUrl, 'POST', `/api/messaging/conversations/${g.id}/messages`, { text: MN });
    await page.goto(`${mtServer.baseUrl}/messages/${g.id}`);
    await expect.poll(() => texts(page)).toEqual([MN]);
    const bubble = page.locator('[data-testid="chat-bubble"]').first();
    await bubble.getByTestId('chat-translate').click();
    await expect.poll(() => bubble.getByTestId('chat-translation-text').textContent()).toBe('你好吗？（译文）');
    expect(asked.at(-1)).toMatchObject({ q: MN, source: 'mn', target: 'zh' });
    await page.screenshot({ path: path.join(artifacts, 'messaging-translate.png') });
  });
});
