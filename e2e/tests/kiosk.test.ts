import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, orgIdByCode, publishBilingual, todayUtc8 } from '../src/api.js';
import { verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The e-station kiosk, with no login: it plays a station's playlist (Chinese horizontal, Mongolian
// vertical), keeps playing from its service worker's caches with the network cut, writes a click
// made offline to its outbox on the device, keeps it through a refused upload, uploads the outbox
// when the network and server are back, and a second upload of the same events counts nothing twice.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const STATION = 'E2E-KIOSK-1';
const MN_TITLE = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠯᠭᠡ';
const ZH_TITLE = '科学养畜小知识';

interface Totals {
  views: number;
  clicks: number;
  heartbeats: number;
}
interface SentEvent {
  id: string;
  kind: string;
  resourceId?: string;
  stationCode: string;
  channel: string;
}

let server: RunningServer;
let browser: Browser;
let staff: BrowserContext;
let kiosk: BrowserContext;
let page: Page;
let resourceId: string;
/** Bodies of the event uploads the server answered 200 to, in order. */
const uploads: SentEvent[][] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const editor = await browser.newContext();
  const reviewer = await browser.newContext();
  staff = await browser.newContext();
  await apiLogin(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
  await apiLogin(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
  await apiLogin(staff, server.baseUrl, 'admin', server.adminPassword);
  resourceId = await publishBilingual(editor, reviewer, server.baseUrl, {
    zh: { title: ZH_TITLE, summary: '冬季牛羊防寒要点', body: '<p>冬季要给牛羊搭建暖棚，备足草料。</p>' },
    mn: { title: MN_TITLE, summary: 'ᠡᠪᠦᠯ ᠤᠨ ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ', body: '<p>ᠡᠪᠦᠯ ᠤᠨ ᠴᠠᠭ ᠲᠤ ᠮᠠᠯ ᠢᠶᠠᠨ ᠳᠤᠯᠠᠭᠠᠨ ᠬᠣᠷᠢᠶ᠎ᠠ ᠳᠤ ᠪᠠᠢᠯᠭᠠᠨ᠎ᠠ᠃</p>' },
  });
  await editor.close();
  await reviewer.close();
  const orgId = await orgIdByCode(staff, server.baseUrl, '150121');
  await call(staff, server.baseUrl, 'POST', '/api/stations', {
    code: STATION,
    name: { zh: '土默特左旗科普e站', mn: 'ᠲᠦᠮᠡᠳ ᠵᠡᠭᠦᠨ ᠬᠣᠰᠢᠭᠤ ᠤᠨ ᠥᠷᠲᠡᠭᠡ' },
    orgId,
    kind: 'kiosk',
  });

  kiosk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await kiosk.newPage();
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'POST' && new URL(response.url()).pathname === '/api/events' && response.status() === 200) {
      uploads.push((JSON.parse(request.postData() ?? '{}') as { events: SentEvent[] }).events);
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const totals = () =>
  call<Totals>(staff, server.baseUrl, 'GET', `/api/dissemination/totals?from=${todayUtc8()}&to=${todayUtc8()}`);

/** The events waiting in the kiosk's outbox (IndexedDB), read in the page. */
const outbox = (p: Page) =>
  p.evaluate(
    () =>
      new Promise<SentEvent[]>((resolve, reject) => {
        const open = indexedDB.open('gerel-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as SentEvent[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

describe('the e-station kiosk', () => {
  it('plays the playlist without a login: Chinese horizontal, Mongolian vertical in the app font', async () => {
    await page.goto(`${server.baseUrl}/kiosk/${STATION}?idle=3&rotate=2&upload=5`);
    await page.locator('[data-testid="kiosk"][data-state="playing"]').waitFor();
    expect(await page.getByTestId('kiosk-station').innerText()).toBe('土默特左旗科普e站');

    const mn = page.locator('[data-testid="kiosk-item"][data-lang="mn-Mong"]');
    const zh = page.locator('[data-testid="kiosk-item"][data-lang="zh-Hans"]');
    await mn.waitFor();
    expect(await mn.getAttribute('data-resource-id')).toBe(resourceId);
    const mnTitle = mn.getByTestId('kiosk-item-title');
    expect(await mnTitle.innerText()).toBe(MN_TITLE);
    const style = await verticalStyle(mnTitle);
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.transform).toBe('none');
    expect(style.font).toBe('Noto Sans Mongolian');
    expect(style.box!.height).toBeGreaterThan(style.box!.width);
    const zhStyle = await verticalStyle(zh.getByTestId('kiosk-item-title'));
    expect(zhStyle.writingMode).toBe('horizontal-tb');
    expect(await zh.getByTestId('kiosk-item-title').innerText()).toBe(ZH_TITLE);
    // Large touch targets.
    for (const tile of [mn, zh]) {
      const box = (await tile.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(96);
    }

    // Installable: a manifest with PNG icons, fullscreen, starting in /kiosk/.
    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await kiosk.request.get(`${server.baseUrl}${manifestUrl}`)).json()) as {
      start_url: string;
      display: string;
      icons: { src: string; type: string }[];
    };
    expect(manifest).toMatchObject({ start_url: '/kiosk/', display: 'fullscreen' });
    const png = manifest.icons.find((i) => i.type === 'image/png')!;
    const icon = await kiosk.request.get(`${server.baseUrl}${png.src}`);
    expect(icon.headers()['content-type']).toBe('image/png');

    // The service worker controls the page and holds a copy of the playlist.
    await page.waitForFunction(
      async () =>
        navigator.serviceWorker.controller !== null &&
        (await (await caches.open('gerel-kiosk-data')).keys()).some((r) => r.url.includes('/playlist')),
      undefined,
      { timeout: 60_000, polling: 250 },
    );
    await page.locator('[data-testid="kiosk"][data-sw="ready"]').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'kiosk-playing.png') });
  });

  it('keeps playing from its caches with the network cut, and keeps a click made offline in the outbox', async () => {
    await kiosk.setOffline(true);
    await page.reload();
    await page.locator('[data-testid="kiosk"][data-state="playing"]').waitFor();
    await page.getByTestId('kiosk-offline').waitFor();
    // Really offline, the service worker included: a playlist URL it has not cached fails.
    expect(
      await page.evaluate((code) => fetch(`/api/public/stations/${code}/playlist?limit=7`).then(() => 'reached', () => 'failed'), STATION),
    ).toBe('failed');
    // The Mongolian title still shows in the app's own font, loaded from the cache.
    const mnTitle = page.locator('[data-testid="kiosk-item"][data-lang="mn-Mong"]').getByTestId('kiosk-item-title');
    expect(await mnTitle.innerText()).toBe(MN_TITLE);
    expect(
      await page.evaluate(async (text) => {
        await document.fonts.ready;
        return document.fonts.check('24px "Noto Sans Mongolian"', text);
      }, MN_TITLE),
    ).toBe(true);
    expect((await verticalStyle(mnTitle)).box!.height).toBeGreaterThan((await verticalStyle(mnTitle)).box!.width);

    await page.locator('[data-testid="kiosk-item"][data-lang="mn-Mong"]').click();
    const reader = page.getByTestId('kiosk-reader');
    await reader.waitFor();
    expect(await reader.getAttribute('data-lang')).toBe('mn-Mong');
    const readerTitle = reader.getByTestId('kiosk-reader-title');
    expect((await verticalStyle(readerTitle)).writingMode).toBe('vertical-lr');
    await page.screenshot({ path: path.join(artifacts, 'kiosk-offline-reader.png') });

    const waiting = await outbox(page);
    const clicks = waiting.filter((e) => e.kind === 'click');
    expect(clicks).toEqual([expect.objectContaining({ resourceId, stationCode: STATION, channel: 'estation' })]);
    expect(waiting.some((e) => e.kind === 'heartbeat')).toBe(true);

    // Untouched for 3 s (?idle=3): back to the playlist.
    await reader.waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: path.join(artifacts, 'kiosk-offline.png') });
  });

  it('uploads the outbox when the network is back; the same events sent again count nothing twice', async () => {
    const clickId = (await outbox(page)).find((e) => e.kind === 'click')!.id;
    // The network is back but the server is busy at first (503): the events stay in the outbox.
    let refused = 0;
    await page.route('**/api/events', (route) => {
      refused += 1;
      return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"busy"}}' });
    });
    await kiosk.setOffline(false);
    await page.getByTestId('kiosk-offline').waitFor({ state: 'detached' });
    await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await outbox(page)).some((e) => e.id === clickId)).toBe(true);
    // Then it answers: the next try (every 5 s here, ?upload=5) sends them.
    await page.unroute('**/api/events');
    await expect.poll(() => uploads.flat().some((e) => e.id === clickId), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await outbox(page)).some((e) => e.id === clickId)).toBe(false);
    // Stop the kiosk: nothing more is recorded, so the counts can be compared exactly.
    await page.close();

    const sent = new Map(uploads.flat().map((e) => [e.id, e]));
    const count = (kind: string) => [...sent.values()].filter((e) => e.kind === kind).length;
    expect(count('click')).toBe(1);
    expect(count('view')).toBeGreaterThan(0);
    const before = await totals();
    expect(before).toMatchObject({ views: count('view'), clicks: 1, heartbeats: count('heartbeat') });

    // Send every batch again, as a kiosk would after a crash between the upload and the answer.
    const again = await kiosk.newPage();
    await again.goto(`${server.baseUrl}/login`);
    const answers = await again.evaluate(async (batches) => {
      const out: { accepted: number; duplicates: number }[] = [];
      for (const events of batches) {
        const response = await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events }) });
        out.push((await response.json()) as { accepted: number; duplicates: number });
      }
      return out;
    }, uploads);
    expect(answers.reduce((n, a) => n + a.accepted, 0)).toBe(0);
    expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(uploads.flat().length);
    expect(await totals()).toEqual(before);
    await again.close();
  });
});
