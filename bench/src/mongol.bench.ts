/**
 * @gerel/mongol throughput on ≥ 10 MB of Mongolian text built deterministically from the
 * conformance suites' words (seeded PRNG), each figure against String.prototype.normalize('NFC')
 * on the same text in the same run.
 */
import { fromMenksoft, normalize, shapeKey, toMenksoft } from '../../packages/mongol/src/index.js';
import { suiteWords } from '../../packages/mongol/test-data/suites.js';
import { printBench, seededRandom, timePerCall } from './harness.js';

const TARGET_BYTES = 10 * 1024 * 1024;

function corpus(): string {
  const words = suiteWords();
  const random = seededRandom(57);
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const w = words[Math.floor(random() * words.length)]!;
    parts.push(w);
    bytes += Buffer.byteLength(w) + 1;
    if (parts.length % 12 === 0) parts.push('\n');
  }
  return parts.join(' ');
}

export async function run(): Promise<void> {
  const text = corpus();
  const mb = Buffer.byteLength(text) / 1e6;
  const menksoft = toMenksoft(text);
  const nfc = mb / timePerCall(() => text.normalize('NFC'));
  printBench('mongol.nfc', nfc, 'MB/s');
  printBench('mongol.shapeKey', mb / timePerCall(() => shapeKey(text)), 'MB/s', nfc);
  printBench('mongol.normalize', mb / timePerCall(() => normalize(text)), 'MB/s', nfc);
  printBench('mongol.toMenksoft', mb / timePerCall(() => toMenksoft(text)), 'MB/s', nfc);
  printBench('mongol.fromMenksoft', Buffer.byteLength(menksoft) / 1e6 / timePerCall(() => fromMenksoft(menksoft)), 'MB/s', nfc);
  printBench('mongol.heapUsed', process.memoryUsage().heapUsed / 1e6, 'MB');
  printBench('mongol.corpus', mb, 'MB');
}
