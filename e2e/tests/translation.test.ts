import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, orgIdByCode } from '../src/api.js';
import { signIn } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// Issue 9's proof: a Chinese article is translated into Mongolian through a task, with a memory
// suggestion inserted in the side-by-side editor, and both versions are published; a bilingual
// notice is issued and its PDF pages, drawn by pdf.js in Chromium, show the red header and the
// vertical Mongolian page.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const pdfjsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');
const MONGOLIAN = /[\u1820-\u18AF]/;
const PAGE = `<!doctype html><body style="margin:0;background:#fff"><canvas id="page"></canvas>
<script type="module">import * as pdfjs from '/pdf.mjs'; pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs'; window.pdfjsLib = pdfjs;</script></body>`;
const MN_1 = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠲᠧᠬᠨᠢᠭ ᠪᠣᠯ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠦᠴᠦᠨ ᠮᠥᠨ᠃';
const MN_2 = 'ᠪᠢᠳᠡ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠯᠭᠡ ᠶᠢ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃';

let server: RunningServer;
let browser: Browser;
let editor: BrowserContext;
let reviewer: BrowserContext;
let admin: BrowserContext;
let translatorContext: BrowserContext;
let translator: Page;
let hohhot: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const open = () => browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  editor = await open();
  reviewer = await open();
  admin = await open();
  translatorContext = await open();
  await apiLogin(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
  await apiLogin(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
  await apiLogin(admin, server.baseUrl, 'hohhot-admin', server.adminPassword);
  translator = await translatorContext.newPage();
  await signIn(translator, server.baseUrl, 'region-translator', server.adminPassword);
  hohhot = await orgIdByCode(editor, server.baseUrl, '150100');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('translation workbench', () => {
  it('translates a Chinese article into Mongolian through a task with a memory suggestion, then both versions are published', async () => {
    const base = server.baseUrl;
    // The memory learns from an existing bilingual article (aligned automatically, then saved).
    const known = await call<{ id: string }>(editor, base, 'POST', '/api/resources', {
      orgId: hohhot,
      kind: 'article',
      versions: [
        { lang: 'zh-Hans', title: '科技', body: '<p>科学技术是第一生产力。我们要普及科学知识。</p>' },
        { lang: 'mn-Mong', title: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ', body: `<p>${MN_1} ${MN_2}</p>` },
      ],
    });
    const aligned = await call<{ saved: number }>(editor, base, 'POST', '/api/translation/memory/align', { resourceId: known.id, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', save: true });
    expect(aligned.saved).toBe(2);

    const article = await call<{ id: string }>(editor, base, 'POST', '/api/resources', {
      orgId: hohhot,
      kind: 'article',
      versions: [{ lang: 'zh-Hans', title: '科技创新', body: '<p>科学技术是第一生产力。</p>' }],
    });
    const me = await call<{ id: string }>(translatorContext, base, 'GET', '/api/auth/me');
    await call(editor, base, 'POST', '/api/translation/tasks', { resourceId: article.id, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: me.id });

    await translator.goto(`${base}/translation`);
    await translator.getByTestId('translation-task').filter({ hasText: '科技创新' }).click();
    const hints = translator.getByTestId('translation-hints');
    await expect.poll(() => hints.getByTestId('translation-score').first().textContent(), { timeout: 15_000 }).toBe('100%');
    await translator.getByTestId('translation-title').fill('ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠰᠢᠨᠡᠯᠡᠯ');
    await translator.getByTestId('translation-insert').first().click();
    await expect.poll(() => translator.getByTestId('translation-body').innerText()).toContain(MN_1.slice(0, 10));
    await translator.screenshot({ path: path.join(artifacts, 'translation-task.png'), fullPage: true });
    await translator.getByTestId('translation-submit').click();
    await translator.locator('[data-testid="translation-task"] [data-status="in_review"]').first().waitFor();

    const versions = async () => (await call<{ versions: { lang: string; status: string; body: string }[] }>(editor, base, 'GET', `/api/resources/${article.id}`)).versions;
    const mn = (await versions()).find((v) => v.lang === 'mn-Mong')!;
    expect(mn.status).toBe('in_review');
    expect(mn.body).toContain(MN_1);

    const task = (await call<{ items: { id: string; resourceId: string }[] }>(reviewer, base, 'GET', '/api/translation/tasks?status=in_review')).items.find((x) => x.resourceId === article.id)!;
    await call(reviewer, base, 'POST', `/api/translation/tasks/${task.id}/review`, { approve: true });
    await call(editor, base, 'POST', `/api/resources/${article.id}/versions/zh-Hans/transition`, { to: 'in_review' });
    await call(reviewer, base, 'POST', `/api/resources/${article.id}/versions/zh-Hans/transition`, { to: 'approved' });
    await call(reviewer, base, 'POST', `/api/resources/${article.id}/versions/zh-Hans/transition`, { to: 'published' });
    await call(reviewer, base, 'POST', `/api/resources/${article.id}/versions/mn-Mong/transition`, { to: 'published' });
    // What the public sees: both versions.
    const anon = await browser.newContext();
    const pub = (await (await anon.request.get(`${base}/api/resources/${article.id}`)).json()) as { versions: { lang: string; status: string }[] };
    expect(pub.versions.map((v) => [v.lang, v.status]).sort()).toEqual([
      ['mn-Mong', 'published'],
      ['zh-Hans', 'published'],
    ]);
    await anon.close();
  }, 120_000);

  it('issues a bilingual notice whose PDF shows the red header and a vertical Mongolian page', async () => {
    const base = server.baseUrl;
    const doc = await call<{ id: string }>(editor, base, 'POST', '/api/office/documents', {
      kind: 'notice',
      layout: 'bilingual',
      title: { zh: '关于举办科技活动周的通知', mn: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠳᠣᠯᠣᠭ᠎ᠠ ᠬᠣᠨᠣᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ' },
      body: { zh: '定于五月举办科技活动周，请各单位做好组织工作。\n\n特此通知。', mn: `${MN_1}\n\n${MN_2}` },
      recipients: '各旗县区科协',
    });
    await call(editor, base, 'POST', `/api/office/documents/${doc.id}/submit`);
    await call(reviewer, base, 'POST', `/api/office/documents/${doc.id}/decide`, { approve: true });
    await call(admin, base, 'POST', `/api/office/documents/${doc.id}/decide`, { approve: true });
    const issued = await call<{ number: string }>(admin, base, 'POST', `/api/office/documents/${doc.id}/issue`);
    expect(issued.number).toMatch(/^科协发〔\d{4}〕\d+号$/);
    // The register page lists it with its number, issued.
    const list = await reviewer.newPage();
    await list.goto(`${base}/office`);
    const row = list.getByTestId('office-documents').locator('tr', { hasText: issued.number });
    await row.locator('[data-status="issued"]').waitFor();
    await list.screenshot({ path: path.join(artifacts, 'office-register.png'), fullPage: true });

    const response = await reviewer.request.get(`${base}/api/office/documents/${doc.id}/document.pdf`);
    expect(response.status(), server.output().slice(-2000)).toBe(200);
    const pdf = await response.body();
    fs.writeFileSync(path.join(artifacts, 'notice.pdf'), pdf);

    const page = await reviewer.newPage();
    await page.route('http://pdf.test/**', (route) => {
      const file = new URL(route.request().url()).pathname.slice(1);
      if (file === '') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (file === 'notice.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      if (file === 'pdf.mjs' || file === 'pdf.worker.mjs') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(pdfjsDir, file)) });
      return route.abort();
    });
    await page.goto('http://pdf.test/');
    await page.waitForFunction(() => 'pdfjsLib' in window);
    const draw = (n: number) =>
      page.evaluate(
        async ({ n, mongolian }) => {
          const pdfjs = (window as unknown as { pdfjsLib: typeof import('pdfjs-dist') }).pdfjsLib;
          const doc = await pdfjs.getDocument('/notice.pdf').promise;
          const p = await doc.getPage(n);
          const viewport = p.getViewport({ scale: 1 });
          const canvas = document.getElementById('page') as HTMLCanvasElement;
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          const g = canvas.getContext('2d')!;
          await p.render({ canvasContext: g, viewport }).promise;
          // Share of red pixels in the top fifth (the red issuer mark) and of inked pixels on the page.
          const top = g.getImageData(0, 0, canvas.width, Math.floor(canvas.height / 5)).data;
          let red = 0;
          for (let i = 0; i < top.length; i += 4) if (top[i]! > 170 && top[i + 1]! < 90 && top[i + 2]! < 90) red++;
          const all = g.getImageData(0, 0, canvas.width, canvas.height).data;
          let ink = 0;
          for (let i = 0; i < all.length; i += 4) if (all[i]! < 200 || all[i + 1]! < 200 || all[i + 2]! < 200) ink++;
          const text = await p.getTextContent();
          const runs = (text.items as { str: string; transform: number[] }[]).filter((i) => new RegExp(mongolian).test(i.str));
          return {
            pages: doc.numPages,
            redTop: red / (top.length / 4),
            inked: ink / (all.length / 4),
            chinese: text.items.map((i) => ('str' in i ? i.str : '')).join(''),
            verticalMongolian: runs.filter((r) => Math.abs(r.transform[0]!) < 0.01 && Math.abs(r.transform[1]!) > 1).length,
          };
        },
        { n, mongolian: MONGOLIAN.source },
      );
    const first = await draw(1);
    await page.locator('#page').screenshot({ path: path.join(artifacts, 'notice-page1.png') });
    const second = await draw(2);
    await page.locator('#page').screenshot({ path: path.join(artifacts, 'notice-page2.png') });
    expect(first.pages).toBe(2);
    expect(first.redTop).toBeGreaterThan(0.005);
    expect(first.chinese).toContain('关于举办科技活动周的通知');
    expect(first.chinese).toContain(issued.number);
    expect(second.inked).toBeGreaterThan(0.005);
    expect(second.verticalMongolian).toBeGreaterThan(0);
  }, 120_000);
});

describe('translation workbench UI: termbase, conversion, alignment and terms in the editor', () => {
  const MN_AI = 'ᠵᠢᠷᠤᠮᠯᠠᠯ ᠣᠶᠤᠨ ᠤᠬᠠᠭᠠᠨ';
  const MN_CLOUD = 'ᠡᠭᠦᠯᠡᠨ ᠲᠣᠭᠠᠴᠠᠯ';

  it('adds a term in the form and imports a CSV after a report (a faulty file is refused whole)', async () => {
    const base = server.baseUrl;
    await translator.goto(`${base}/translation?tab=termbase`);
    await translator.getByTestId('term-add').click();
    await translator.getByTestId('term-zh').fill('人工智能');
    await translator.getByTestId('term-mnMong').fill(MN_AI);
    await translator.getByTestId('term-mnCyrl').fill('хиймэл оюун ухаан');
    await translator.getByTestId('term-en').fill('artificial intelligence');
    await translator.getByTestId('term-domain').fill('信息技术');
    await translator.getByTestId('term-notes').fill('AI');
    await translator.getByTestId('term-save').click();
    const row = translator.locator('[data-testid="term-row"][data-term="人工智能"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('artificial intelligence');
    expect(await row.locator('.mongol').innerText()).toBe(MN_AI);

    const upload = async (name: string, csv: string) => {
      await translator.getByTestId('term-import').click();
      await translator.locator('.ant-modal input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await translator.getByTestId('tr-import-report').waitFor();
    };
    // A duplicate of an existing term and a row without Chinese: the report names both rows, nothing can be confirmed.
    await upload('bad.csv', '中文,传统蒙古文,英文,领域\n人工智能,x,AI,信息技术\n,y,cloud,\n');
    const report = translator.getByTestId('tr-import-report');
    await expect.poll(() => report.locator('tbody tr').count()).toBe(2);
    expect(await translator.getByTestId('tr-import-confirm').isDisabled()).toBe(true);
    await translator.screenshot({ path: path.join(artifacts, 'translation-termbase-import-report.png'), fullPage: true });
    await translator.locator('.ant-modal-close').click();
    await translator.getByTestId('tr-import-report').waitFor({ state: 'hidden' });

    await upload('terms.csv', `中文,传统蒙古文,西里尔蒙古文,英文,领域,备注\n云计算,${MN_CLOUD},үүлэн тооцоолол,cloud computing,信息技术,\n科学技术,ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠲᠧᠬᠨᠢᠭ,шинжлэх ухаан технологи,science and technology,综合,\n`);
    await translator.getByTestId('tr-import-confirm').click();
    await translator.locator('[data-testid="term-row"][data-term="云计算"]').waitFor();
    await translator.getByTestId('tr-import-report').waitFor({ state: 'detached' });
    await translator.screenshot({ path: path.join(artifacts, 'translation-termbase.png'), fullPage: true });
    const stored = await call<{ items: { zh: string; mnMong: string | null; en: string | null }[] }>(translatorContext, base, 'GET', '/api/translation/terms?q=' + encodeURIComponent('云计算'));
    expect(stored.items).toEqual([expect.objectContaining({ zh: '云计算', mnMong: MN_CLOUD, en: 'cloud computing' })]);
  }, 120_000);

  it('converts traditional Mongolian to Cyrillic and back on the conversion page', async () => {
    await translator.goto(`${server.baseUrl}/translation?tab=convert`);
    await translator.getByTestId('convert-input').fill('ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ 2026');
    await translator.getByTestId('convert-run').click();
    await expect.poll(() => translator.getByTestId('convert-output').innerText()).toBe('монгол хэл 2026');
    await translator.screenshot({ path: path.join(artifacts, 'translation-convert.png'), fullPage: true });
    await translator.getByText('西里尔 → 传统蒙古文').click();
    await translator.getByTestId('convert-input').fill('монгол');
    await translator.getByTestId('convert-run').click();
    const out = translator.getByTestId('convert-output').locator('.mongol');
    await expect.poll(() => out.innerText()).toBe('ᠮᠣᠩᠭᠣᠯ');
    // Traditional script output is set vertically.
    expect(await out.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
  }, 60_000);

  it('edits a stored alignment: merging two pairs and saving replaces the memory units', async () => {
    const base = server.baseUrl;
    const res = await call<{ id: string }>(editor, base, 'POST', '/api/resources', {
      orgId: hohhot,
      kind: 'article',
      versions: [
        { lang: 'zh-Hans', title: '对齐测试', body: '<p>科学技术是第一生产力。我们要普及科学知识。</p>' },
        { lang: 'mn-Mong', title: 'ᠵᠡᠷᠭᠡᠴᠡᠭᠦᠯᠬᠦ', body: `<p>${MN_1} ${MN_2}</p>` },
      ],
    });
    await translator.goto(`${base}/translation?tab=memory`);
    await translator.getByTestId('align-resource').locator('.ant-select').click();
    await translator.locator('.ant-select-item-option', { hasText: '对齐测试' }).click();
    await translator.getByTestId('align-propose').click();
    await expect.poll(() => translator.getByTestId('align-pair').count()).toBe(2);
    expect(await translator.getByTestId('align-source').first().inputValue()).toBe('科学技术是第一生产力。');
    await translator.getByTestId('align-merge').first().click();
    await expect.poll(() => translator.getByTestId('align-pair').count()).toBe(1);
    await translator.getByTestId('align-save').click();
    const units = async () => (await call<{ items: { source: string; target: string; origin: string }[] }>(editor, base, 'GET', `/api/translation/memory?source=zh-Hans&target=mn-Mong&resourceId=${res.id}`)).items;
    await expect.poll(async () => (await units()).length).toBe(1);
    expect((await units())[0]).toMatchObject({ source: '科学技术是第一生产力。我们要普及科学知识。', target: `${MN_1} ${MN_2}`, origin: 'aligned' });
    await translator.screenshot({ path: path.join(artifacts, 'translation-alignment.png'), fullPage: true });
  }, 60_000);

  it('marks termbase terms in the task source; a click shows the equivalents and inserts the Mongolian term', async () => {
    const base = server.baseUrl;
    const article = await call<{ id: string }>(editor, base, 'POST', '/api/resources', {
      orgId: hohhot,
      kind: 'article',
      versions: [{ lang: 'zh-Hans', title: '人工智能与云计算', body: '<p>人工智能依靠云计算。</p>' }],
    });
    const me = await call<{ id: string }>(translatorContext, base, 'GET', '/api/auth/me');
    await call(editor, base, 'POST', '/api/translation/tasks', { resourceId: article.id, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: me.id });
    await translator.goto(`${base}/translation`);
    await translator.getByTestId('translation-task').filter({ hasText: '人工智能与云计算' }).click();
    const marks = translator.getByTestId('translation-source').getByTestId('term-mark');
    await expect.poll(() => marks.allInnerTexts(), { timeout: 15_000 }).toEqual(['人工智能', '云计算']);
    expect(await marks.first().getAttribute('title')).toContain('artificial intelligence');
    await marks.first().click();
    const card = translator.getByTestId('term-card');
    expect(await card.locator('[data-lang="mn-Mong"] .mongol').innerText()).toBe(MN_AI);
    expect(await card.innerText()).toContain('хиймэл оюун ухаан');
    await translator.getByTestId('term-insert').click();
    await expect.poll(() => translator.getByTestId('translation-body').innerText()).toContain(MN_AI);
    // The engine choice: the built-in memory engine is always there; unconfigured HTTP engines are disabled.
    await translator.getByTestId('translation-machine').click();
    await translator.getByTestId('translation-machine-result').waitFor();
    await translator.screenshot({ path: path.join(artifacts, 'translation-term-highlight.png'), fullPage: true });
  }, 60_000);
});
