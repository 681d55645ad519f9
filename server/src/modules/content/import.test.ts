import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { toMenksoft, shapeKey } from '@gerel/mongol';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';

let t: TestApp;
let editor: string;
beforeAll(async () => {
  t = await createTestApp({ scale: 'demo' });
  editor = await t.login('hohhot-editor');
});
afterAll(() => t.close());

const MN = 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ';

describe('importing into the editor', () => {
  it('converts a Word document with Menksoft-encoded Mongolian to normalised Unicode HTML and says how much was converted', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun({ text: '科普：', bold: true }), new TextRun(toMenksoft(MN))] })] }],
    });
    const { payload, headers } = multipartFile('file', 'legacy.docx', Buffer.from(await Packer.toBuffer(doc)));
    const res = await t.app.inject({ method: 'POST', url: '/api/import/docx', payload, headers: { ...headers, cookie: editor } });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.converted.menksoft).toBeGreaterThan(0);
    expect(out.html).toMatch(/^<p><strong>科普：<\/strong>[\u1800-\u18AF ]+<\/p>$/);
    expect(shapeKey(out.text.replace('科普：', ''))).toBe(shapeKey(MN));
  });

  it('refuses a file that is not a Word document, whatever its name', async () => {
    const { payload, headers } = multipartFile('file', 'fake.docx', Buffer.from('just text'));
    const res = await t.app.inject({ method: 'POST', url: '/api/import/docx', payload, headers: { ...headers, cookie: editor } });
    expect(res.statusCode).toBe(415);
  });

  it('converts pasted text and leaves Unicode text alone', async () => {
    const legacy = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: toMenksoft(MN) } });
    expect(legacy.json().converted.menksoft).toBeGreaterThan(0);
    expect(shapeKey(legacy.json().text)).toBe(shapeKey(MN));
    const plain = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: MN } });
    expect(plain.json()).toEqual({ text: MN, converted: { menksoft: 0, unconverted: 0 } });
  });

  it('is for logged-in staff only', async () => {
    expect((await t.request({ method: 'POST', url: '/api/import/text', body: { text: 'x' } })).statusCode).toBe(401);
  });
});
