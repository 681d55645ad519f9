import fs from 'node:fs';
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { AppError } from '../http/errors.js';

/**
 * .xlsx and .docx uploads are zips: the upload cap bounds the compressed bytes only, and deflate
 * inflates up to ~1000:1, so a few MB can become gigabytes in exceljs/mammoth (both hold every part
 * in memory). These limits are checked before either parser sees the file.
 */
export interface ZipLimits {
  /** Sum of all entries once inflated. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Inflated/compressed, for entries large enough for the ratio to mean anything. */
  maxRatio: number;
}

const MB = 1024 * 1024;
/**
 * Measured: an exceljs workbook of 50,000 identical rows compresses 17.7:1 (sheet1.xml 18.7 MB);
 * real sheets are 5–20:1, so 200:1 leaves a wide margin. 100 MB inflated is several hundred
 * thousand rows, far beyond any import's row limit.
 */
export const XLSX_LIMITS: ZipLimits = { maxTotalBytes: 100 * MB, maxEntries: 10_000, maxRatio: 200 };
/** Word: images are stored ~1:1, so a 50 MB upload can honestly inflate past 50 MB; text parts are small. */
export const DOCX_LIMITS: ZipLimits = { maxTotalBytes: 100 * MB, maxEntries: 10_000, maxRatio: 200 };

/** Entries smaller than this inflated are never refused for their ratio: a tiny run of zeros may compress 500:1 harmlessly. */
const RATIO_FLOOR = MB;

function refuse(format: string, limits: ZipLimits): never {
  throw new AppError(413, 'upload.zip_too_large', { format, max: Math.round(limits.maxTotalBytes / MB), entries: limits.maxEntries });
}

/**
 * Refuses a zip that would inflate past `limits` (413), or that is not a readable zip at all (400).
 * First the central directory's declared sizes (nothing inflated); then, because those sizes are
 * the sender's word, every entry is inflated through jszip — the reader exceljs and mammoth use —
 * counting bytes (chunks are dropped) and stopping once the total passes the limit.
 */
export async function checkZipLimits(source: string | Uint8Array, limits: ZipLimits, format: string): Promise<void> {
  const data = typeof source === 'string' ? await fs.promises.readFile(source) : source;
  let entries = 0;
  let declared = 0;
  let over = false;
  try {
    unzipSync(data, {
      filter(f) {
        entries++;
        declared += f.originalSize;
        if (f.originalSize >= RATIO_FLOOR && f.originalSize > f.size * limits.maxRatio) over = true;
        return false; // Read the directory only.
      },
    });
  } catch {
    throw new AppError(400, 'upload.damaged', { format });
  }
  if (over || entries > limits.maxEntries || declared > limits.maxTotalBytes) refuse(format, limits);

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new AppError(400, 'upload.damaged', { format });
  }
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const verdict = await new Promise<'ok' | 'over' | 'bad'>((resolve) => {
      const stream = file.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxTotalBytes) {
          stream.pause();
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          resolve('over');
        }
      });
      stream.on('end', () => resolve('ok'));
      stream.on('error', () => resolve('bad'));
    });
    if (verdict === 'over') refuse(format, limits);
    if (verdict === 'bad') throw new AppError(400, 'upload.damaged', { format });
  }
}
