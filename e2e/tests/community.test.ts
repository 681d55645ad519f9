import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, orgIdByCode } from '../src/api.js';
import { signIn, verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The cloud community in the league's space (呼和浩特市), each person in their own browser: the
// league's admin names a moderator and lists a screened word; a member of a township below writes a
// thread in Mongolian and Chinese, replies with a mention and a photo and edits the reply; a post
// with the listed word is held and its author told; the moderator approves it from the queue; a
// report reaches the queue and the moderator hides the post.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
let server: RunningServer;
let browser: Browser;
let hohhot: string;
/** A banner's admin, on the league's line but no moderator there, reading through the API. */
let other: BrowserContext;
const people: Record<'admin' | 'moderator' | 'member', { context: BrowserContext; page: Page }> = {} as never;

const MN_TITLE = 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ';
const MN_BODY = 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ ᠶᠢ ᠨᠡᠭᠡᠭᠡᠨ᠎ᠡ';
const ZH_BODY = '牧区兽医培训下周开班，欢迎报名。';
const KEYWORD = '代开发票';

async function open(username: string) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1200 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, server.baseUrl, username, server.adminPassword);
  return { context, page };
}

/** The community page on the league's space, in one of its tabs. */
async function space(page: Page, tab: 'threads' | 'moderation' | 'manage' = 'threads') {
  await page.goto(`${server.baseUrl}/community`);
  await page.locator(`[data-testid="com-space"][data-org="${hohhot}"]`).click();
  await page.locator(`[data-testid="com-space-view"][data-org="${hohhot}"]`).waitFor();
  if (tab === 'moderation') await page.getByTestId('com-tab-moderation').click();
  if (tab === 'manage') await page.getByTestId('com-tab-manage').click();
}

/** Picks a person in one of the community's people pickers, by a search for their name. */
async function pick(page: Page, picker: Locator, name: string) {
  await picker.click();
  await picker.locator('input').fill(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

/** The community page as a picture, from its top (the workspace scrolls inside its layout). */
async function shot(page: Page, name: string) {
  await page.getByTestId('community-page').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(artifacts, `community-${name}.png`) });
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  people.admin = await open('hohhot-admin');
  people.moderator = await open('hohhot-editor');
  people.member = await open('tumed-officer');
  hohhot = await orgIdByCode(people.admin.context, server.baseUrl, '150100');
  other = await browser.newContext();
  await apiLogin(other, server.baseUrl, 'xincheng-admin', server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('cloud community', () => {
  it('lets the league’s admin name a moderator and list a screened word; only admins see the settings', async () => {
    const { page } = people.admin;
    await space(page, 'manage');
    await pick(page, page.getByTestId('com-moderator-pick'), '呼和浩特市编辑');
    await page.getByTestId('com-moderator-add').click();
    await expect.poll(() => page.getByTestId('com-moderator').allTextContents()).toEqual([expect.stringContaining('呼和浩特市编辑')]);
    await expect.poll(() => page.getByTestId('com-space-moderators').textContent()).toContain('呼和浩特市编辑');

    await page.getByTestId('com-keywords-input').fill(KEYWORD);
    await page.getByTestId('com-keywords-add').click();
    await expect.poll(() => page.getByTestId('com-keyword').allTextContents()).toEqual([KEYWORD]);
    expect(await page.getByTestId('com-keywords-hint').textContent()).toContain('发布时检查');
    await shot(page, 'manage');

    // The named moderator reviews but does not manage; a member does neither.
    await space(people.moderator.page);
    await people.moderator.page.getByTestId('com-tab-moderation').waitFor();
    expect(await people.moderator.page.getByTestId('com-tab-manage').count()).toBe(0);
    await space(people.member.page);
    await people.member.page.getByTestId('com-new').waitFor();
    expect(await people.member.page.getByTestId('com-tab-moderation').count()).toBe(0);
    expect(await people.member.page.getByTestId('com-tab-manage').count()).toBe(0);
  });

  it('takes a thread in Mongolian and Chinese, Mongolian set vertically; a reply with a mention, then edited', async () => {
    const { page } = people.member;
    await space(page);
    await page.getByTestId('com-new').click();
    await page.getByTestId('com-title').fill(MN_TITLE);
    await page.getByTestId('com-body').fill(`${MN_BODY}\n${ZH_BODY}`);
    await page.getByTestId('com-post-send').click();
    const item = page.getByTestId('com-thread-item').filter({ hasText: MN_TITLE });
    await item.click();

    const first = page.getByTestId('com-post').first();
    const mn = first.getByTestId('com-text-mn');
    await expect.poll(() => mn.textContent()).toBe(MN_BODY);
    const mnStyle = await verticalStyle(mn);
    expect(mnStyle.writingMode).toBe('vertical-lr');
    expect(mnStyle.font).toBe('Noto Sans Mongolian');
    expect(mnStyle.box!.height).toBeGreaterThan(mnStyle.box!.width);
    const zh = first.getByTestId('com-text-zh');
    expect(await zh.textContent()).toBe(ZH_BODY);
    expect((await verticalStyle(zh)).writingMode).toBe('horizontal-tb');
    expect((await verticalStyle(page.getByTestId('com-thread-title'))).writingMode).toBe('vertical-lr');

    await page.getByTestId('com-reply-input').fill('我想报名 ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ');
    await pick(page, page.getByTestId('com-reply-mentions'), '呼和浩特市科协管理员');
    // A photo drawn by the browser itself: a real PNG, judged by its content on the server.
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 80;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#3a7';
      g.fillRect(0, 0, 120, 80);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    await page.getByTestId('com-reply-files').setInputFiles({ name: 'pasture.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await page.getByTestId('com-reply-send').click();
    const reply = page.getByTestId('com-post').nth(1);
    await expect.poll(() => reply.getByTestId('com-mention').allTextContents()).toEqual(['@呼和浩特市科协管理员']);
    const image = reply.getByTestId('com-attachment').locator('img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute('alt')).toBe('pasture.png');
    expect(await reply.getByTestId('com-edited').count()).toBe(0);

    await reply.getByTestId('com-edit-open').click();
    await reply.getByTestId('com-edit-body').fill('我想报名，共两人 ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ');
    await reply.getByTestId('com-edit-save').click();
    await expect.poll(() => reply.getByTestId('com-text-mn').textContent()).toBe('我想报名，共两人 ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ');
    await reply.getByTestId('com-edited').waitFor();
    await shot(page, 'thread');

    // Everyone on the line reads the edited reply, marked as edited.
    const admin = people.admin.page;
    await space(admin);
    await admin.getByTestId('com-thread-item').filter({ hasText: MN_TITLE }).click();
    await expect.poll(() => admin.getByTestId('com-post').nth(1).textContent()).toContain('共两人');
    await admin.getByTestId('com-post').nth(1).getByTestId('com-edited').waitFor();
  });

  it('holds a post with a listed word, tells its author, and lets the moderator approve it from the queue', async () => {
    const { page } = people.member;
    await space(page);
    await page.getByTestId('com-new').click();
    await page.getByTestId('com-title').fill('优惠信息');
    await page.getByTestId('com-body').fill(`可以${KEYWORD}，联系我`);
    await page.getByTestId('com-post-send').click();
    await expect.poll(() => page.locator('.com-held-notice').textContent()).toContain(KEYWORD);
    const mine = page.getByTestId('com-thread-item').filter({ hasText: '优惠信息' });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('held');
    await shot(page, 'held');

    // Nobody else on the line (here a banner's admin, who does not moderate the league's space) sees it until reviewed.
    const titles = async () => (await call<{ title: string }[]>(other, server.baseUrl, 'GET', `/api/community/spaces/${hohhot}/threads`)).map((t) => t.title);
    expect(await titles()).toContain(MN_TITLE);
    expect(await titles()).not.toContain('优惠信息');
    const mod = people.moderator.page;
    await space(mod, 'moderation');
    const held = mod.getByTestId('com-queue-held').filter({ hasText: '优惠信息' });
    await expect.poll(() => held.getByTestId('com-held').textContent()).toContain(KEYWORD);
    await shot(mod, 'queue');
    await held.getByTestId('com-queue-approve').click();
    await expect.poll(() => held.count()).toBe(0);

    await space(page);
    await expect.poll(() => mine.getAttribute('data-status')).toBe('visible');
    expect(await titles()).toContain('优惠信息');
  });

  it('brings a report to the moderator’s queue, who hides the post', async () => {
    const admin = people.admin.page;
    await space(admin);
    await admin.getByTestId('com-thread-item').filter({ hasText: '优惠信息' }).click();
    await admin.getByTestId('com-post').first().getByTestId('com-report').click();
    await admin.getByTestId('com-report-reason').fill('商业广告');
    await admin.getByTestId('com-report-send').click();
    await admin.getByText('已举报').waitFor();

    const mod = people.moderator.page;
    await space(mod, 'moderation');
    const report = mod.getByTestId('com-queue-report').filter({ hasText: '优惠信息' });
    await expect.poll(() => report.getByTestId('com-queue-reason').textContent()).toBe('商业广告');
    expect(await report.textContent()).toContain('呼和浩特市科协管理员');
    await shot(mod, 'report');
    await report.getByTestId('com-queue-hide').click();
    await expect.poll(() => report.count()).toBe(0);

    // Gone for the member who wrote it and everyone else who does not moderate.
    const member = people.member.page;
    await space(member);
    await member.getByTestId('com-thread-item').first().waitFor();
    expect(await member.getByTestId('com-thread-item').filter({ hasText: '优惠信息' }).count()).toBe(0);
    expect(await member.getByTestId('com-thread-item').filter({ hasText: MN_TITLE }).count()).toBe(1);
  });
});
