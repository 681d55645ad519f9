import type { Lang } from '../content/tables.js';

/** Sentence ends per script: Chinese full stops, the Mongolian full stop ᠃ and ᠉, Latin and Cyrillic . ! ? */
const ENDS: Record<Lang, RegExp> = {
  'zh-Hans': /(?<=[。！？；!?])/u,
  'mn-Mong': /(?<=[\u1803\u1809!?])/u,
  'mn-Cyrl': /(?<=[.!?])\s+/u,
  en: /(?<=[.!?])\s+/u,
};

/** A text's sentences: split at line breaks and sentence ends, trimmed, empty ones dropped. */
export function splitSentences(text: string, lang: Lang): string[] {
  return text
    .split(/\n+/)
    .flatMap((para) => para.split(ENDS[lang]))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface AlignedPair {
  source: string;
  target: string;
}

/**
 * Length-based sentence alignment in the manner of Gale & Church: dynamic programming over 1–1,
 * 1–2, 2–1, 1–0 and 0–1 beads, each costed by how far the length ratio strays from the ratio of the
 * two whole texts. Unpaired sentences (1–0, 0–1) are left out of the result: a memory of wrong pairs
 * is worse than a smaller one, and the user edits the proposal before it is stored anyway.
 */
export function alignSentences(source: string[], target: string[], join: { source: string; target: string } = { source: ' ', target: ' ' }): AlignedPair[] {
  const len = (xs: string[]) => xs.reduce((n, s) => n + [...s].length, 0);
  const ratio = len(target) / Math.max(1, len(source)) || 1;
  const n = source.length;
  const m = target.length;
  const cost = (s: string[], t: string[]) => {
    const a = len(s) * ratio;
    const b = len(t);
    return Math.abs(a - b) / Math.sqrt(Math.max(1, a + b));
  };
  const SKIP = 6;
  const MERGE = 1.5;
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(Infinity));
  const from: [number, number][][] = Array.from({ length: n + 1 }, () => Array<[number, number]>(m + 1).fill([0, 0]));
  best[0]![0] = 0;
  const moves: [number, number, number][] = [
    [1, 1, 0],
    [1, 2, MERGE],
    [2, 1, MERGE],
    [1, 0, SKIP],
    [0, 1, SKIP],
  ];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = best[i]![j]!;
      if (here === Infinity) continue;
      for (const [di, dj, extra] of moves) {
        const ni = i + di;
        const nj = j + dj;
        if (ni > n || nj > m) continue;
        const c = here + extra + (di && dj ? cost(source.slice(i, ni), target.slice(j, nj)) : 0);
        if (c < best[ni]![nj]!) {
          best[ni]![nj] = c;
          from[ni]![nj] = [di, dj];
        }
      }
    }
  }
  const out: AlignedPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [di, dj] = from[i]![j]!;
    if (di && dj) out.push({ source: source.slice(i - di, i).join(join.source), target: target.slice(j - dj, j).join(join.target) });
    i -= di;
    j -= dj;
  }
  return out.reverse();
}
