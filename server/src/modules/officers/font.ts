import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * WOFF 1.0 → plain OpenType (sfnt). The image renderer (Pango/FreeType inside sharp's libvips)
 * ignores WOFF files given as `fontfile` and falls back to tofu, while @fontsource ships the
 * project's Noto Sans Mongolian (the UTN #57 one) only as WOFF/WOFF2. WOFF 1.0 is the sfnt tables,
 * each zlib-compressed: inflate them and write the sfnt directory back (W3C WOFF 1.0, section 4–5).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const tag = woff.readUInt32BE(e);
    const at = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const checksum = woff.readUInt32BE(e + 16);
    const raw = woff.subarray(at, at + compLength);
    const data = compLength < origLength ? zlib.inflateSync(raw) : raw;
    if (data.length !== origLength) throw new Error('corrupt WOFF table');
    const d = 12 + i * 16;
    header.writeUInt32BE(tag, d);
    header.writeUInt32BE(checksum, d + 4);
    header.writeUInt32BE(offset, d + 8);
    header.writeUInt32BE(origLength, d + 12);
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  }
  return Buffer.concat(parts);
}

export const MONGOLIAN_FAMILY = 'Noto Sans Mongolian';

/**
 * Path of the project's Noto Sans Mongolian as an OpenType file under `dir`, written once from the
 * @fontsource package (its file name carries the package version, so an upgrade writes a new one).
 */
export function mongolianFontFile(dir: string): string {
  const pkgDir = path.dirname(require.resolve('@fontsource/noto-sans-mongolian/package.json'));
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const out = path.join(dir, `noto-sans-mongolian-${version}.otf`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(dir, { recursive: true });
    const sfnt = woffToSfnt(fs.readFileSync(path.join(pkgDir, 'files', 'noto-sans-mongolian-mongolian-400-normal.woff')));
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, sfnt);
    fs.renameSync(tmp, out);
  }
  return out;
}
