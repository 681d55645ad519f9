import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { toMenksoft } from '@gerel/mongol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretIn, clickKeys, clickRadio, signIn, verticalStyle } from '../src/app.js';
import { makeDocx } from '../src/docx.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The rich-text editor in vertical Mongolian, in a real Chromium: the on-screen keyboard, native
// caret motion, and the arrow-key plugin around atoms (an image), node selections and the gap cursor.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');

let server: RunningServer;
let browser: Browser;
let page: Page;
let body: Locator;

/** Pastes HTML into the focused editor as the browser would (a paste event with clipboard data). */
async function pasteHtml(html: string, text = '') {
  await body.evaluate(
    (el, [h, t]) => {
      const data = new DataTransfer();
      data.setData('text/html', h!);
      data.setData('text/plain', t!);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, text],
  );
}

const selectedImage = () => body.locator('img.ProseMirror-selectednode');
const paragraphOfCaret = () =>
  body.evaluate((el) => {
    const node = getSelection()?.focusNode ?? null;
    const p = node instanceof Element ? node.closest('p') : node?.parentElement?.closest('p');
    return p ? [...el.querySelectorAll('p')].indexOf(p) : -1;
  });

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  await signIn(page, server.baseUrl, 'hohhot-editor', server.adminPassword);
  await page.goto(`${server.baseUrl}/content/new`);
  await clickRadio(page, 'first-lang-mn-Mong');
  body = page.getByTestId('new-body');
  await body.waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('vertical Mongolian editor', () => {
  it('types with the on-screen keyboard into a vertical-lr surface in the app font', async () => {
    await body.click();
    await clickKeys(page, ['a', 'b', 'a', ' ', 'e', 'b', 'e']);
    expect(await body.innerText()).toBe('ᠠᠪᠠ ᠡᠪᠡ');
    const style = await verticalStyle(body);
    expect(style.writingMode).toBe('vertical-lr');
    expect(style.transform).toBe('none');
    expect(style.font).toBe('Noto Sans Mongolian');
    expect(style.box!.height).toBeGreaterThan(style.box!.width);
  });

  it('moves the caret physically: ArrowDown is the next letter; Shift+ArrowDown selects; bold and undo work', async () => {
    await page.keyboard.press('Control+Home');
    expect(await caretIn(body)).toEqual({ offset: 0, selected: '' });
    await page.keyboard.press('ArrowDown');
    expect((await caretIn(body))!.offset).toBe(1);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await caretIn(body)).toEqual({ offset: 2, selected: 'ᠪ' });
    await page.keyboard.press('Control+b');
    expect(await body.locator('strong').innerText()).toBe('ᠪ');
    await page.keyboard.press('Control+z');
    expect(await body.locator('strong').count()).toBe(0);
    expect(await body.innerText()).toBe('ᠠᠪᠠ ᠡᠪᠡ');
  });

  it('steps onto an image with ArrowDown/ArrowRight and off it with ArrowDown/ArrowUp/ArrowLeft', async () => {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await pasteHtml(`<p>ᠠᠪᠠ</p><img src="${server.baseUrl}/no-such-image.png" alt="img"><p>ᠡᠪᠡ</p>`);
    await body.locator('img').waitFor();
    expect(await body.locator('p').allInnerTexts()).toEqual(['ᠠᠪᠠ', 'ᠡᠪᠡ']);

    // End of the first paragraph (three letters down), then ArrowDown: the image is selected.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await caretIn(body)).toEqual({ offset: 3, selected: '' });
    await page.keyboard.press('ArrowDown');
    expect(await selectedImage().count()).toBe(1);
    // ArrowDown again: into the next paragraph, at its start.
    await page.keyboard.press('ArrowDown');
    expect(await selectedImage().count()).toBe(0);
    expect(await paragraphOfCaret()).toBe(1);
    expect((await caretIn(body))!.offset).toBe(3);
    // ArrowUp: back onto the image; ArrowUp again: end of the first paragraph.
    await page.keyboard.press('ArrowUp');
    expect(await selectedImage().count()).toBe(1);
    await page.keyboard.press('ArrowUp');
    expect(await selectedImage().count()).toBe(0);
    expect(await paragraphOfCaret()).toBe(0);
    expect((await caretIn(body))!.offset).toBe(3);
    // ArrowRight from the (only, so last) column of the first paragraph: the next column is the image.
    await page.keyboard.press('ArrowRight');
    expect(await selectedImage().count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    expect(await selectedImage().count()).toBe(0);
    expect(await paragraphOfCaret()).toBe(0);
    await body.screenshot({ path: path.join(artifacts, 'editor-vertical-image.png') });
  });

  it('reaches the gap cursor before an image that opens the document, and leaves it downward', async () => {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await pasteHtml(`<img src="${server.baseUrl}/no-such-image.png" alt="img"><p>ᠡᠪᠡ</p>`);
    await body.locator('img').waitFor();
    const first = await body.evaluate((el) => el.firstElementChild?.tagName);
    if (first === 'P') {
      // The empty paragraph the paste went into stays in front: remove it so the image opens the document.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Delete');
    }
    expect(await body.evaluate((el) => el.firstElementChild?.tagName)).toBe('IMG');

    await page.keyboard.press('Control+End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    expect(await paragraphOfCaret()).toBe(0);
    await page.keyboard.press('ArrowUp');
    expect(await selectedImage().count()).toBe(1);
    await page.keyboard.press('ArrowUp');
    expect(await body.locator('.ProseMirror-gapcursor').count()).toBe(1);
    expect(await selectedImage().count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    expect(await selectedImage().count()).toBe(1);
    expect(await body.locator('.ProseMirror-gapcursor').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    expect(await paragraphOfCaret()).toBe(0);
    expect(await caretIn(body)).toEqual({ offset: 0, selected: '' });
  });

  it('types Mongolian from the physical keyboard when the Mongolian keyboard toggle is on, undoably', async () => {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.waitForTimeout(700); // past the history's grouping delay: the typing is an undo step of its own
    await page.getByTestId('ime-toggle').click();
    await body.click();
    await page.keyboard.type('mqNgql');
    expect(await body.innerText()).toBe('ᠮᠣᠩᠭᠣᠯ');
    await page.keyboard.press('Control+z');
    expect((await body.innerText()).trim()).toBe('');
    // Off again: keys type Latin letters as usual.
    await page.getByTestId('ime-toggle').click();
    await body.click();
    await page.keyboard.type('ab');
    expect(await body.innerText()).toBe('ab');
  });

  it('converts pasted Menksoft-encoded Mongolian to Unicode and says how many pieces it converted', async () => {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    // ᠮᠣᠩᠭᠣᠯ in Menksoft shape code, twice, around Chinese: two pieces to convert.
    const word = 'ᠮᠣᠩᠭᠣᠯ';
    const legacy = toMenksoft(word);
    expect(legacy).toMatch(/^[\uE234-\uE4AB]+$/);
    await pasteHtml(`<p>${legacy} 蒙古 ${legacy}</p>`, `${legacy} 蒙古 ${legacy}`);
    await body.locator('p').first().waitFor();
    expect(await body.innerText()).toBe(`${word} 蒙古 ${word}`);
    const notice = page.locator('.ant-message-notice').filter({ hasText: 'Menksoft' }).or(page.locator('.ant-message-notice').filter({ hasText: '蒙科立' }));
    await notice.first().waitFor();
    expect(await notice.first().innerText()).toContain('2');
  });

  it('imports text and .docx on the resource page through the server, which converts Menksoft, and says how much it converted', async () => {
    const orgs = (await (await page.context().request.get(`${server.baseUrl}/api/orgs`)).json()) as { id: string; code: string }[];
    const created = await page.context().request.post(`${server.baseUrl}/api/resources`, {
      headers: { Origin: server.baseUrl },
      data: {
        orgId: orgs.find((o) => o.code === '150100')!.id,
        kind: 'article',
        versions: [{ lang: 'mn-Mong', title: 'ᠠᠪᠠ', body: '<p>ᠠᠪᠠ</p>' }],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${server.baseUrl}/content/${id}`);
    const version = page.getByTestId('version-mn-Mong');
    const editorBody = version.getByTestId('version-body');
    await editorBody.waitFor();
    await editorBody.click();
    await page.keyboard.press('Control+End');

    const word = 'ᠮᠣᠩᠭᠣᠯ';
    const legacy = toMenksoft(word);
    await version.getByRole('button', { name: '导入文本' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-text-area').fill(`${legacy}\n蒙古`);
    await dialog.getByRole('button', { name: '导入文本' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await editorBody.locator('p').allInnerTexts()).toEqual(['ᠠᠪᠠ', word, '蒙古']);
    const notice = page.locator('.ant-message-notice').filter({ hasText: '已导入' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(`${[...legacy].length} 个蒙科立编码字符`);
    await version.getByTestId('version-dirty').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'editor-import-text.png') });

    // A Word document, uploaded as multipart: its paragraphs come in, Menksoft converted.
    await page.keyboard.press('Control+End');
    await version.getByTestId('import-docx-input').setInputFiles({
      name: 'import.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: makeDocx([`${legacy} ${legacy}`, '科普']),
    });
    await editorBody.locator('p', { hasText: '科普' }).waitFor();
    expect(await editorBody.locator('p').allInnerTexts()).toEqual(['ᠠᠪᠠ', word, '蒙古', `${word} ${word}`, '科普']);
    const docxNotice = page.locator('.ant-message-notice').filter({ hasText: `${2 * [...legacy].length} 个蒙科立编码字符` });
    await docxNotice.waitFor();
  });
});
