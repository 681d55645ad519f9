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
/** Vowel–g–vowel (and a vowel written twice) reads as one long vowel in the modern language. */
const LONG: Record<string, string> = {
  'a a': 'аа', 'a u': 'уу', 'o o': 'оо', 'o a': 'оо', 'o u': 'оо', 'u u': 'уу', 'u a': 'уу',
  'e e': 'ээ', 'e ue': 'үү', 'ue ue': 'үү', 'oe e': 'өө', 'oe oe': 'өө',
};
/**
 * A later syllable's vowel follows the first vowel (vowel harmony as Cyrillic writes it). The
 * traditional script keeps the old u/ü of later syllables, which the modern language reduced: after
 * a or u it is written а, after o о, after ü э and after ö ө.
 */
function harmonic(first: string, v: string): string {
  if (v === 'i') return 'и';
  if (first === 'a') return v === 'o' ? 'о' : 'а';
  if (first === 'o') return v === 'a' || v === 'u' || v === 'o' ? 'о' : FIRST[v]!;
  if (first === 'u') return v === 'o' ? 'о' : 'а';
  if (first === 'oe') return v === 'e' || v === 'oe' || v === 'ue' ? 'ө' : FIRST[v]!;
  if (first === 'ue') return 'э';
  return v === 'oe' ? 'ө' : 'э';
}
const IOTATED: Record<string, string> = { a: 'я', o: 'ё', u: 'ю', e: 'е', ue: 'ю', oe: 'ё' };
/** Consonants that the old first-syllable i palatalised ("breaking": sira → шар, čidal → чадал). */
const BROKEN: Record<string, string> = { s: 'ш', ch: 'ч', j: 'з' };

/** A letter and whether a Mongolian vowel separator (MVS) stood before it: the detached final -a/-e. */
interface Letter {
  a: string;
  mvs: boolean;
}

/** Letters without format controls, each marked when an MVS preceded it. */
function lettersOf(aliases: string[]): Letter[] {
  const out: Letter[] = [];
  let mvs = false;
  for (const a of aliases) {
    if (a === 'mvs') mvs = true;
    else if (!SILENT.has(a)) {
      out.push({ a, mvs });
      mvs = false;
    }
  }
  return out;
}

/** One word's letters to Cyrillic. */
function wordToCyrillic(aliases: string[]): string {
  const L = lettersOf(aliases);
  const at = (i: number) => L[i]?.a;
  const masculine = L.some((l) => l.a === 'a' || l.a === 'o' || l.a === 'u');
  const vowels = L.map((l, i) => (isVowel(l.a) ? i : -1)).filter((i) => i >= 0);
  // Breaking: a first-syllable i after s/č/ǰ in a back-vowel word takes the next syllable's vowel.
  let broken = false;
  const [v0, v1] = vowels;
  if (masculine && v0 === 1 && at(0)! in BROKEN && at(1) === 'i' && v1 !== undefined && ['a', 'o', 'u'].includes(at(v1)!)) {
    L[1] = { a: at(v1)!, mvs: false };
    broken = true;
  }
  const firstVowel = vowels.length ? at(vowels[0]!) : undefined;
  // Labial attraction: a first-syllable e before a (non-final) second-syllable ü is read ö (temür → төмөр).
  const labial = firstVowel === 'e' && v1 !== undefined && at(v1) === 'ue' && v1 < L.length - 1;
  const first = labial ? 'oe' : firstVowel;
  let out = '';
  let seen = 0;
  let droppedFinal = false;
  for (let i = 0; i < L.length; i++) {
    const a = at(i)!;
    const next = at(i + 1);
    const prev = at(i - 1);
    const last = i === L.length - 1;
    if (isVowel(a)) {
      // A vowel written twice is long.
      if (next === a && a !== 'i' && LONG[`${a} ${a}`]) {
        out += first === 'o' && a !== 'o' && masculine ? 'оо' : LONG[`${a} ${a}`]!;
        i += 1;
        seen++;
        continue;
      }
      // V g V is long (of V g V g V the later pair), except before a diphthong's i (malaγai → малгай) and the detached -a of a first syllable (baγ-a → бага).
      const third = L[i + 2];
      if (next === 'g' && third && isVowel(third.a) && third.a !== 'i' && at(i + 3) !== 'i' && !(third.mvs && seen === 0) && !(at(i + 3) === 'g' && isVowel(at(i + 4)))) {
        const long = LONG[`${a} ${third.a}`];
        if (long) {
          out += first === 'o' && (long === 'аа' || long === 'уу') ? 'оо' : first === 'oe' && long === 'ээ' ? 'өө' : long;
          i += 2;
          seen++;
          continue;
        }
      }
      // -iy-a/-iy-e of a later syllable: тариачин, хороо, хэмжээ.
      if (a === 'i' && seen > 0 && next === 'y' && isVowel(at(i + 2))) {
        out += masculine ? (first === 'o' ? 'оо' : 'иа') : first === 'oe' ? 'өө' : 'ээ';
        i += 2;
        seen++;
        continue;
      }
      if (a === 'i' && seen > 0 && isVowel(prev)) {
        out += 'й'; // diphthong ai, oi, ui, üi, ei
        continue;
      }
      if (last && seen > 0 && !isVowel(prev)) {
        // A final vowel after a consonant is not written in Cyrillic, except -ga/-ge after a consonant
        // cluster's ng (мөнгө: Cyrillic never ends in нг) or a detached -a (бага, хаалга); final i
        // softens the consonant.
        if (a === 'i') {
          const cluster = !isVowel(at(i - 2));
          out += prev === 's' || prev === 'ch' || prev === 'j' ? '' : cluster ? 'и' : 'ь';
        } else if (prev === 'g' && (L[i]!.mvs || at(i - 2) === 'ng')) out += harmonic(first!, a);
        else droppedFinal = true;
        continue;
      }
      // Syncope: a short later vowel in an open syllable between two single consonants falls out (үндүсүтэн → үндэстэн).
      if (seen > 0 && a !== 'i' && isVowel(at(i - 2)) && !isVowel(prev) && next && !isVowel(next) && isVowel(at(i + 2)) && !(at(i + 2) === 'i' && last)) {
        continue;
      }
      out += seen > 0 ? harmonic(first!, a) : labial ? 'ө' : FIRST[a]!;
      seen++;
      continue;
    }
    if (a === 'y' && isVowel(next)) {
      out += masculine && next === 'a' && first === 'o' ? 'ё' : (IOTATED[next!] ?? 'й');
      i++;
      seen++;
      continue;
    }
    if (a === 'y' && next === 'i' && seen > 0) {
      out += 'й';
      i++;
      continue;
    }
    if (broken && i === 0) {
      out += BROKEN[a]!;
      continue;
    }
    if (a === 's' && next === 'i') {
      out += 'ш';
      if (i + 1 === L.length - 1 && seen > 0) i++;
      continue;
    }
    if (a === 'ch' || a === 'j') {
      const soft = next === 'i' || (!masculine && (next === 'ue' || next === 'oe'));
      out += soft ? (a === 'ch' ? 'ч' : 'ж') : a === 'ch' ? 'ц' : 'з';
      if (next === 'i' && i + 1 === L.length - 1 && seen > 0) i++;
      continue;
    }
    if (a === 'b' && seen > 0 && isVowel(prev)) {
      out += 'в'; // b after a vowel is spoken and written в (хавар, хэвлэл)
      continue;
    }
    out += CONSONANT[a] ?? '';
  }
  // Cyrillic does not end in r/l/d + g or b once the final vowel is gone: a vowel comes between (тэрэг).
  if (droppedFinal && first) {
    const n = L.length;
    const [c1, c2] = [at(n - 3), at(n - 2)];
    if ((c2 === 'g' || c2 === 'b') && (c1 === 'r' || c1 === 'l' || c1 === 'd') && isVowel(at(n - 4))) {
      out = out.slice(0, -1) + harmonic(first, firstVowel === 'e' ? 'e' : 'a') + out.slice(-1);
    }
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

/**
 * The vowel the traditional script still writes after a final Cyrillic consonant: -u/-ü after с, д
 * and в (ус usu, мод modu), -a/-e after т and х (хот qota, ах aq-a, эх eke), -i after ч and ж (эмч
 * emči, ээж eǰi).
 */
function finalVowel(c: string, masculine: boolean): string[] {
  if (c === 'с' || c === 'д' || c === 'в') return [masculine ? 'u' : 'ue'];
  if (c === 'т') return [masculine ? 'a' : 'e'];
  if (c === 'х') return masculine ? ['mvs', 'a'] : ['e'];
  if (c === 'ч' || c === 'ж') return ['i'];
  return [];
}

/** One Cyrillic word to traditional aliases: long vowels as V g V, нг as ng g, ш before и as s. */
function wordToTraditional(word: string): string[] {
  const w = word.toLowerCase();
  const masculine = /[аоуяёю]/.test(w);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const pair = w.slice(i, i + 2);
    if (LONG_BACK[pair] && i > 0) {
      // A final long аа/оо is V g + the detached -a (ямаа yamaγ-a, бороо boroγ-a).
      const final = i + 2 === w.length && (pair === 'аа' || pair === 'оо');
      out.push(...(final ? [...LONG_BACK[pair]!.slice(0, 2), 'mvs', 'a'] : LONG_BACK[pair]!));
      i++;
      continue;
    }
    if (i > 0 && i + 2 === w.length && c === 'г' && (w[i + 1] === 'а' || w[i + 1] === 'о')) {
      out.push('g', 'mvs', 'a'); // a final -га after a consonant or short vowel: бага baγ-a, хаалга qaγalγ-a
      break;
    }
    if (c === 'ө' && i > 0 && w.slice(0, i).includes('ө')) {
      out.push('e'); // a later ө of a ö-word is written e (хөдөө ködege, мөрөн mören)
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
    if (pair === 'иа' && i > 0) {
      out.push('i', 'y', 'a'); // тариачин tariyačin
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
    if (c === 'й' && i > 1 && i < w.length - 1 && 'аоуэөүи'.includes(w[i - 1]!)) {
      out.push('y', 'i'); // a medial diphthong is written a-y-i (сайн sayin)
      continue;
    }
    out.push(...(CYR[c] ?? []));
  }
  if (w.length > 1 && out.at(-1) !== 'a') out.push(...finalVowel(w[w.length - 1]!, masculine));
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
