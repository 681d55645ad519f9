import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The project's Noto Sans Mongolian (UTN #57 shaping, from @fontsource), as the portal serves it. */
const FONT_FILE = 'noto-sans-mongolian-mongolian-400-normal.woff2';
let cached: string | null = null;

/**
 * An @font-face rule for "Noto Sans Mongolian" with the font inlined as a data: URL, so a document
 * rendered without network (kernel/pdf) still sets Mongolian in the app's own font. Chinese falls
 * back to the system's Noto CJK (Debian's fonts-noto-cjk).
 */
export function mongolianFontFace(): string {
  if (!cached) {
    const dir = path.join(path.dirname(require.resolve('@fontsource/noto-sans-mongolian/package.json')), 'files');
    const data = fs.readFileSync(path.join(dir, FONT_FILE)).toString('base64');
    cached = `@font-face{font-family:"Noto Sans Mongolian";font-style:normal;font-weight:400;src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:U+1800-18AF,U+202F,U+200C-200D,U+0020}`;
  }
  return cached;
}

/** Font stacks for documents: Mongolian first in its own font, Chinese in Noto CJK. */
export const FONT_STACK = {
  mongolian: '"Noto Sans Mongolian", sans-serif',
  chinese: '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif',
  chineseSans: '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
};
