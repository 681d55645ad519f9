import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, todayUtc8 } from '../src/api.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The proof: the five-year work report of the region is printed to PDF from the demo data;
// its first page, drawn by pdf.js in Chromium, is not blank and carries vertical Mongolian (text
// runs whose glyphs are rotated a quarter turn, in Mongolian script).

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const pdfjsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');
const MONGOLIAN = /[\u1820-\u18AF]/;
/** The viewer page: pdf.js loaded as a module (not through the test's bundler) and exposed to evaluate(). */
const PAGE = `<!doctype html><body style="margin:0;background:#fff"><canvas id="page"></canvas>
<script type="module">import * as pdfjs from '/pdf.mjs'; pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs'; window.pdfjsLib = pdfjs;</script></body>`;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  await apiLogin(context, server.baseUrl, 'admin', server.adminPassword);
  await mkdir(artifacts, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the work report as PDF', () => {
  it('has a first page that is not blank and shows vertical Mongolian', async () => {
    const today = todayUtc8();
    const from = `${Number(today.slice(0, 4)) - 4}-01-01`;
    const response = await context.request.get(`${server.baseUrl}/api/reports/annual.pdf?from=${from}&to=${today}`);
    expect(response.status(), server.output().slice(-2000)).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await response.body();
    fs.writeFileSync(path.join(artifacts, 'work-report.pdf'), pdf);

    // pdf.js from npm, served with the PDF from a made-up origin inside the browser (no network).
    const page = await context.newPage();
    await page.route('http://pdf.test/**', (route) => {
      const file = new URL(route.request().url()).pathname.slice(1);
      if (file === '') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (file === 'report.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      if (file === 'pdf.mjs' || file === 'pdf.worker.mjs') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(pdfjsDir, file)) });
      return route.abort();
    });
    await page.goto('http://pdf.test/');
    await page.waitForFunction(() => 'pdfjsLib' in window);
    const result = await page.evaluate(async (mongolian) => {
      const pdfjs = (window as unknown as { pdfjsLib: typeof import('pdfjs-dist') }).pdfjsLib;
      const doc = await pdfjs.getDocument('/report.pdf').promise;
      const first = await doc.getPage(1);
      const viewport = first.getViewport({ scale: 1.5 });
      const canvas = document.getElementById('page') as HTMLCanvasElement;
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      const g = canvas.getContext('2d')!;
      await first.render({ canvasContext: g, viewport }).promise;
      // Share of pixels that are not (near) white, over the page and over its left quarter (the Mongolian band).
      const inked = (x: number, w: number) => {
        const d = g.getImageData(x, 0, w, canvas.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 200 || d[i + 1]! < 200 || d[i + 2]! < 200) n++;
        return n / (d.length / 4);
      };
      const text = await first.getTextContent();
      const runs = (text.items as { str: string; transform: number[] }[]).filter((i) => new RegExp(mongolian).test(i.str));
      return {
        pages: doc.numPages,
        inkedPage: inked(0, canvas.width),
        inkedBand: inked(0, Math.floor(canvas.width / 4)),
        mongolianRuns: runs.length,
        // A quarter turn: the text matrix has no horizontal scale and a vertical one (a ≈ 0, b ≠ 0).
        verticalMongolian: runs.filter((r) => Math.abs(r.transform[0]!) < 0.01 && Math.abs(r.transform[1]!) > 1).map((r) => r.str),
        chinese: text.items.map((i) => ('str' in i ? i.str : '')).join(''),
      };
    }, MONGOLIAN.source);
    await page.locator('#page').screenshot({ path: path.join(artifacts, 'work-report-page1.png') });

    expect(result.pages).toBeGreaterThanOrEqual(3);
    expect(result.inkedPage).toBeGreaterThan(0.005);
    expect(result.inkedBand).toBeGreaterThan(0.005);
    expect(result.mongolianRuns).toBeGreaterThan(0);
    expect(result.verticalMongolian.join(' ')).toContain('ᠠᠵᠢᠯ');
    expect(result.chinese).toContain('统计期间');
  }, 120_000);

  it('is made from the dashboard, whose figures link to the lists behind them', async () => {
    const page = await context.newPage();
    // The context is signed in already (through the API).
    await page.goto(`${server.baseUrl}/reports`);
    await page.locator('[data-testid="indicators"][data-ready="true"]').waitFor();
    // The demo reform plan: 55 of 60 tasks done.
    const reform = page.getByTestId('indicator-reform_completion');
    await expect.poll(() => reform.textContent()).toContain('91');
    await expect.poll(() => reform.textContent()).toContain('55 / 60');
    await page.locator('[data-testid="chart-activities"][data-ready="true"] svg').waitFor();
    expect(await page.getByTestId('report-pdf').getAttribute('href')).toMatch(/^\/api\/reports\/annual\.pdf\?from=\d{4}-01-01&to=/);
    await page.screenshot({ path: path.join(artifacts, 'reports-dashboard.png'), fullPage: true });
    // The congress delegates' composition: the demo's 10th regional congress (48) and 土默特左旗's (12).
    const delegates = page.getByTestId('indicator-delegates');
    await expect.poll(() => delegates.locator('[data-value]').getAttribute('data-value')).toBe('60');
    await page.locator('[data-testid="chart-delegates"][data-ready="true"] svg').waitFor();
    const women = page.getByTestId('indicator-delegates_women');
    const womenDone = Number((await women.locator('.rep-card__ratio').textContent())!.split('/')[0]);
    expect(womenDone).toBeGreaterThan(0);
    await reform.click();
    await page.waitForURL((u) => u.pathname === '/registry/reform_tasks');
    expect(new URL(page.url()).searchParams.get('status')).toBe('done');
    // The women's share opens the delegates list narrowed to the period and to women: as many rows.
    await page.goBack();
    await women.click();
    await page.waitForURL((u) => u.pathname === '/registry/delegates');
    expect(new URL(page.url()).searchParams.get('gender')).toBe('female');
    await expect.poll(async () => (await page.getByTestId('reg-total').textContent())?.trim()).toBe(String(womenDone));
  }, 60_000);

  it('takes answers to a needs survey from its public link on a phone, and charts them for the organisers', async () => {
    const surveys = await call<{ id: string; title: string; publicPath: string; responses: number }[]>(context, server.baseUrl, 'GET', '/api/thinktank/surveys');
    const survey = surveys.find((s) => s.title === '企业技术需求调查')!;
    // A respondent without an account, on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const page = await phone.newPage();
      await page.goto(`${server.baseUrl}${survey.publicPath}`);
      await page.getByText('农牧业', { exact: true }).click();
      await page.getByText('技术攻关', { exact: true }).click();
      await page.getByTestId('survey-submit').click();
      await page.getByTestId('survey-done').waitFor();
      await page.screenshot({ path: path.join(artifacts, 'survey-answered.png') });
    } finally {
      await phone.close();
    }
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/thinktank/surveys`);
    await page.getByTestId('tt-surveys').getByText('企业技术需求调查').click();
    await page.locator('[data-testid="tt-results"] [data-ready="true"] svg').first().waitFor();
    const results = await call<{ questions: { id: string; options?: { option: string; n: number }[] }[] }>(context, server.baseUrl, 'GET', `/api/thinktank/surveys/${survey.id}/results`);
    expect(results.questions.find((q) => q.id === 'industry')!.options!.find((o) => o.option === '农牧业')!.n).toBe(1);
    expect(results.questions.find((q) => q.id === 'needs')!.options!.find((o) => o.option === '技术攻关')!.n).toBe(1);
  }, 60_000);
});
