import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../http/errors.js';

/**
 * HTML → PDF with headless Chromium (Debian's, never a downloaded one), for documents with vertical
 * Mongolian that no PDF library lays out. The browser starts on the first document and stays up;
 * `close()` ends it (the app calls it on close). Pages get no network: everything a document needs
 * (fonts as data: URLs, styles) must be in its HTML.
 */
export interface PdfOptions {
  format?: 'A4' | 'A5';
  landscape?: boolean;
  /** CSS margins, e.g. '12mm'. */
  margin?: string;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Documents rendered at once; more wait their turn (each page costs Chromium memory). */
const MAX_PARALLEL = 4;
const RENDER_TIMEOUT_MS = 30_000;

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly executablePath: string = process.env.GEREL_CHROMIUM ?? '/usr/bin/chromium') {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      if (!fs.existsSync(this.executablePath)) throw new AppError(503, 'pdf.unavailable');
      const started = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, timeout: RENDER_TIMEOUT_MS });
      this.browser = started;
      started.then(
        // A crashed browser is started again on the next document.
        (b) => b.on('disconnected', () => {
          if (this.browser === started) this.browser = null;
        }),
        () => {
          if (this.browser === started) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  private async slot(): Promise<() => void> {
    if (this.running >= MAX_PARALLEL) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    return () => {
      this.running--;
      this.waiting.shift()?.();
    };
  }

  /** Prints `html` to PDF. 503 `pdf.unavailable` when Chromium is missing or will not start. */
  async render(html: string, opts: PdfOptions = {}): Promise<Buffer> {
    const release = await this.slot();
    try {
      let browser: Browser;
      try {
        browser = await this.launch();
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError(503, 'pdf.unavailable');
      }
      const context = await browser.newContext();
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(RENDER_TIMEOUT_MS);
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        const margin = opts.margin ?? '12mm';
        return await page.pdf({ format: opts.format ?? 'A4', landscape: !!opts.landscape, printBackground: true, margin: { top: margin, bottom: margin, left: margin, right: margin } });
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }
}

const renderers = new WeakMap<object, PdfRenderer>();

/** The renderer of one app (keyed by its context): one browser per process, started lazily. */
export function pdfRenderer(owner: object): PdfRenderer {
  let r = renderers.get(owner);
  if (!r) {
    r = new PdfRenderer();
    renderers.set(owner, r);
  }
  return r;
}

/** Ends the app's browser, if one was started. */
export async function closePdfRenderer(owner: object): Promise<void> {
  await renderers.get(owner)?.close();
  renderers.delete(owner);
}
