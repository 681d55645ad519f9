import { Document, ExternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeKey, toMenksoft } from '@gerel/mongol';
import { cleanHtml, htmlToText } from '../kernel/text/html.js';
import { createTestApp, orgIdByCode, type TestApp } from '../test/harness.js';
import { multipartFile } from '../test/multipart.js';

/**
 * Everything that turns outside text into stored text: the HTML sanitiser (kernel/text/html.ts), the
 * Menksoft → Unicode conversion on the way in (/api/import/text, resource bodies), and the Word
 * import (/api/import/docx, mammoth then the sanitiser). Generated input never crashes them or gives
 * a 500, and what comes out carries no script, style, event handler or javascript: link.
 * The Menksoft tables themselves are fuzzed in packages/mongol/src/properties.test.ts.
 */
let t: TestApp;
let editor: string;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await t.login('hohhot-editor');
  orgId = await orgIdByCode(t, '150100');
}, 60_000);
afterAll(() => t.close());

/** Markup a hostile paste or a broken editor might send: the sanitiser's input space. */
const TAGS = ['p', 'a', 'img', 'script', 'style', 'iframe', 'svg', 'math', 'table', 'td', 'object', 'embed', 'form', 'input', 'textarea', 'noscript', 'template', 'title', 'base', 'meta', 'link', 'strong', 'h2', 'li', 'xmp', 'plaintext'];
const ATTRS = ['href', 'src', 'style', 'onerror', 'onclick', 'onload', 'srcset', 'formaction', 'xlink:href', 'colspan', 'lang', 'class', 'id', 'data-x', 'action', 'background'];
const VALUES = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', '&#106;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://example.com/x.png', '//evil.example/x', 'vbscript:x', 'expression(alert(1))', 'x" onerror="alert(1)', "'><script>alert(1)</script>", '2', 'mn-Mong'];
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('科普', 'ᠮᠣᠩᠭᠣᠯ', toMenksoft('ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ'), '<', '>', '&', '"', "'", '<!--', '-->', ']]>', '<![CDATA[', '</', '/>', '\u0000', '\u202e'),
);
const attr = fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES), fc.constantFrom('"', "'", '')).map(([n, v, q]) => ` ${n}=${q}${v}${q}`);
const html: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
  element: fc
    .tuple(fc.constantFrom(...TAGS), fc.array(attr, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }), fc.boolean())
    .map(([tag, attrs, children, close]) => `<${tag}${attrs.join('')}>${(children as string[]).join('')}${close ? `</${tag}>` : ''}`),
})).node as fc.Arbitrary<string>;

/** What must never survive the sanitiser: checked on each tag (text has < and > escaped, so tags are whole). */
function expectSafe(out: string): void {
  expect(out).not.toMatch(/<(script|style|iframe|object|embed|svg|math|form|input|textarea|base|meta|link|template|noscript|title|xmp|plaintext)\b/i);
  for (const [tag] of out.matchAll(/<[a-z][^>]*>/gi)) {
    // Attribute names only: values (always double-quoted, inner quotes escaped) blanked out.
    expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\s(on\w+|style|srcset|formaction|action|background|class|id)\s*=/i);
    for (const m of tag.matchAll(/\s(href|src)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]*))/gi)) {
      const value = (m[3] ?? m[4] ?? m[5] ?? '').replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/\s/g, '').replace(/\p{Cc}/gu, '');
      // Relative links are harmless; a scheme must be one the sanitiser allows.
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) expect(value, out).toMatch(/^(https?:|mailto:)/i);
    }
  }
}

describe('the HTML sanitiser', () => {
  it('never throws and leaves nothing executable, also when run again on its own output', () => {
    fc.assert(
      fc.property(fc.oneof(html, fc.array(html, { maxLength: 4 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        const once = cleanHtml(input);
        expectSafe(once.html);
        expect(once.menksoft).toBeGreaterThanOrEqual(0);
        // Cleaning it again stays safe. (Not always identical: sanitize-html keeps misnested table
        // cells, '<td><object><td>' → '<td><td></td></td>', which a second pass flattens; harmless.)
        expectSafe(cleanHtml(once.html).html);
        htmlToText(once.html);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('Menksoft conversion on the way in', () => {
  const mongolWord = fc.array(fc.integer({ min: 0x1820, max: 0x1842 }).map((c) => String.fromCharCode(c)), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

  it('/api/import/text: any text gives 200, never a 500; Menksoft words leave no Menksoft code point', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.integer({ min: 0xe234, max: 0xe4ab }), { maxLength: 30 }).map((a) => String.fromCharCode(...a))), async (input) => {
        const res = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: input } });
        expect(res.statusCode, res.body).toBe(200);
      }),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mongolWord, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '科普 ', 'abc '), async (words, prefix) => {
        const res = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: prefix + toMenksoft(words.join(' ')) } });
        const out = res.json() as { text: string; converted: { menksoft: number } };
        expect(out.converted.menksoft).toBeGreaterThan(0);
        expect(out.text).not.toMatch(/[\uE234-\uE4AB]/);
      }),
      { numRuns: 60 },
    );
  });

  // Known bug (kernel/text/clean.ts convertLegacy + @gerel/mongol detectEncoding/fromMenksoft): a Menksoft
  // code point on its own, e.g. U+E235 (320 of the 632 in U+E234–U+E4AB), is counted as converted
  // (menksoft: 1) but stored as is, against "legacy text is converted on the way in, never stored as is".
  // Remove `.fails` once fixed.
  it.fails('converts or refuses a lone Menksoft code point (known bug: stored as is)', async () => {
    const res = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: '\uE235' } });
    expect(res.json().text).not.toMatch(/[\uE234-\uE4AB]/);
  });

  it('keeps the shape of Mongolian words typed in Menksoft', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mongolWord, { minLength: 1, maxLength: 4 }), async (words) => {
        const res = await t.request({ method: 'POST', url: '/api/import/text', cookie: editor, body: { text: toMenksoft(words.join(' ')) } });
        expect(shapeKey(res.json().text as string)).toBe(shapeKey(words.join(' ')));
      }),
      { numRuns: 40 },
    );
  });

  it('a resource body of any markup is stored sanitised (201) or refused (400), never a 500', async () => {
    const count = async () => (await t.db.kysely.selectFrom('resources').select('id').execute()).length;
    await fc.assert(
      // Without NUL: PostgreSQL refuses it in text, a known 500 tested on its own below.
      fc.asyncProperty(fc.oneof(html, fc.string({ maxLength: 100 })).filter((b) => !b.includes('\u0000')), fc.oneof(fc.constant('科普'), fc.string({ maxLength: 40 })), async (body, title) => {
        const before = await count();
        const res = await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId, kind: 'article', versions: [{ lang: 'zh-Hans', title, body }] } });
        expect([201, 400], res.body).toContain(res.statusCode);
        if (res.statusCode === 400) {
          expect(await count()).toBe(before);
          return;
        }
        const stored = await t.db.kysely.selectFrom('resource_versions').select(['body_html', 'title']).where('resource_id', '=', res.json().id as string).executeTakeFirstOrThrow();
        expectSafe(stored.body_html);
        expect(stored.body_html).not.toMatch(/[\uE234-\uE4AB]/);
        expect(await count()).toBe(before + 1);
      }),
      { numRuns: 60 },
    );
  });
});

// Known bug on PostgreSQL (kernel/text/html.ts cleanHtml keeps a NUL character in text, which
// PostgreSQL refuses): POST /api/resources with body '<p>\u0000' answers 500 instead of storing it
// without the NUL or a 400. On SQLite the NUL is stored. Remove the `.fails` once cleanHtml drops it.
describe('NUL characters in stored text', () => {
  (process.env.GEREL_TEST_DIALECT === 'postgres' ? it.fails : it)('a resource body with a NUL is stored or refused, never a 500 (known bug on PostgreSQL)', async () => {
    const res = await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId, kind: 'article', versions: [{ lang: 'zh-Hans', title: '科普', body: '<p>\u0000</p>' }] } });
    expect([201, 400], res.body).toContain(res.statusCode);
  });
});

describe('the Word import (/api/import/docx)', () => {
  const post = async (data: Buffer, name = 'x.docx') => {
    const { payload, headers } = multipartFile('file', name, data);
    return t.app.inject({ method: 'POST', url: '/api/import/docx', payload, headers: { ...headers, cookie: editor } });
  };
  const run = fc.record({ text: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('<script>alert(1)</script>', toMenksoft('ᠮᠣᠩᠭᠣᠯ'), 'ᠮᠣᠩᠭᠣᠯ')), bold: fc.boolean(), italics: fc.boolean() });
  const paragraph = fc.oneof(
    fc.array(run, { maxLength: 3 }).map((runs) => new Paragraph({ children: runs.map((r) => new TextRun({ ...r })) })),
    fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('https://example.com', 'javascript:alert(1)', 'file:///etc/passwd')).map(([label, link]) => new Paragraph({ children: [new ExternalHyperlink({ link, children: [new TextRun(label || 'x')] })] })),
    fc.string({ maxLength: 10 }).map((cell) => new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph(cell)] })] })] })),
  );
  const wordFile = fc.array(paragraph, { maxLength: 5 }).map(async (children) => Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] }))));

  it('converts any generated Word document to safe HTML', async () => {
    await fc.assert(
      fc.asyncProperty(wordFile, async (file) => {
        const res = await post(await file);
        expect(res.statusCode, res.body).toBe(200);
        const out = res.json() as { html: string; text: string };
        expectSafe(out.html);
        expect(out.html).not.toMatch(/[\uE234-\uE4AB]/);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses arbitrary bytes without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 1500 }).map((b) => Buffer.from(b)), async (bytes) => {
        const res = await post(bytes);
        expect([400, 413, 415], `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      }),
      { numRuns: 40 },
    );
  });

  // Known bug (modules/content/import-routes.ts): a Word file whose zip is damaged after the header
  // (here: a valid .docx with byte 28 flipped, "uncompressed data size mismatch" in mammoth) sniffs as
  // .docx and mammoth throws: the answer is a 500 instead of a clear 400/415. Remove `.fails` once
  // mammoth's error is caught there.
  it.fails('refuses a damaged Word file with a clear 4xx (known bug: 500)', async () => {
    const valid = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('科普')] }] })));
    for (const at of [28, 63, 200, 1000]) {
      const copy = Buffer.from(valid);
      copy[at] = copy[at]! ^ 0xff;
      const res = await post(copy);
      expect([200, 400, 413, 415], `byte ${at}: ${res.statusCode}`).toContain(res.statusCode);
    }
  });
});
