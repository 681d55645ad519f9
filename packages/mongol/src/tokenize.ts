import { forEachRun } from './runs.js';
import { shapeKey } from './shape-key.js';

/**
 * Search tokens for the Mongolian words of a text: the shape key of each whole word and, for a
 * word with suffixes attached by NNBSP or MVS, the key of the stem and of each suffix too, so
 * that a search for the stem finds the inflected word. Non-Mongolian text gives no tokens.
 *
 * @example
 * tokenize('\u182D\u1821\u1837\u202F\u1822') // => [key('ger-i'), key('ger'), key(NNBSP + 'i')]
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachRun(
    text,
    () => undefined,
    (run) => {
      const whole = shapeKey(run);
      if (!whole) return;
      tokens.push(whole);
      const pieces = run.split(/(?=[\u180E\u202F])/);
      if (pieces.length < 2) return;
      for (const piece of pieces) {
        const key = shapeKey(piece).trim();
        if (key && key !== whole) tokens.push(key);
      }
    },
  );
  return tokens;
}
