import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretIn, clickKeys, clickRadio, signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// Publishing with two people in two browser contexts: the Hohhot editor writes a Mongolian
// resource with the on-screen keyboard, saves a revision and submits it; the Hohhot reviewer
// approves and publishes it; the editor then sees it published.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');

// ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ ("Mongolian language") typed on the GB/T 28038 layout: O is q, NG is Shift+n.
const TITLE_KEYS = ['m', 'q', 'N', 'g', 'q', 'l', ' ', 'h', 'e', 'l', 'e'];
const TITLE = 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ';
const BODY_KEYS = ['m', 'q', 'N', 'g', 'q', 'l', ' ', 'b', 'i', 'c', 'i', 'g'];
const BODY = 'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ';

let server: RunningServer;
let browser: Browser;
let editorContext: BrowserContext;
let reviewerContext: BrowserContext;
let editor: Page;
let reviewer: Page;
let resourceId: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  editorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', deviceScaleFactor: 2 });
  reviewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  editor = await editorContext.newPage();
  reviewer = await reviewerContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const status = (page: Page, lang: string) => page.getByTestId(`version-${lang}`).getByTestId('version-status');

describe('publishing a Mongolian resource', () => {
  it('lets the editor create a resource in 呼和浩特市 and write its Mongolian version with the on-screen keyboard', async () => {
    await signIn(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
    await editor.getByRole('link', { name: '资源库' }).click();
    await editor.waitForURL('**/content');
    await editor.getByTestId('new-resource').click();
    await editor.waitForURL('**/content/new');

    const orgs = (await (await editorContext.request.get(`${server.baseUrl}/api/orgs`)).json()) as {
      id: string;
      code: string;
    }[];
    const hohhot = orgs.find((o) => o.code === '150100')!;
    await editor.locator(`li[data-org-id="${hohhot.id}"] > .org-tree__row .org-tree__label`).click();
    expect(await editor.locator(`li[data-org-id="${hohhot.id}"] > .org-tree__row`).getAttribute('class')).toContain('selected');
    await clickRadio(editor, 'first-lang-mn-Mong');

    // Title (a vertical field) and body (the vertical editor), both typed by clicking keys.
    const title = editor.getByTestId('new-title');
    await title.click();
    await clickKeys(editor, TITLE_KEYS);
    expect(await title.inputValue()).toBe(TITLE);

    const body = editor.getByTestId('new-body');
    await body.click();
    await clickKeys(editor, BODY_KEYS);
    expect(await body.innerText()).toBe(BODY);

    // The editing surface is vertical: taller than wide, by writing-mode, in the app's font.
    const style = await verticalStyle(body);
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.transform).toBe('none');
    expect(style.font).toBe('Noto Sans Mongolian');
    expect(style.box!.height).toBeGreaterThan(style.box!.width);
    const titleStyle = await verticalStyle(title);
    expect(titleStyle.writingMode).toBe('vertical-lr');
    expect(titleStyle.box!.height).toBeGreaterThan(titleStyle.box!.width);

    // ArrowDown is the next letter, Shift+ArrowDown selects one, Backspace deletes it, undo brings it back.
    await editor.keyboard.press('Control+Home');
    expect(await caretIn(body)).toEqual({ offset: 0, selected: '' });
    await editor.keyboard.press('ArrowDown');
    expect(await caretIn(body)).toEqual({ offset: 1, selected: '' });
    await editor.keyboard.press('Shift+ArrowDown');
    expect(await caretIn(body)).toEqual({ offset: 2, selected: 'ᠣ' });
    await editor.keyboard.press('Backspace');
    expect(await body.innerText()).toBe(BODY.slice(0, 1) + BODY.slice(2));
    await editor.keyboard.press('Control+z');
    expect(await body.innerText()).toBe(BODY);

    await editor.screenshot({ path: path.join(artifacts, 'publishing-new-mongolian.png') });
    await body.screenshot({ path: path.join(artifacts, 'publishing-editor-body.png') });

    await editor.getByTestId('create-resource').click();
    await editor.waitForURL(/\/content\/[0-9a-f-]{36}$/);
    resourceId = new URL(editor.url()).pathname.split('/').pop()!;
    const version = editor.getByTestId('version-mn-Mong');
    await version.waitFor();
    expect(await status(editor, 'mn-Mong').getAttribute('data-status')).toBe('draft');
    expect(await version.getByTestId('version-revision').getAttribute('data-revision')).toBe('1');
    expect(await version.getByTestId('version-body').innerText()).toBe(BODY);
  });

  it('saves a new revision and submits it for review', async () => {
    const version = editor.getByTestId('version-mn-Mong');
    const body = version.getByTestId('version-body');
    await body.click();
    await editor.keyboard.press('Control+End');
    await clickKeys(editor, [' ', 'a', 'b', 'a']);
    expect(await body.innerText()).toBe(`${BODY} ᠠᠪᠠ`);
    await version.getByTestId('version-dirty').waitFor();
    await version.getByTestId('save-version').click();
    await version.locator('[data-testid="version-revision"][data-revision="2"]').waitFor();
    await version.getByTestId('version-dirty').waitFor({ state: 'detached' });

    // Revisions: compare 1 → 2 with the server's diff, restore 1 (a new revision 3), then 2 again (4).
    await version.getByTestId('open-revisions').click();
    const drawer = editor.getByRole('dialog');
    await drawer.getByTestId('revisions').locator('li[data-n="2"]').waitFor();
    await drawer.getByTestId('compare-revisions').click();
    const bodyDiff = drawer.getByTestId('diff').nth(1);
    await bodyDiff.locator('ins').first().waitFor();
    expect(await bodyDiff.locator('ins').allInnerTexts()).toEqual([expect.stringContaining('ᠠᠪᠠ')]);
    expect((await verticalStyle(bodyDiff)).writingMode).toBe('vertical-lr');
    await drawer.screenshot({ path: path.join(artifacts, 'publishing-revisions-diff.png') });
    await drawer.locator('li[data-n="1"]').getByRole('button').click();
    await version.locator('[data-testid="version-revision"][data-revision="3"]').waitFor();
    expect(await body.innerText()).toBe(BODY);
    await drawer.locator('li[data-n="2"]').getByRole('button').click();
    await version.locator('[data-testid="version-revision"][data-revision="4"]').waitFor();
    expect(await body.innerText()).toBe(`${BODY} ᠠᠪᠠ`);
    await editor.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // A Chinese version beside it: Chinese horizontal on the left, Mongolian vertical to its right.
    const add = editor.getByTestId('add-version');
    await add.getByTestId('add-version-title').fill('蒙古语言');
    await add.getByRole('button', { name: '添加语言版本' }).click();
    const zh = editor.getByTestId('version-zh-Hans');
    await zh.waitFor();
    const zhBox = (await zh.boundingBox())!;
    const mnBox = (await version.boundingBox())!;
    expect(zhBox.x).toBeLessThan(mnBox.x);
    expect(Math.abs(zhBox.y - mnBox.y)).toBeLessThan(5);
    expect((await verticalStyle(zh.getByTestId('version-body'))).writingMode).toBe('horizontal-tb');

    await version.getByTestId('wf-submit').click();
    await version.locator('[data-testid="version-status"][data-status="in_review"]').waitFor();
    await zh.getByTestId('version-summary').fill('蒙古语言简介');
    await zh.getByTestId('save-version').click();
    await zh.locator('[data-testid="version-revision"][data-revision="2"]').waitFor();
    await zh.getByTestId('wf-submit').click();
    await zh.locator('[data-testid="version-status"][data-status="in_review"]').waitFor();

    const api = (await (await editorContext.request.get(`${server.baseUrl}/api/resources/${resourceId}`)).json()) as {
      versions: { lang: string; status: string; revision: number; title: string; body: string; summary: string | null }[];
    };
    const mn = api.versions.find((v) => v.lang === 'mn-Mong')!;
    expect(mn).toMatchObject({ status: 'in_review', revision: 4, title: TITLE });
    expect(mn.body).toContain(`${BODY} ᠠᠪᠠ`);
    expect(api.versions.find((v) => v.lang === 'zh-Hans')).toMatchObject({ status: 'in_review', summary: '蒙古语言简介' });
    await editor.getByTestId('versions').screenshot({ path: path.join(artifacts, 'publishing-in-review.png') });
  });

  it('lets the reviewer, in a second browser, approve and publish it', async () => {
    await signIn(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
    await reviewer.goto(`${server.baseUrl}/content?status=in_review`);
    // The list shows the title in the UI language's version (Chinese here).
    const link = reviewer.locator(`a[data-testid="resource-link"][href="/content/${resourceId}"]`);
    expect(await link.innerText()).toBe('蒙古语言');
    await link.click();
    await reviewer.waitForURL(`**/content/${resourceId}`);

    const version = reviewer.getByTestId('version-mn-Mong');
    await version.locator('[data-testid="version-status"][data-status="in_review"]').waitFor();
    // A comment on the version, which the editor will see.
    const comments = version.getByTestId('comments');
    await comments.locator('summary').click();
    await comments.locator('textarea').fill('ᠰᠠᠶᠢᠨ 很好');
    await comments.getByRole('button', { name: '发表' }).click();
    await comments.locator('.comments__item').filter({ hasText: '很好' }).waitFor();

    await version.getByTestId('wf-approve').click();
    await version.locator('[data-testid="version-status"][data-status="approved"]').waitFor();
    await version.getByTestId('wf-publish').click();
    await version.locator('[data-testid="version-status"][data-status="published"]').waitFor();
    expect(await version.getByTestId('version-dirty').count()).toBe(0); // the reviewer changed nothing

    // The Chinese version: approved, then scheduled for a later date and time (it stays approved).
    const zh = reviewer.getByTestId('version-zh-Hans');
    await zh.getByTestId('wf-approve').click();
    await zh.locator('[data-testid="version-status"][data-status="approved"]').waitFor();
    const picker = zh.locator('.ant-picker input');
    await picker.click();
    await picker.fill('2031-03-04 10:30:00');
    await picker.press('Enter');
    await zh.getByTestId('wf-schedule').click();
    const scheduled = zh.getByText(/定于 .* 发布/);
    await scheduled.waitFor();
    expect(await scheduled.innerText()).toContain('2031');
    expect(await zh.getByTestId('version-status').getAttribute('data-status')).toBe('approved');
    const api = (await (await reviewerContext.request.get(`${server.baseUrl}/api/resources/${resourceId}`)).json()) as {
      versions: { lang: string; status: string; publishAt: string | null }[];
    };
    const zhApi = api.versions.find((v) => v.lang === 'zh-Hans')!;
    expect(zhApi.status).toBe('approved');
    expect(new Date(zhApi.publishAt!).getTime()).toBe(new Date(2031, 2, 4, 10, 30).getTime());
    await reviewer.screenshot({ path: path.join(artifacts, 'publishing-reviewer-published.png') });
  });

  it('shows the editor the version as published', async () => {
    await editor.reload();
    const version = editor.getByTestId('version-mn-Mong');
    await version.locator('[data-testid="version-status"][data-status="published"]').waitFor();
    const comments = version.getByTestId('comments');
    await comments.locator('summary').click();
    const comment = comments.locator('.comments__item').filter({ hasText: '很好' });
    expect(await comment.innerText()).toContain('呼和浩特市审核员');
    expect(await comment.locator('.mongol').innerText()).toBe('ᠰᠠᠶᠢᠨ 很好');
    await editor.goto(`${server.baseUrl}/content`);
    await editor.locator('[data-testid="filter-status"] label').filter({ has: editor.locator('input[value="published"]') }).click();
    await editor.waitForURL('**/content?status=published');
    await editor.locator('[data-testid="filter-lang"] label').filter({ has: editor.locator('input[value="mn-Mong"]') }).click();
    await editor.waitForURL('**/content?status=published&lang=mn-Mong');
    const row = editor.getByRole('row').filter({ has: editor.locator(`a[href="/content/${resourceId}"]`) });
    await row.waitFor();
    expect(await row.locator('[data-lang="mn-Mong"] .status-tag').getAttribute('data-status')).toBe('published');
    await editor.screenshot({ path: path.join(artifacts, 'publishing-list-published.png') });

    // The same page in the Mongolian UI: labels vertical in the app's font, the version still published.
    await editor.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await editor.goto(`${server.baseUrl}/content/${resourceId}`);
    const mnVersion = editor.getByTestId('version-mn-Mong');
    await mnVersion.locator('[data-testid="version-status"][data-status="published"]').waitFor();
    const label = mnVersion.getByTestId('version-status').locator('.mongol');
    expect(await label.innerText()).toBe('ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠳᠡᠭᠰᠡᠨ');
    expect((await verticalStyle(label)).writingMode).toBe('vertical-lr');
    await editor.screenshot({ path: path.join(artifacts, 'publishing-editor-mongolian-ui.png') });
    await editor.getByRole('button', { name: '中文' }).click();
  });

  it('renders the public Mongolian page with its title vertical, in the app font, for anyone', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const page = await visitor.newPage();
      const response = await page.goto(`${server.baseUrl}/mn/r/${resourceId}`);
      expect(response?.status()).toBe(200);
      const title = page.locator('main h1');
      expect(await title.innerText()).toBe(TITLE);
      const style = await verticalStyle(title);
      expect(style.writingMode).toBe('vertical-lr');
      expect(style.transform).toBe('none');
      expect(style.font).toBe('Noto Sans Mongolian');
      expect(style.box!.height).toBeGreaterThan(style.box!.width);
      expect(await page.evaluate(async (text) => {
        await document.fonts.ready;
        return document.fonts.check('16px "Noto Sans Mongolian"', text);
      }, TITLE)).toBe(true);
      expect(await page.locator('main').innerText()).toContain(`${BODY} ᠠᠪᠠ`);
      await page.screenshot({ path: path.join(artifacts, 'publishing-public-mn.png') });
      await title.screenshot({ path: path.join(artifacts, 'publishing-public-mn-title.png') });
    } finally {
      await visitor.close();
    }
  });

  it('finds it by search under another spelling that looks the same, and by its Latin alias transliteration', async () => {
    const search = async (q: string) => {
      const response = await fetch(`${server.baseUrl}/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { hits: { resourceId: string; lang: string }[] }).hits;
    };
    // Typed with O (ᠣ); searched with U (ᠤ), drawn the same: ᠮᠤᠩᠭᠤᠯ.
    expect(await search('ᠮᠤᠩᠭᠤᠯ')).toContainEqual(expect.objectContaining({ resourceId, lang: 'mn-Mong' }));
    // The UTN #57 alias transliteration of ᠮᠣᠩᠭᠣᠯ.
    expect(await search('m-o-ng-g-o-l')).toContainEqual(expect.objectContaining({ resourceId, lang: 'mn-Mong' }));
    // A word that is not in it finds nothing of it.
    expect((await search('ᠲᠡᠮᠡᠭᠡ')).map((h) => h.resourceId)).not.toContain(resourceId);
  });
});
