/**
 * Splitting text into Mongolian runs (the unit of shaping) and other text. A run is a maximal
 * stretch of Mongolian-block characters, ZWJ/ZWNJ, NNBSP and stray zero-width characters
 * (U+200B, U+2060, U+FEFF); it counts as Mongolian only if it holds a Mongolian-block character.
 */

/** True for a code unit that can belong to a Mongolian run. */
export function isRunCode(c: number): boolean {
  return (c >= 0x1800 && c <= 0x18af) || (c >= 0x200b && c <= 0x200d) || c === 0x202f || c === 0x2060 || c === 0xfeff;
}

/** True for the zero-width characters that never matter to Mongolian shaping. */
export function isStrayZeroWidth(c: number): boolean {
  return c === 0x200b || c === 0x2060 || c === 0xfeff;
}

/**
 * Calls `onOther` for each non-Mongolian stretch and `onRun` for each Mongolian run, in order.
 * Works on char codes, allocating only the slices it hands out.
 */
export function forEachRun(text: string, onOther: (s: string) => void, onRun: (s: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && !isRunCode(text.charCodeAt(j))) j++;
    if (j > i) onOther(text.slice(i, j));
    if (j >= n) return;
    let k = j;
    let hasMongolian = false;
    for (let c = text.charCodeAt(k); k < n && isRunCode(c); c = text.charCodeAt(++k)) {
      if (c >= 0x1800 && c <= 0x18af) hasMongolian = true;
    }
    if (hasMongolian) onRun(text.slice(j, k));
    else onOther(text.slice(j, k));
    i = k;
  }
}

/** Removes U+200B, U+2060 and U+FEFF from a Mongolian run. */
export function stripStrayZeroWidth(run: string): string {
  for (let i = 0; i < run.length; i++) {
    if (isStrayZeroWidth(run.charCodeAt(i))) {
      let out = '';
      for (let j = 0; j < run.length; j++) if (!isStrayZeroWidth(run.charCodeAt(j))) out += run[j];
      return out;
    }
  }
  return run;
}
