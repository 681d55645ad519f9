import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, orgIdByCode, publishBilingual } from '../src/api.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The workspace runs under a Content-Security-Policy with no 'unsafe-inline' anywhere: antd's
// generated <style> elements carry the page's per-response nonce, and nothing else inline is applied.
// Every page below must load, draw its charts, editor and vertical Mongolian, and raise not one
// CSP violation (the DOM event or Chromium's console report), while antd's components stay styled.

const STATION = 'E2E-CSP-1';
const MN_TITLE = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ';

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
}

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let resourceId: string;
const violations: Violation[] = [];

/** A new page whose CSP violations (DOM events and console reports) land in `violations`. */
async function watchedPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push({ page: page.url(), directive: 'console', blocked: '', sample: msg.text() });
  });
  return page;
}

async function watchedContext(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  await ctx.exposeBinding('__gerelCsp', ({ page }, v: Omit<Violation, 'page'>) => void violations.push({ page: page.url(), ...v }));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __gerelCsp: (v: unknown) => void }).__gerelCsp({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  return ctx;
}

/** The background colour of the first primary button (transparent if antd's CSS was refused). */
const primaryBackground = (page: Page) =>
  page.locator('.ant-btn-primary').first().evaluate((el) => getComputedStyle(el).backgroundColor);

const TRANSPARENT = ['rgba(0, 0, 0, 0)', 'transparent'];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const editor = await browser.newContext();
  const reviewer = await browser.newContext();
  await apiLogin(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
  await apiLogin(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
  resourceId = await publishBilingual(editor, reviewer, server.baseUrl, {
    zh: { title: '科学养畜', summary: '冬季要点', body: '<p>冬季要给牛羊搭建暖棚。</p><table><tbody><tr><td>草料</td><td>暖棚</td></tr></tbody></table>' },
    mn: { title: MN_TITLE, summary: 'ᠡᠪᠦᠯ', body: '<p>ᠡᠪᠦᠯ ᠤᠨ ᠴᠠᠭ ᠲᠤ ᠮᠠᠯ ᠢᠶᠠᠨ ᠳᠤᠯᠠᠭᠠᠨ ᠬᠣᠷᠢᠶ᠎ᠠ ᠳᠤ ᠪᠠᠢᠯᠭᠠᠨ᠎ᠠ᠃</p>' },
  });
  await editor.close();
  await reviewer.close();
  context = await watchedContext();
  await apiLogin(context, server.baseUrl, 'admin', server.adminPassword);
  await call(context, server.baseUrl, 'POST', '/api/stations', {
    code: STATION,
    name: { zh: '土默特左旗科普e站', mn: 'ᠲᠦᠮᠡᠳ ᠵᠡᠭᠦᠨ ᠬᠣᠰᠢᠭᠤ' },
    orgId: await orgIdByCode(context, server.baseUrl, '150121'),
    kind: 'kiosk',
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Content-Security-Policy without unsafe-inline', () => {
  it('gives each workspace page a fresh nonce, in the header and the page, and no unsafe-inline', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await context.request.get(`${server.baseUrl}/orgs`);
      const csp = response.headers()['content-security-policy'] ?? '';
      expect(csp).not.toContain('unsafe-inline');
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})'/.exec(csp)?.[1];
      expect(nonce, csp).toBeDefined();
      expect(await response.text()).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(2);
    // The static file route never serves the page without its nonce.
    const direct = await context.request.get(`${server.baseUrl}/index.html`);
    expect(await direct.text()).toContain('name="csp-nonce"');
  });

  it('refuses, and reports, a style injected into the page as markup', async () => {
    const page = await watchedPage(context);
    await page.goto(`${server.baseUrl}/orgs`);
    await page.locator('[data-testid="org-code"]').first().waitFor();
    const injected = await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<p id="csp-probe" style="color: rgb(255, 0, 0)">x</p><style>#csp-probe { background-color: rgb(0, 255, 0) }</style>';
      document.body.append(box);
      const s = getComputedStyle(document.getElementById('csp-probe')!);
      return { color: s.color, background: s.backgroundColor };
    });
    expect(injected.color).not.toBe('rgb(255, 0, 0)');
    expect(injected.background).not.toBe('rgb(0, 255, 0)');
    // Both refusals are reported, as the DOM event and in the console (as for any violation below).
    await expect.poll(() => [...new Set(violations.filter((v) => v.directive !== 'console').map((v) => v.directive))].sort()).toEqual(['style-src-attr', 'style-src-elem']);
    await expect.poll(() => violations.filter((v) => v.directive === 'console').length).toBeGreaterThanOrEqual(2);
    await page.close();
    violations.length = 0;
  });

  it('styles the login page with antd under the nonce', async () => {
    const anonymous = await watchedContext();
    const page = await watchedPage(anonymous);
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('form[id="login"] button[type="submit"]').waitFor();
    expect(TRANSPARENT).not.toContain(await primaryBackground(page));
    // antd's style elements exist and carry the nonce of this response.
    const styles = await page.evaluate(() => {
      const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')!.content;
      const all = [...document.querySelectorAll('style')];
      return { count: all.length, withNonce: all.filter((s) => s.nonce === nonce).length };
    });
    expect(styles.count).toBeGreaterThan(0);
    expect(styles.withNonce).toBe(styles.count);
    await anonymous.close();
    expect(violations).toEqual([]);
  });

  it('loads the workspace pages (dashboard, editor, messaging, reports and more) with no violation', async () => {
    const page = await watchedPage(context);
    const visit = async (url: string, ready: string) => {
      await page.goto(`${server.baseUrl}${url}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      // Lazy chunks and late styles (charts, popups) get a moment to arrive.
      await page.waitForTimeout(300);
    };
    await visit('/orgs', '[data-testid="org-code"]');

    // Dissemination dashboard: an ECharts chart (SVG renderer) and its tooltip on hover.
    await visit('/dissemination', '[data-testid="dash-trend"][data-ready="true"] svg');
    const chart = page.getByTestId('dash-trend');
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);

    // Stations: a modal (antd locks the page's scroll with a <style> it creates itself).
    await visit('/stations', '[data-testid="stations-page"]');
    await page.getByTestId('station-edit').first().click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');

    // The editor: new resource (vertical Mongolian surface) and an existing one with a table.
    await visit('/content/new', '[data-testid="new-body"]');
    await page.getByTestId('new-body').click();
    await page.keyboard.type('科学');
    await visit(`/content/${resourceId}`, '.ProseMirror');

    await visit('/messages', '[data-testid="messaging-page"]');
    // The composer is antd's auto-size TextArea: it measures with setAttribute('style'), which must
    // go through the CSSOM (web/src/app/cspNonce.ts) — else a violation, and a box that never grows.
    await page.locator('[data-testid="chat-conversation"]').first().click();
    const composer = page.getByTestId('chat-input');
    const oneLine = await composer.evaluate((el) => el.getBoundingClientRect().height);
    await composer.fill('科学\nᠰᠠᠢᠨ\n普及\nᠪᠠᠢᠨ᠎ᠠ');
    await expect.poll(() => composer.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(oneLine * 1.5);
    await composer.fill('');
    await visit('/community', '[data-testid="community-page"]');
    await visit('/reports', '[data-testid="chart-activities"][data-ready="true"] svg');
    // The chart's tooltip on hover, drawn inside the SVG (an HTML tooltip would be refused markup).
    const activities = page.getByTestId('chart-activities');
    const texts = () => activities.locator('svg text').count();
    const before = await texts();
    await activities.scrollIntoViewIfNeeded();
    const at = (await activities.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2, { steps: 5 });
    await expect.poll(texts).toBeGreaterThan(before);
    await visit('/thinktank', '[data-testid="thinktank-page"]');
    await visit('/translation', '[data-testid="translation-tasks"]');
    await visit('/office', '[data-testid="office-documents"]');
    expect(TRANSPARENT).not.toContain(await page.getByTestId('office-new').evaluate((el) => getComputedStyle(el).backgroundColor));
    await visit('/registry', '[data-testid="registry-index"]');
    await visit('/volunteers', '[data-testid="volunteers-page"]');
    await visit('/activities', '[data-testid="activities-page"]');
    await visit('/users', '.ant-table');

    // The Mongolian UI: vertical labels throughout.
    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await visit('/stations', '[data-testid="stations-page"]');
    expect(await page.locator('h1.page-title .mongol').evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
    expect(violations).toEqual([]);
  }, 180_000);

  it('plays the kiosk with no violation', async () => {
    const kiosk = await watchedContext();
    const page = await watchedPage(kiosk);
    await page.goto(`${server.baseUrl}/kiosk/${STATION}`);
    await page.getByText(MN_TITLE).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await kiosk.close();
    expect(violations).toEqual([]);
  }, 60_000);

  it('serves the public portal (server-rendered, its own inline style allowed by hash) with no violation', async () => {
    const anonymous = await watchedContext();
    const page = await watchedPage(anonymous);
    for (const url of ['/', '/mn/', `/r/${resourceId}`, `/mn/r/${resourceId}`, '/search?q=科学']) {
      const response = await page.goto(`${server.baseUrl}${url}`);
      expect(response?.status(), url).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp, url).toMatch(/style-src 'self' 'sha256-/);
      expect(csp, url).not.toContain('unsafe-inline');
      // The inline stylesheet applied: the header bar has its colour.
      expect(await page.locator('header.site').evaluate((el) => getComputedStyle(el).backgroundColor), url).toBe('rgb(11, 61, 46)');
    }
    await anonymous.close();
    expect(violations).toEqual([]);
  });
});
