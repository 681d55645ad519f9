/**
 * @gerel/mongol throughput on ≥ 10 MB of Mongolian text built deterministically from the
 * conformance suites' words (seeded PRNG), each figure against String.prototype.normalize('NFC')
 * on the same text in the same run. Each function and NFC are warmed up, then called alternately
 * (so both see the same load on a shared machine) and the median time of each is taken; garbage is
 * collected between phases and the heap in use printed after each (it includes the 8 MB text and
 * its 8 MB Menksoft form).
 *
 * The word caches inside the library stay warm across the timed calls (as in production, where a
 * process keys many texts); the corpus has few distinct words (printed: words vs distinct), so
 * the figures are those of a cache that holds every word, plus one pass over every code unit.
 */
import { fromMenksoft, normalize, shapeKey, toMenksoft } from '../../packages/mongol/src/index.js';
import { suiteWords } from '../../packages/mongol/test-data/suites.js';
import { printBench, seededRandom, settle, timeAgainst } from './harness.js';

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
  printBench('mongol.corpus', mb, 'MB');
  printBench('mongol.codeUnits', text.length, 'code units');
  {
    const words = text.split(/[ \n]+/).filter(Boolean);
    printBench('mongol.words', words.length, 'words');
    printBench('mongol.distinctWords', new Set(words).size, 'words');
  }
  const menksoft = toMenksoft(text);
  const menksoftMb = Buffer.byteLength(menksoft) / 1e6;
  printBench('mongol.heapUsed.start', settle(), 'MB');
  const phases: [string, () => unknown, number][] = [
    ['shapeKey', () => shapeKey(text), mb],
    ['normalize', () => normalize(text), mb],
    ['toMenksoft', () => toMenksoft(text), mb],
    ['fromMenksoft', () => fromMenksoft(menksoft), menksoftMb],
  ];
  for (const [name, fn, size] of phases) {
    settle();
    const times = timeAgainst(() => text.normalize('NFC'), fn);
    const nfc = mb / times.baseline;
    printBench(`mongol.nfc.with.${name}`, nfc, 'MB/s');
    printBench(`mongol.${name}`, size / times.fn, 'MB/s', nfc);
    printBench(`mongol.heapUsed.${name}`, settle(), 'MB');
  }
}
