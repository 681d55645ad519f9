import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The foundation in a real Chromium against the real server: sign-in, the org tree, vertical
// Mongolian in the app's own font, users and roles, sign-out.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');

interface Org {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  name: { zh: string; mn: string | null };
}

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function signIn(p: Page, username: string, password: string) {
  await p.goto(`${server.baseUrl}/login`);
  await p.locator('#login_username').fill(username);
  await p.locator('#login_password').fill(password);
  await p.locator('form[id="login"] button[type="submit"]').click();
}

/** The orgs the signed-in browser user sees, straight from the API (same cookies). */
async function visibleOrgs(): Promise<Org[]> {
  const response = await context.request.get(`${server.baseUrl}/api/orgs`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Org[];
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('foundation in the browser', () => {
  it('sends a signed-out visitor to the login page, and a wrong password shows the server’s message there', async () => {
    await page.goto(`${server.baseUrl}/orgs`);
    await page.waitForURL('**/login');

    await signIn(page, 'admin', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();

    // The message is the server's own, in the UI language (Chinese by default).
    const expected = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-Hans', Origin: server.baseUrl },
      body: JSON.stringify({ username: 'admin', password: 'not-the-password' }),
    }).then(async (r) => ((await r.json()) as { error: { message: string } }).error.message);
    expect(expected).not.toBe('');
    expect((await error.innerText()).trim()).toBe(expected);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('signs the admin in and shows the org tree: region, leagues with their codes, societies in a group', async () => {
    await signIn(page, 'admin', server.adminPassword);
    await page.waitForURL('**/orgs');
    const orgs = await visibleOrgs();
    const region = orgs.find((o) => o.kind === 'region');
    expect(region).toBeDefined();

    const regionItem = page.locator(`li[role="treeitem"][data-org-id="${region!.id}"]`);
    await regionItem.waitFor();
    const regionRow = regionItem.locator('> .org-tree__row');
    expect(await regionRow.innerText()).toContain(region!.name.zh);
    expect(await regionRow.getByTestId('org-code').innerText()).toBe(region!.code);

    const leagues = orgs.filter((o) => o.kind === 'league' && o.parentId === region!.id);
    expect(leagues.length).toBeGreaterThan(0);
    for (const league of leagues) {
      const row = page.locator(`li[data-org-id="${league.id}"] > .org-tree__row`);
      expect(await row.innerText()).toContain(league.name.zh);
      expect(await row.getByTestId('org-code').innerText()).toBe(league.code);
    }
    // Societies are a group of their own under the region, not mixed in with the leagues.
    const societies = orgs.filter((o) => o.kind === 'society' && o.parentId === region!.id);
    expect(societies.length).toBeGreaterThan(0);
    const group = regionItem.locator('> ul > li[data-group="societies"]');
    await group.locator('> .org-tree__row .org-tree__toggle').click();
    for (const society of societies) {
      const row = group.locator(`li[data-org-id="${society.id}"] > .org-tree__row`);
      expect(await row.innerText()).toContain(society.name.zh);
    }

    // Selecting an org shows its details.
    await regionRow.locator('.org-tree__label').click();
    await page.waitForURL(`**/orgs?org=${region!.id}`);
    expect(await page.getByTestId('org-details-code').innerText()).toBe(region!.code);
  });

  it('switches to Mongolian: org names run top to bottom in the app’s own Noto Sans Mongolian', async () => {
    const orgs = await visibleOrgs();
    const region = orgs.find((o) => o.kind === 'region')!;
    expect(region.name.mn).toBeTruthy();

    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    const regionName = page.locator(`li[data-org-id="${region.id}"] > .org-tree__row`).getByTestId('org-name-mn');
    await regionName.waitFor();
    expect(await regionName.innerText()).toBe(region.name.mn);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('mn-Mong');

    // Vertical: the name's box is much taller than wide, by writing-mode, not by rotation.
    const box = await regionName.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.height).toBeGreaterThan(box!.width * 2);
    const style = await regionName.evaluate((el) => {
      const s = getComputedStyle(el);
      return { writingMode: s.writingMode, transform: s.transform, fontFamily: s.fontFamily, lang: el.getAttribute('lang') };
    });
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.transform).toBe('none');
    expect(style.lang).toBe('mn-Mong');
    expect(style.fontFamily.split(',')[0]!.trim().replace(/['"]/g, '')).toBe('Noto Sans Mongolian');

    // The font is the app's: its faces come from the app's CSS, were fetched from the app's
    // origin and are loaded; the text needs no other font.
    const fonts = await page.evaluate(async (text) => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((f) => f.family.replace(/['"]/g, '') === 'Noto Sans Mongolian');
      const fetched = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((url) => /noto-sans-mongolian-[a-z-]*400-normal[^/]*\.woff2$/.test(url));
      return {
        check: document.fonts.check('16px "Noto Sans Mongolian"', text),
        statuses: faces.map((f) => f.status),
        fetched,
        origin: location.origin,
      };
    }, region.name.mn!);
    expect(fonts.check).toBe(true);
    expect(fonts.statuses).toContain('loaded');
    expect(fonts.fetched.some((url) => url.startsWith(`${fonts.origin}/`) && url.includes('-mongolian-400-'))).toBe(true);

    // A banner with no Mongolian name yet shows its Chinese name in the Mongolian tree.
    const banner = orgs.find((o) => o.kind === 'banner' && !o.name.mn && orgs.some((p) => p.id === o.parentId));
    if (banner) {
      await page.locator(`li[data-org-id="${banner.parentId}"] > .org-tree__row .org-tree__toggle`).click();
      const bannerRow = page.locator(`li[data-org-id="${banner.id}"] > .org-tree__row`);
      await bannerRow.waitFor();
      expect(await bannerRow.innerText()).toContain(banner.name.zh);
      expect(await bannerRow.getByTestId('org-name-mn').count()).toBe(0);
    }

    await page.screenshot({ path: path.join(artifacts, 'foundation-mongolian.png') });
    await regionName.screenshot({ path: path.join(artifacts, 'foundation-region-name.png') });

    // The choice is remembered.
    await page.reload();
    await regionName.waitFor();
    expect(await page.evaluate(() => localStorage.getItem('gerel.lang'))).toBe('mn-Mong');
  });

  it('lets the admin create a user and grant a role on an org picked from the tree', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/users');
    await page.getByRole('table').waitFor();

    const orgs = await visibleOrgs();
    const league = orgs.find((o) => o.kind === 'league')!;
    const username = `e2e-${Date.now().toString(36)}`;

    const form = page.locator('form').filter({ has: page.getByLabel('Password') });
    await form.getByLabel('Username', { exact: true }).fill(username);
    await form.getByLabel('Password', { exact: true }).fill('e2e-user-Passw0rd');
    await form.getByLabel('Name', { exact: true }).fill('测试用户');
    await form.locator(`li[data-org-id="${league.id}"] > .org-tree__row .org-tree__label`).click();
    await form.getByRole('button', { name: 'Create user' }).click();

    const row = page.getByRole('row').filter({ hasText: username });
    await row.waitFor();
    expect(await row.innerText()).toContain(league.name.zh);

    await row.getByRole('button', { name: 'Grant role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // antd draws the role buttons over visually hidden radio inputs: click what the user sees.
    const editor = dialog.getByRole('radio', { name: 'Editor' });
    await dialog.locator('label').filter({ has: page.getByRole('radio', { name: 'Editor' }) }).click();
    expect(await editor.isChecked()).toBe(true);
    await dialog.locator(`li[data-org-id="${league.id}"] > .org-tree__row .org-tree__label`).click();
    await dialog.getByRole('button', { name: 'Grant role' }).click();
    await dialog.waitFor({ state: 'detached' });

    const grant = row.getByTestId('role-grant');
    await grant.waitFor();
    expect(await grant.innerText()).toContain('Editor');
    expect(await grant.innerText()).toContain(league.name.zh);
  });

  it('logs out back to the login page, and the workspace is closed after', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.goto(`${server.baseUrl}/orgs`);
    await page.waitForURL('**/login');
    expect((await context.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(401);
  });
});
