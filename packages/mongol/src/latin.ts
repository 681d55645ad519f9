import { forEachRun } from './runs.js';
import { ALIASES } from './tables/aliases.js';

const aliasOf = new Map<number, string>();
const codeOf = new Map<string, number>();
for (const [alias, code] of ALIASES) {
  if (code === 0x20) continue;
  if (!aliasOf.has(code)) aliasOf.set(code, alias);
  if (!codeOf.has(alias)) codeOf.set(alias, code);
}

/** Vladimirtsov–Mostaert style letters; q/γ are used in masculine words and k/g in the others. */
const DISPLAY: Record<string, string> = {
  a: 'a', e: 'e', i: 'i', o: 'o', u: 'u', oe: 'ö', ue: 'ü', ee: 'ē', n: 'n', ng: 'ŋ', b: 'b', p: 'p',
  m: 'm', l: 'l', s: 's', sh: 'š', t: 't', d: 'd', ch: 'č', j: 'ǰ', y: 'y', r: 'r', w: 'w', f: 'f',
  k2: 'k', k: 'kh', c: 'c', z: 'z', hh: 'h', rh: 'ř', lh: 'lh', zr: 'ž', cr: 'ć',
  mvs: '-', nnbsp: '-', nirugu: '', fvs1: '', fvs2: '', fvs3: '', fvs4: '', zwj: '', zwnj: '',
};

export interface LatinOptions {
  /** 'alias' (default): the UTN ASCII aliases, exactly reversible; 'display': a readable transliteration. */
  readonly scheme?: 'alias' | 'display';
}

function displayWord(aliases: string[]): string {
  const masculine = aliases.some((a) => a === 'a' || a === 'o' || a === 'u');
  return aliases
    .map((a) => (a === 'h' ? (masculine ? 'q' : 'k') : a === 'g' ? (masculine ? 'γ' : 'g') : (DISPLAY[a] ?? a)))
    .join('');
}

/**
 * Transliterates Hudum to Latin letters.
 *
 * - `alias` scheme (default): each Mongolian word becomes its UTN #57 aliases joined by '-'
 *   (a e i o u oe ue ee n ng b p h g m l s sh t d ch j y r w f k2 k c z hh rh lh zr cr, and
 *   fvs1–fvs4, mvs, nnbsp, nirugu, zwj, zwnj for controls). `fromLatin` reverses it exactly.
 * - `display` scheme: Vladimirtsov–Mostaert style (a e i o u ö ü ē n ŋ b p q/k γ/g m l s š t d
 *   č ǰ y r w f …), FVS dropped, MVS/NNBSP as '-'. For reading only.
 *
 * @example
 * toLatin('\u182E\u1823\u1829\u182D\u1823\u182F') // => 'm-o-ng-g-o-l'
 * toLatin('\u182E\u1823\u1829\u182D\u1823\u182F', { scheme: 'display' }) // => 'moŋγol'
 */
export function toLatin(text: string, options: LatinOptions = {}): string {
  const display = options.scheme === 'display';
  let out = '';
  forEachRun(
    text,
    (s) => (out += s),
    (run) => {
      const aliases: string[] = [];
      for (let i = 0; i < run.length; i++) {
        const c = run.charCodeAt(i);
        aliases.push(aliasOf.get(c) ?? run[i]!);
      }
      out += display ? displayWord(aliases) : aliases.join('-');
    },
  );
  return out;
}

/**
 * Reads the `alias` scheme of `toLatin` back into Unicode: a token of aliases joined by '-'
 * (every part a known alias) becomes Mongolian; anything else is left as it is.
 *
 * @example
 * fromLatin('m-o-ng-g-o-l') // => '\u182E\u1823\u1829\u182D\u1823\u182F'
 */
export function fromLatin(text: string): string {
  return text.replace(/[^\s-]+(?:-[^\s-]+)*/g, (token) => {
    const parts = token.split('-');
    let out = '';
    for (const part of parts) {
      const code = codeOf.get(part);
      if (code !== undefined) out += String.fromCharCode(code);
      else if (part.length === 1 && aliasOf.get(part.charCodeAt(0)) === undefined && part.charCodeAt(0) >= 0x1800 && part.charCodeAt(0) <= 0x18af) out += part;
      else return token;
    }
    return out;
  });
}
