/** Tiny benchmark harness shared by bench/src/*.bench.ts. */

/** Runs fn repeatedly for at least minMs (after one warm-up call) and returns seconds per call. */
export function timePerCall(fn: () => unknown, minMs = 1000): number {
  fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / 1000 / calls;
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
