import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// Images in a resource: the Hohhot editor uploads one into the body through the toolbar and sets a
// cover (a text file named .png is refused by the server, which judges the bytes); the reviewer
// publishes; the editor sees where it went out, downloads the upward report package (a 'report'
// outlet appears); an anonymous visitor sees the image on the public page.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** A real RGB PNG (a colour gradient), wide enough for the server to make a 640 px rendition. */
function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * 255);
      raw[row + 2 + x * 3] = Math.round((y / height) * 255);
      raw[row + 3 + x * 3] = 160;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let server: RunningServer;
let browser: Browser;
let editorContext: BrowserContext;
let editor: Page;
let resourceId: string;
let bodyImage: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  editorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  editor = await editorContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const naturalWidth = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate(async (img: HTMLImageElement) => {
    if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
    return img.naturalWidth;
  });

describe('images, outlets and the report package', () => {
  it('uploads an image into the body through the toolbar, sets a cover, and shows the refusal of a fake PNG', async () => {
    await signIn(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
    await editor.goto(`${server.baseUrl}/content/new`);
    const orgs = (await (await editorContext.request.get(`${server.baseUrl}/api/orgs`)).json()) as { id: string; code: string }[];
    const hohhot = orgs.find((o) => o.code === '150100')!;
    await editor.locator(`li[data-org-id="${hohhot.id}"] > .org-tree__row .org-tree__label`).click();
    await editor.getByTestId('new-title').fill('草原上的图片');
    await editor.getByTestId('new-body').click();
    await editor.keyboard.type('图片在这句话后面。');
    await editor.getByTestId('create-resource').click();
    await editor.waitForURL(/\/content\/[0-9a-f-]{36}$/);
    resourceId = new URL(editor.url()).pathname.split('/').pop()!;

    const version = editor.getByTestId('version-zh-Hans');
    const body = version.getByTestId('version-body');
    await body.click();
    await editor.keyboard.press('Control+End');

    // Insert image: a file chooser, the upload, and the image at the caret.
    const png = gradientPng(800, 450);
    let chooser = editor.waitForEvent('filechooser');
    await version.getByRole('button', { name: '插入图片' }).click();
    await (await chooser).setFiles({ name: 'grassland.png', mimeType: 'image/png', buffer: png });
    const img = body.locator('img');
    await img.waitFor();
    bodyImage = (await img.getAttribute('src'))!;
    expect(bodyImage).toMatch(/^\/media\/[0-9a-f-]{36}\/w640$/);
    expect(await naturalWidth(editor, '[data-testid="version-zh-Hans"] [data-testid="version-body"] img')).toBe(640);
    await version.getByTestId('version-dirty').waitFor();
    await version.getByTestId('save-version').click();
    await version.locator('[data-testid="version-revision"][data-revision="2"]').waitFor();
    const saved = (await (await editorContext.request.get(`${server.baseUrl}/api/resources/${resourceId}`)).json()) as {
      versions: { lang: string; body: string }[];
    };
    expect(saved.versions[0]!.body).toContain(`src="${bodyImage}"`);

    // A cover: uploaded, patched onto the resource, shown as a thumbnail.
    chooser = editor.waitForEvent('filechooser');
    await editor.getByTestId('set-cover').click();
    await (await chooser).setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: gradientPng(700, 400) });
    const cover = editor.getByTestId('cover-image');
    await cover.waitFor();
    expect(await cover.getAttribute('src')).toMatch(/^\/media\/[0-9a-f-]{36}\/w640$/);
    expect(await naturalWidth(editor, '[data-testid="cover-image"]')).toBe(640);

    // A text file named .png: the server looks at the bytes and says no; the editor shows its message.
    chooser = editor.waitForEvent('filechooser');
    await version.getByRole('button', { name: '插入图片' }).click();
    await (await chooser).setFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not an image\n') });
    const refusal = editor.locator('.ant-message-notice').filter({ hasText: '不接受此类型的文件' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('不接受此类型的文件');
    expect(await body.locator('img').count()).toBe(1);
    await refusal.screenshot({ path: path.join(artifacts, 'media-refusal.png') }); // waits for the notice to settle
    await editor.screenshot({ path: path.join(artifacts, 'media-editor-upload.png') });

    await version.getByTestId('wf-submit').click();
    await version.locator('[data-testid="version-status"][data-status="in_review"]').waitFor();
  });

  it('lets the reviewer publish it', async () => {
    const reviewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    try {
      const reviewer = await reviewerContext.newPage();
      await signIn(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
      await reviewer.goto(`${server.baseUrl}/content/${resourceId}`);
      const version = reviewer.getByTestId('version-zh-Hans');
      await version.getByTestId('wf-approve').click();
      await version.locator('[data-testid="version-status"][data-status="approved"]').waitFor();
      await version.getByTestId('wf-publish').click();
      await version.locator('[data-testid="version-status"][data-status="published"]').waitFor();
      // The reviewer's own outlets panel refreshes after publishing.
      await reviewer.getByTestId('outlets').locator('tr[data-channel="portal"]').waitFor();
    } finally {
      await reviewerContext.close();
    }
  });

  it('shows the editor where it went out and downloads the upward report package', async () => {
    await editor.reload();
    const outlets = editor.getByTestId('outlets');
    await outlets.locator('tr[data-channel="portal"]').waitFor();
    const channels = await outlets.locator('tr[data-channel]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-channel')));
    expect([...channels].sort()).toEqual(['app', 'estation', 'feeds', 'portal', 'share']);
    expect(await outlets.locator('tr[data-channel="portal"] a').getAttribute('href')).toBe(`/r/${resourceId}`);
    expect(await outlets.locator('tr[data-channel="portal"]').innerText()).toContain('门户网站');

    const download = editor.waitForEvent('download');
    await editor.getByTestId('report-package').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`gerel-report-${resourceId}.zip`);
    const saved = path.join(artifacts, 'media-report.zip');
    await file.saveAs(saved);
    const zip = await readFile(saved);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.includes(Buffer.from('report.json'))).toBe(true);

    const report = outlets.locator('tr[data-channel="report"]');
    await report.waitFor();
    expect(await report.innerText()).toContain('上报');
    await editor.screenshot({ path: path.join(artifacts, 'media-outlets-report.png') });
    await outlets.screenshot({ path: path.join(artifacts, 'media-outlets.png') });

    // The Mongolian UI: the panel's labels are vertical Mongolian.
    await editor.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await outlets.locator('tr[data-channel="report"] .mongol').first().waitFor();
    expect(await outlets.locator('tr[data-channel="report"] .mongol').first().innerText()).toBe('ᠳᠡᠭᠡᠭᠰᠢ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ');
    await editor.locator('.resource-extras').screenshot({ path: path.join(artifacts, 'media-outlets-mn.png') });
    await editor.getByRole('button', { name: '中文' }).click();
  });

  it('shows the image on the public page to an anonymous visitor', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const page = await visitor.newPage();
      const response = await page.goto(`${server.baseUrl}/r/${resourceId}`);
      expect(response?.status()).toBe(200);
      const img = page.locator(`main img[src="${bodyImage}"]`);
      await img.waitFor();
      expect(await naturalWidth(page, `main img[src="${bodyImage}"]`)).toBe(640);
      await page.screenshot({ path: path.join(artifacts, 'media-public.png') });
    } finally {
      await visitor.close();
    }
  });
});
