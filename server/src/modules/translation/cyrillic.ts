import { fromLatin, shapeKey, toLatin } from '@gerel/mongol';
import { CYRILLIC_EXCEPTIONS } from './cyrillic-exceptions.js';

/**
 * Rule-based conversion between traditional Mongolian (Hudum, Unicode) and Mongolian Cyrillic, with an
 * exception dictionary for words the rules get wrong (cyrillic-exceptions.ts). The two scripts spell
 * different stages of the language – the traditional script keeps vowels and consonants that modern
 * speech (and Cyrillic) dropped or merged – so the rules are approximations and the measured word
 * accuracy is reported in cyrillic.test.ts. Work is done per word on the UTN #57 letter aliases
 * (toLatin alias scheme: a e i o u oe ue n ng b p h g m l s sh t d ch j y r w f k2 c z hh …).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'oe', 'ue', 'ee']);
const isVowel = (a: string | undefined) => !!a && VOWELS.has(a);
/** Format controls carry no sound. */
const SILENT = new Set(['fvs1', 'fvs2', 'fvs3', 'fvs4', 'mvs', 'zwj', 'zwnj', 'nirugu']);

const FIRST: Record<string, string> = { a: 'а', e: 'э', i: 'и', o: 'о', u: 'у', oe: 'ө', ue: 'ү', ee: 'э' };
const CONSONANT: Record<string, string> = {
  n: 'н', ng: 'н', b: 'б', p: 'п', h: 'х', g: 'г', m: 'м', l: 'л', s: 'с', sh: 'ш', t: 'т', d: 'д', ch: 'ч', j: 'ж',
  y: 'й', r: 'р', w: 'в', f: 'ф', k2: 'к', k: 'х', c: 'ц', z: 'з', hh: 'х', rh: 'р', lh: 'л', zr: 'ж', cr: 'ч',
};
/** Vowel–g–vowel reads as one long vowel in the modern language. */
const LONG: Record<string, string> = {
  'a a': 'аа', 'a u': 'уу', 'o o': 'оо', 'o a': 'оо', 'o u': 'оо', 'u u': 'уу', 'u a': 'уу',
  'e e': 'ээ', 'e ue': 'үү', 'ue ue': 'үү', 'ue e': 'үү', 'oe e': 'өө', 'oe oe': 'өө', 'i a': 'иа', 'i e': 'иэ',
};
/** A later syllable's vowel follows the first vowel (vowel harmony as Cyrillic writes it). */
function harmonic(first: string, v: string): string {
  if (v === 'i') return 'и';
  if (first === 'a') return v === 'o' ? 'о' : 'а';
  if (first === 'o') return v === 'a' || v === 'u' || v === 'o' ? 'о' : FIRST[v]!;
  if (first === 'u') return v === 'o' ? 'о' : v === 'a' ? 'а' : 'у';
  if (first === 'oe') return v === 'e' || v === 'oe' ? 'ө' : v === 'ue' ? 'ү' : FIRST[v]!;
  if (first === 'ue') return v === 'ue' ? 'ү' : 'э';
  return v === 'ue' ? 'ү' : v === 'oe' ? 'ө' : 'э';
}
const IOTATED: Record<string, string> = { a: 'я', o: 'ё', u: 'ю', e: 'е', ue: 'ю', oe: 'ё' };

/** One word's aliases (controls dropped) to Cyrillic. */
function wordToCyrillic(letters: string[]): string {
  const firstVowel = letters.find(isVowel);
  const masculine = letters.some((a) => a === 'a' || a === 'o' || a === 'u');
  let out = '';
  let seenVowel = false;
  for (let i = 0; i < letters.length; i++) {
    const a = letters[i]!;
    const next = letters[i + 1];
    const last = i === letters.length - 1;
    if (isVowel(a)) {
      // Long vowel written V g V.
      const long = next === 'g' && isVowel(letters[i + 2]) ? LONG[`${a} ${letters[i + 2]}`] : undefined;
      if (long && seenVowel) {
        out += firstVowel === 'oe' && long === 'ээ' ? 'өө' : long;
        i += 2;
        continue;
      }
      if (a === 'i' && seenVowel && isVowel(letters[i - 1])) {
        out += 'й'; // diphthong ai, oi, ui, üi, ei
        continue;
      }
      if (last && seenVowel && !isVowel(letters[i - 1])) {
        // A final vowel after a consonant is not written in Cyrillic; final i softens the consonant.
        if (a === 'i') {
          const cluster = !isVowel(letters[i - 2]);
          const prev = letters[i - 1];
          out += prev === 's' || prev === 'ch' || prev === 'j' ? '' : cluster ? 'и' : 'ь';
        }
        continue;
      }
      out += seenVowel ? harmonic(firstVowel!, a) : FIRST[a]!;
      seenVowel = true;
      continue;
    }
    if (SILENT.has(a)) continue;
    if (a === 'y' && isVowel(next)) {
      out += masculine && next === 'a' && firstVowel === 'o' ? 'ё' : (IOTATED[next!] ?? 'й');
      i++;
      seenVowel = true;
      continue;
    }
    if (a === 'y' && next === 'i' && seenVowel) {
      out += 'й';
      i++;
      continue;
    }
    if (a === 's' && next === 'i') {
      out += 'ш';
      if (i + 1 === letters.length - 1 && seenVowel) i++;
      continue;
    }
    if (a === 'ch' || a === 'j') {
      const soft = next === 'i' || (!masculine && (next === 'ue' || next === 'oe'));
      out += soft ? (a === 'ch' ? 'ч' : 'ж') : a === 'ch' ? 'ц' : 'з';
      if (next === 'i' && i + 1 === letters.length - 1 && seenVowel) i++;
      continue;
    }
    if (a === 'b' && seenVowel && isVowel(letters[i - 1]) && isVowel(next)) {
      out += 'в';
      continue;
    }
    out += CONSONANT[a] ?? '';
  }
  return out;
}

/** Traditional Mongolian text to Cyrillic, word by word; other text passes through. */
export function traditionalToCyrillic(text: string): string {
  return text.replace(/[\u1800-\u18AF]+(?:\u202F[\u1800-\u18AF]+)*/g, (word) => {
    const known = CYRILLIC_EXCEPTIONS.byKey.get(shapeKey(word));
    if (known) return known;
    // A suffix after NNBSP joins the word in Cyrillic.
    return word
      .split('\u202F')
      .map((part) => wordToCyrillic(toLatin(part).split('-').filter(Boolean)))
      .join('');
  });
}

const CYR: Record<string, string[]> = {
  а: ['a'], э: ['e'], и: ['i'], о: ['o'], у: ['u'], ө: ['oe'], ү: ['ue'], ы: ['i'], й: ['i'],
  н: ['n'], б: ['b'], в: ['b'], п: ['p'], х: ['h'], г: ['g'], м: ['m'], л: ['l'], с: ['s'], ш: ['s', 'i'],
  т: ['t'], д: ['d'], ц: ['ch'], ч: ['ch'], з: ['j'], ж: ['j'], р: ['r'], ф: ['f'], к: ['k2'], щ: ['s'],
  я: ['y', 'a'], е: ['y', 'e'], ё: ['y', 'o'], ю: ['y', 'u'], ь: ['i'], ъ: [],
};
const LONG_BACK: Record<string, string[]> = { аа: ['a', 'g', 'a'], оо: ['o', 'g', 'a'], уу: ['a', 'g', 'u'], ээ: ['e', 'g', 'e'], өө: ['oe', 'g', 'e'], үү: ['ue', 'g', 'ue'] };

/** One Cyrillic word to traditional aliases: long vowels as V g V, нг as ng g, ш before и as s. */
function wordToTraditional(word: string): string[] {
  const w = word.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const pair = w.slice(i, i + 2);
    if (LONG_BACK[pair] && i > 0) {
      out.push(...LONG_BACK[pair]);
      i++;
      continue;
    }
    if (LONG_BACK[pair]) {
      out.push(...LONG_BACK[pair]!.slice(0, 1));
      i++;
      continue;
    }
    if (pair === 'нг') {
      out.push('ng', 'g');
      i++;
      continue;
    }
    if (c === 'ш' && w[i + 1] === 'и') {
      out.push('s');
      continue;
    }
    if (c === 'ь' && i === w.length - 1) {
      out.push('i');
      continue;
    }
    out.push(...(CYR[c] ?? []));
  }
  return out;
}

/** Cyrillic Mongolian text to the traditional script, word by word; other text passes through. */
export function cyrillicToTraditional(text: string): string {
  return text.replace(/[\u0400-\u04FF]+/g, (word) => {
    const known = CYRILLIC_EXCEPTIONS.byCyrillic.get(word.toLowerCase());
    if (known) return known;
    const aliases = wordToTraditional(word);
    return aliases.length ? fromLatin(aliases.join('-')) : word;
  });
}
