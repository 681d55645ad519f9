/** Tiny benchmark harness shared by bench/src/*.bench.ts. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Times fn: a few warm-up calls, then at least `runs` timed calls and at least minMs in all;
 * returns the median seconds per call (the median, not the mean, so a stall from other work on a
 * shared machine does not skew it).
 */
export function timePerCall(fn: () => unknown, minMs = 1000, runs = 7): number {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  do {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  } while (times.length < runs || performance.now() - start < minMs);
  times.sort((a, b) => a - b);
  return times[times.length >> 1]! / 1000;
}

/**
 * Times fn and a baseline alternately, call by call (so both see the same load from other work on
 * a shared machine), after warming both up; returns the median seconds per call of each.
 */
export function timeAgainst(baseline: () => unknown, fn: () => unknown, minMs = 2000, runs = 9): { baseline: number; fn: number } {
  for (let i = 0; i < 3; i++) { baseline(); fn(); }
  const b: number[] = [], f: number[] = [];
  const start = performance.now();
  do {
    let t0 = performance.now();
    baseline();
    b.push(performance.now() - t0);
    t0 = performance.now();
    fn();
    f.push(performance.now() - t0);
  } while (b.length < runs || performance.now() - start < minMs);
  const median = (times: number[]): number => times.sort((x, y) => x - y)[times.length >> 1]! / 1000;
  return { baseline: median(b), fn: median(f) };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

/** Collects garbage (so one phase's garbage is not collected in the next) and returns heap used in MB. */
export function settle(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Prints one figure: `BENCH <name> value=<n> unit=<u> baseline=<b> ratio=<value/baseline>`. */
export function printBench(name: string, value: number, unit: string, baseline?: number): void {
  const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3));
  let line = `BENCH ${name} value=${fmt(value)} unit=${unit}`;
  if (baseline !== undefined) line += ` baseline=${fmt(baseline)} ratio=${fmt(value / baseline)}`;
  console.log(line);
}

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
