import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../src/api.js';
import { signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { freePort, startServer, type RunningServer } from '../src/server.js';

// Two people in a direct conversation, each in their own browser. The server is stopped with
// SIGTERM (chat sockets closed with 1012 "restart") and started again on the same port and data
// directory. While the reader's page is still reconnecting, the writer sends two more messages and
// edits an earlier one; the reader's page, never reloaded, ends with every message once, in order,
// with the edit.

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let port: number;
const artifacts = path.resolve(import.meta.dirname, '../artifacts');

const ZH = '明天上午九点在科技馆集合，请准时到达';
const ZH_EDITED = '明天上午十点在科技馆集合，请准时到达';
const MN = 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ';
const AFTER_ZH = '服务器重启了，大家还在吗？';
const AFTER_MN = 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ';

interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page (a crash of the app shows up here). */
  errors: string[];
}

// Records, in the page, how each WebSocket was closed (the code and reason the client saw). While
// `__holdSockets` is set, a new socket asks for a path that is no WebSocket endpoint and fails, as
// when the server is not reachable yet: the app's own retry logic runs unchanged, it just cannot get
// through. This fixes the order (the writer's messages first, then the reader's reconnect) that the
// clients' random back-off otherwise only makes likely. (Same origin on purpose: a socket the CSP
// blocks is closed without a close event, and the app would never retry.)
const RECORD_CLOSES = `(() => {
  const Native = window.WebSocket;
  window.__closes = [];
  window.__holdSockets = false;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(window.__holdSockets ? String(url) + '-held' : url, protocols);
      this.addEventListener('close', (e) => window.__closes.push({ code: e.code, reason: e.reason }));
    }
  };
})();`;

async function open(username: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript(RECORD_CLOSES);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('crash', () => errors.push('page crashed'));
  await signIn(page, server.baseUrl, username, server.adminPassword);
  return { context, page, errors };
}

const texts = (page: Page) => page.locator('[data-testid="chat-messages"] [data-testid="chat-text"]').allTextContents();
const state = (page: Page) => page.getByTestId('chat-state').getAttribute('data-state');
const bubbleIds = (page: Page) =>
  page.locator('[data-testid="chat-bubble"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
const closes = (page: Page) => page.evaluate(() => (window as unknown as { __closes: { code: number; reason: string }[] }).__closes);
const holdSockets = (page: Page, hold: boolean) => page.evaluate((h) => ((window as unknown as { __holdSockets: boolean }).__holdSockets = h), hold);

async function write(page: Page, text: string) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  await expect.poll(() => page.getByTestId('chat-input').inputValue(), { timeout: 10_000 }).toBe('');
}

const people: Person[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'gerel-e2e-restart-'));
  port = await freePort();
  server = await startServer({ port, dataDir });
  browser = await launchBrowser();
  people.push(await open('hohhot-admin'), await open('hohhot-editor'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('chat across a server restart', () => {
  it('a reader whose page stays open gets every message once, in order, with the edit, after the server restarts', async () => {
    const [a, b] = [people[0]!, people[1]!];
    const editor = await call<{ id: string }>(b.context, server.baseUrl, 'GET', '/api/auth/me');
    const { id } = await call<{ id: string }>(a.context, server.baseUrl, 'POST', '/api/messaging/direct', { userId: editor.id });
    for (const p of [a.page, b.page]) {
      await p.goto(`${server.baseUrl}/messages/${id}`);
      await expect.poll(() => state(p), { timeout: 15_000 }).toBe('online');
    }
    await write(a.page, ZH);
    await write(a.page, MN);
    await expect.poll(() => texts(b.page)).toEqual([ZH, MN]);
    const zhId = (await bubbleIds(b.page))[0]!;
    // Set in the page: still there at the end means the page was never reloaded.
    await b.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // B's open socket is the real one; from now on its reconnects fail until released.
    await holdSockets(b.page, true);
    // SIGTERM; stop() waits for the process to exit.
    await server.stop();
    expect(server.output()).not.toMatch(/closing chat sockets/);
    // B's page stays, says it is reconnecting, and keeps what it had.
    await expect.poll(() => state(b.page), { timeout: 5_000 }).toBe('connecting');
    expect(await b.page.getByTestId('chat-state').textContent()).toBe('连接中…');
    expect(await closes(b.page)).toContainEqual({ code: 1012, reason: 'restart' });
    // While the server is down, nothing arrives and nothing is lost.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await state(b.page)).toBe('connecting');
    expect(await texts(b.page)).toEqual([ZH, MN]);

    // The same instance comes back: same port, same data directory (so the same sessions).
    server = await startServer({ port, dataDir });
    // At once, with A's session, over HTTP: a new message and an edit of an earlier one.
    await call(a.context, server.baseUrl, 'POST', `/api/messaging/conversations/${id}/messages`, { text: AFTER_ZH });
    await call(a.context, server.baseUrl, 'PATCH', `/api/messaging/conversations/${id}/messages/${zhId}`, { text: ZH_EDITED });
    // Then in A's page, once it has reconnected by itself.
    await expect.poll(() => state(a.page), { timeout: 20_000 }).toBe('online');
    await write(a.page, AFTER_MN);
    const expected = [ZH_EDITED, MN, AFTER_ZH, AFTER_MN];
    await expect.poll(() => texts(a.page), { timeout: 10_000 }).toEqual(expected);

    // B has been trying all along and has none of it yet; now its next attempt gets through, and all
    // of it must come by the resume from its cursors.
    expect(await state(b.page)).toBe('connecting');
    expect(await texts(b.page)).toEqual([ZH, MN]);
    await holdSockets(b.page, false);
    await expect.poll(() => state(b.page), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => texts(b.page), { timeout: 5_000 }).toEqual(expected);
    // A late copy (the resume and the REST catch-up both deliver) must not show up as a repeat.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await texts(b.page)).toEqual(expected);
    const ids = await bubbleIds(b.page);
    expect(ids).toHaveLength(4);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(zhId);
    const edited = b.page.locator(`[data-testid="chat-bubble"][data-id="${zhId}"]`);
    expect(await edited.getAttribute('data-edited')).toBe('true');
    expect(await edited.getByTestId('chat-edited').textContent()).toBe('已编辑');

    // Same document, no crash, reconnected after the 1012 close.
    expect(await b.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(b.errors).toEqual([]);
    expect(a.errors).toEqual([]);

    // Both Mongolian bubbles, the one from before and the one from after the restart, stand vertically.
    const chatText = b.page.locator('[data-testid="chat-messages"] [data-testid="chat-text"]');
    for (const index of [1, 3]) {
      const style = await verticalStyle(chatText.nth(index));
      expect(style.writingMode).toBe('vertical-lr');
      expect(style.font).toBe('Noto Sans Mongolian');
      expect(style.box!.height).toBeGreaterThan(style.box!.width);
    }
    expect((await verticalStyle(chatText.nth(0))).writingMode).toBe('horizontal-tb');
    await b.page.screenshot({ path: path.join(artifacts, 'messaging-restart.png') });

    // And the conversation goes on, live, both ways.
    await write(b.page, '收到');
    await expect.poll(() => texts(a.page)).toEqual([...expected, '收到']);
  });
});
