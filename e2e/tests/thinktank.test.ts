import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, todayUtc8 } from '../src/api.js';
import { verticalStyle } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The think tank as its people use it: an information officer (a member) writes a suggestion in
// Mongolian, vertically, with a file; the region admin moves it received → under review → forwarded
// → adopted with the adopting body, date, level and the evidence document; the author sees the stage
// and downloads both files. Then a needs survey is built, its QR code read back to the public link,
// answered there by a browser without an account, and its results drawn as a chart.

// jsqr is CommonJS with its function on `default` (what its typings call the default export).
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;
const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const shot = (p: Page, name: string) => p.screenshot({ path: path.join(artifacts, `thinktank-${name}.png`), fullPage: true });

/** A suggestion on herders' wind power, in Traditional Mongolian (suffixes after NNBSP). */
const MN_TITLE = 'ᠰᠠᠯᠬᠢᠨ ᠡᠷᠴᠢᠮ\u202fᠦᠨ ᠲᠤᠬᠠᠢ ᠰᠠᠨᠠᠯ';
const MN_BODY = 'ᠮᠠᠯᠴᠢᠨ ᠠᠷᠠᠳ\u202fᠤᠨ ᠰᠠᠯᠬᠢᠨ ᠡᠷᠴᠢᠮ\u202fᠦᠨ ᠲᠣᠨᠣᠭ\u180eᠠ\u202fᠶᠢ ᠨᠡᠮᠡᠭᠳᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃';
/** What the row shows of the title (one word, free of NNBSP, unique among the demo's suggestions). */
const NEEDLE = 'ᠰᠠᠯᠬᠢᠨ';
const ATTACHMENT = Buffer.from('%PDF-1.4\n% survey of herders\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EVIDENCE = Buffer.from('%PDF-1.4\n% 自治区人民政府办公厅批示件\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let server: RunningServer;
let browser: Browser;
let member: BrowserContext;
let admin: BrowserContext;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const newContext = () => browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  [member, admin] = await Promise.all([newContext(), newContext()]);
  // Demo accounts share the admin's password on first start.
  await apiLogin(member, server.baseUrl, 'tumed-officer', server.adminPassword);
  await apiLogin(admin, server.baseUrl, 'admin', server.adminPassword);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The one dialog on screen. */
const dialog = (p: Page) => p.locator('.ant-modal').filter({ visible: true });
/** Chooses a file in the FilePicker of a dialog (its one file input, hidden behind the button). */
const choose = (scope: Locator, name: string, buffer: Buffer) => scope.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
/** Downloads a file link and returns its bytes. */
async function download(p: Page, link: Locator): Promise<Buffer> {
  const [d] = await Promise.all([p.waitForEvent('download'), link.click()]);
  return fs.readFileSync((await d.path())!);
}

describe('suggestions', () => {
  it('are written in vertical Mongolian with a file, moved to adoption with the evidence, and followed by the author', async () => {
    // The member writes: Mongolian is chosen, and the fields turn vertical in the Mongolian font.
    const page = await member.newPage();
    await page.goto(`${server.baseUrl}/thinktank`);
    await page.getByTestId('tt-new-suggestion').click();
    const form = dialog(page);
    await form.getByTestId('org-picker-button').click();
    await page.locator('li[role="treeitem"] button.org-tree__label').first().click();
    await form.locator('label').filter({ hasText: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    const body = form.getByTestId('tt-body');
    await form.getByTestId('tt-title').fill(MN_TITLE);
    await body.fill(MN_BODY);
    const style = await verticalStyle(body);
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.font).toBe('Noto Sans Mongolian');
    // The title is one column: taller than wide.
    const title = await verticalStyle(form.getByTestId('tt-title'));
    expect(title.writingMode).toBe('vertical-lr');
    expect(title.box!.height).toBeGreaterThan(title.box!.width);
    await choose(form, '牧区调研.pdf', ATTACHMENT);
    await expect.poll(() => form.getByTestId('tt-attach-chosen').textContent()).toContain('牧区调研.pdf');
    await shot(page, 'submit');
    await form.getByTestId('tt-submit').click();
    const mine = page.getByTestId('tt-mine').locator('tr', { hasText: NEEDLE });
    await mine.locator('[data-stage="received"]').waitFor();
    // The title in the list is vertical Mongolian too.
    expect((await verticalStyle(mine.locator('[lang="mn-Mong"]').first())).writingMode).toBe('vertical-lr');
    const [suggestion] = (await call<{ id: string; title: string; lang: string }[]>(member, server.baseUrl, 'GET', '/api/thinktank/suggestions/mine')).filter((s) => s.title === MN_TITLE);
    expect(suggestion).toMatchObject({ lang: 'mn' });

    // The region admin moves it on, stage by stage.
    const staff = await admin.newPage();
    await staff.goto(`${server.baseUrl}/thinktank/suggestions`);
    const row = staff.getByTestId('tt-suggestions').locator('tr', { hasText: NEEDLE });
    await row.locator('[data-stage="received"]').waitFor();
    await row.getByTestId('move-under_review').click();
    await dialog(staff).locator('.ant-btn-primary').click();
    // The dialog closes once the server took the move (a refusal stays open with its message).
    await expect.poll(() => dialog(staff).count(), { timeout: 30_000 }).toBe(0);
    await row.locator('[data-stage="under_review"]').waitFor();
    await row.getByTestId('move-forwarded').click();
    await dialog(staff).locator('input').first().fill('自治区人民政府');
    await dialog(staff).locator('.ant-btn-primary').click();
    await row.locator('[data-stage="forwarded"]').waitFor();
    await row.getByTestId('move-adopted').click();
    const adopt = dialog(staff);
    const inputs = adopt.locator('input:not([type="file"]):not([type="search"])');
    await inputs.nth(0).fill('自治区人民政府');
    await inputs.nth(1).fill(todayUtc8());
    await adopt.locator('.ant-select').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '自治区级' }).click();
    await adopt.getByTestId('tt-evidence').fill('内政办字〔2026〕12号');
    await choose(adopt, '批示件.pdf', EVIDENCE);
    await expect.poll(() => adopt.getByTestId('tt-evidence-file-chosen').textContent()).toContain('批示件.pdf');
    await shot(staff, 'adopt');
    await adopt.locator('.ant-btn-primary').click();
    await row.locator('[data-stage="adopted"]').waitFor();
    // The handler sees both files on the suggestion.
    await row.getByTestId('tt-open').click();
    const files = staff.getByTestId('tt-files');
    await expect.poll(() => files.locator('li').count()).toBe(2);
    expect(await files.locator('li[data-purpose="evidence"]').textContent()).toContain('批示件.pdf');
    expect(await download(staff, files.locator('li[data-purpose="attachment"] a'))).toEqual(ATTACHMENT);
    // Where the report's "suggestions adopted" figure leads: the adopted ones, this one among them.
    await staff.goto(`${server.baseUrl}/thinktank/suggestions?stage=adopted`);
    await row.locator('[data-stage="adopted"]').waitFor();
    const stages = await staff.getByTestId('tt-suggestions').locator('tbody [data-testid="stage"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(stages.length).toBeGreaterThan(1);
    expect(new Set(stages)).toEqual(new Set(['adopted']));

    // The author sees the stage, every step it went through, the outcome, and downloads the evidence.
    await page.reload();
    await mine.locator('[data-stage="adopted"]').waitFor();
    await mine.getByTestId('tt-open').click();
    const detail = page.getByTestId('tt-suggestion-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-stage')).toBe('adopted');
    expect(await detail.getByTestId('tt-stages').locator('[data-stage]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))).toEqual(['received', 'under_review', 'forwarded', 'adopted']);
    const outcome = await detail.getByTestId('tt-outcome').textContent();
    expect(outcome).toContain('自治区人民政府');
    expect(outcome).toContain(todayUtc8());
    expect(outcome).toContain('自治区级');
    expect(outcome).toContain('内政办字〔2026〕12号');
    expect((await verticalStyle(detail.getByTestId('tt-suggestion-body'))).writingMode).toBe('vertical-lr');
    await shot(page, 'author');
    expect(await download(page, detail.locator('li[data-purpose="evidence"] a'))).toEqual(EVIDENCE);
    // Forwarded and adopted: the author can no longer add files.
    expect(await detail.getByTestId('tt-upload').count()).toBe(0);
  }, 120_000);
});

describe('needs surveys', () => {
  it('are built, reached through their QR code without an account, and charted', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/thinktank/surveys`);
    await page.getByTestId('tt-new-survey').click();
    const builder = dialog(page);
    await builder.getByTestId('org-picker-button').click();
    await page.locator('li[role="treeitem"] button.org-tree__label').first().click();
    await builder.getByPlaceholder('标题').fill('科技工作者需求调查');
    await builder.getByPlaceholder('问题').first().fill('最需要的支持');
    await builder.getByPlaceholder('选项（每行一个）').fill('项目经费\n学术交流\n成果转化');
    await builder.getByRole('button', { name: '添加问题' }).click();
    await builder.getByPlaceholder('问题').nth(1).fill('具体建议');
    await builder.locator('.ant-btn-primary').click();

    // The QR code is an image on the page; read back, it is the public link shown beside it.
    const share = page.getByTestId('tt-survey-share');
    const qr = share.getByTestId('tt-survey-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const pixels = await qr.evaluate((img: HTMLImageElement) => {
      const c = document.createElement('canvas');
      c.width = c.height = 400;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 400, 400);
      g.drawImage(img, 0, 0, 400, 400);
      return Array.from(g.getImageData(0, 0, 400, 400).data);
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels), 400, 400);
    const link = await share.getByTestId('tt-survey-link').textContent();
    expect(decoded?.data).toBe(link);
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/survey/[A-Za-z0-9_-]+$`));
    await shot(page, 'survey-share');

    // Someone without an account, on a phone, answers from the link.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const p = await phone.newPage();
      await p.goto(decoded!.data);
      await p.getByText('成果转化', { exact: true }).click();
      await p.locator('textarea').fill('希望建立成果转化服务平台');
      await p.getByTestId('survey-submit').click();
      await p.getByTestId('survey-done').waitFor();
      await shot(p, 'survey-answer');
    } finally {
      await phone.close();
    }

    // The results: the choice question as a chart, the text answer listed.
    await page.reload();
    await page.getByTestId('tt-surveys').getByText('科技工作者需求调查').click();
    const results = page.getByTestId('tt-results');
    await results.locator('[data-ready="true"] svg').first().waitFor();
    await expect.poll(() => results.textContent()).toContain('希望建立成果转化服务平台');
    const surveys = await call<{ id: string; title: string; responses: number }[]>(admin, server.baseUrl, 'GET', '/api/thinktank/surveys');
    const survey = surveys.find((s) => s.title === '科技工作者需求调查')!;
    expect(survey.responses).toBe(1);
    const r = await call<{ questions: { options?: { option: string; n: number }[] }[] }>(admin, server.baseUrl, 'GET', `/api/thinktank/surveys/${survey.id}/results`);
    expect(r.questions[0]!.options).toEqual([
      { option: '项目经费', n: 0 },
      { option: '学术交流', n: 0 },
      { option: '成果转化', n: 1 },
    ]);
    await shot(page, 'survey-results');
  }, 120_000);
});
