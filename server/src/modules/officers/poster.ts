import sharp from 'sharp';
import QRCode from 'qrcode';
import { MONGOLIAN_FAMILY } from './font.js';

/**
 * The share poster of a picked resource: cover, title in vertical Mongolian and in Chinese, the QR
 * code of the officer's own link. Text is laid out by Pango (HarfBuzz shaping, inside sharp's
 * libvips) with the project's Noto Sans Mongolian; a Mongolian line is shaped horizontally, as fonts
 * define it, and the image of each line is turned 90° clockwise into a column; columns run left to
 * right (what CSS writing-mode: vertical-lr does in a browser). librsvg's SVG text is not used: it
 * has no vertical Mongolian layout.
 */

const W = 750;
const H = 1200;
const MARGIN = 40;
const COVER_H = 400;
const QR = 260;
const INK = '#1f2937';
const MUTED = '#6b7280';
const ACCENT = '#0b6e4f';

export interface PosterInput {
  titleMn: string | null;
  titleZh: string | null;
  /** The officer's short link (absolute URL) the QR code carries. */
  url: string;
  officerName: string;
  orgName: string;
  cover: Buffer | null;
  /** The Mongolian font as an OpenType file, or null when it cannot be used (then no Mongolian is drawn). */
  mongolianFont: string | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface TextImage {
  data: Buffer;
  width: number;
  height: number;
}

async function text(markup: string, o: { font: string; fontfile?: string; width?: number; align?: 'left' | 'centre' }): Promise<TextImage> {
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: o.font,
      rgba: true,
      dpi: 72,
      ...(o.fontfile ? { fontfile: o.fontfile } : {}),
      ...(o.width ? { width: o.width, wrap: 'word-char' as const } : {}),
      ...(o.align ? { align: o.align } : {}),
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const mnLine = (s: string, size: number, fontfile: string) =>
  text(`<span foreground="${INK}">${esc(s)}</span>`, { font: `${MONGOLIAN_FAMILY} ${size}`, fontfile });

/**
 * Whether Mongolian really renders with this font file: a shaped word is much narrower than the
 * same number of missing-glyph boxes (which Pango draws when no font has the letters). Never tofu.
 */
export async function mongolianRenders(fontfile: string): Promise<boolean> {
  const word = await mnLine('ᠮᠣᠩᠭᠣᠯ', 40, fontfile);
  const boxes = await mnLine('\uE000'.repeat(6), 40, fontfile);
  return word.width > 0 && word.width < boxes.width * 0.75;
}

/** Greedy line breaking at spaces so that each line (a column once turned) is at most `max` long. */
async function mongolianColumns(title: string, size: number, max: number, fontfile: string, maxColumns: number): Promise<TextImage[] | null> {
  const words = title.split(/\s+/).filter(Boolean);
  const lines: TextImage[] = [];
  let current: string[] = [];
  let currentImg: TextImage | null = null;
  for (const w of words) {
    const candidate = await mnLine([...current, w].join(' '), size, fontfile);
    if (candidate.width <= max || current.length === 0) {
      if (candidate.width > max) return null; // one word longer than a column: smaller type needed
      current.push(w);
      currentImg = candidate;
    } else {
      lines.push(currentImg!);
      current = [w];
      currentImg = await mnLine(w, size, fontfile);
      if (currentImg.width > max) return null;
    }
  }
  if (currentImg) lines.push(currentImg);
  return lines.length <= maxColumns ? lines : null;
}

export async function renderPoster(p: PosterInput): Promise<Buffer> {
  const layers: sharp.OverlayOptions[] = [];
  let top = 0;
  if (p.cover) {
    const cover = await sharp(p.cover).resize(W, COVER_H, { fit: 'cover', position: 'attention' }).png().toBuffer();
    layers.push({ input: cover, left: 0, top: 0 });
    top = COVER_H;
  } else {
    layers.push({ input: { create: { width: W, height: 120, channels: 4, background: ACCENT } }, left: 0, top: 0 });
    const band = await text(`<span foreground="#ffffff">科普推荐</span>`, { font: 'Noto Sans CJK SC Bold 40' });
    layers.push({ input: band.data, left: MARGIN, top: Math.round((120 - band.height) / 2) });
    top = 120;
  }
  top += MARGIN;
  const qrTop = H - MARGIN - QR - 50;
  const bodyHeight = qrTop - top - MARGIN;

  // Vertical Mongolian on the left, columns left to right.
  let left = MARGIN;
  if (p.titleMn && p.mongolianFont) {
    let cols: TextImage[] | null = null;
    for (const size of [40, 34, 28, 24]) {
      cols = await mongolianColumns(p.titleMn, size, bodyHeight, p.mongolianFont, 4);
      if (cols) break;
    }
    if (cols) {
      for (const line of cols) {
        const turned = await sharp(line.data).rotate(90).png().toBuffer({ resolveWithObject: true });
        layers.push({ input: turned.data, left, top });
        left += turned.info.width + 6;
      }
      left += 24;
    }
  }

  // Chinese title to the right of the Mongolian, wrapped.
  if (p.titleZh) {
    const width = W - MARGIN - left;
    const zh = await text(`<span foreground="${INK}">${esc(p.titleZh)}</span>`, { font: 'Noto Sans CJK SC Bold 38', width });
    const input = zh.height > bodyHeight ? await sharp(zh.data).extract({ left: 0, top: 0, width: zh.width, height: bodyHeight }).png().toBuffer() : zh.data;
    layers.push({ input, left, top });
  }

  // The officer's QR code, bottom right, with what to do with it.
  const qr = await QRCode.toBuffer(p.url, { type: 'png', width: QR, margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  layers.push({ input: await sharp(qr).resize(QR, QR).png().toBuffer(), left: W - MARGIN - QR, top: qrTop });
  const hint = await text(`<span foreground="${MUTED}">长按识别二维码阅读</span>`, { font: 'Noto Sans CJK SC 22', width: QR, align: 'centre' });
  layers.push({ input: hint.data, left: W - MARGIN - QR + Math.max(0, Math.round((QR - hint.width) / 2)), top: qrTop + QR + 12 });

  // Who recommends it, bottom left.
  const by = await text(`<span foreground="${ACCENT}"><b>科普信息员 ${esc(p.officerName)}</b></span>\n<span foreground="${MUTED}">${esc(p.orgName)}</span>`, {
    font: 'Noto Sans CJK SC 26',
    width: W - 3 * MARGIN - QR,
  });
  layers.push({ input: by.data, left: MARGIN, top: qrTop + QR - by.height });

  return sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } }).composite(layers).png({ compressionLevel: 9 }).toBuffer();
}
