/**
 * The GB/T 28038-2011 Traditional Mongolian keyboard layout, as data and as a pure editing
 * function, so that text can be typed in a browser without a Mongolian input method.
 */

/** Key (as KeyboardEvent.key) → text it inserts. */
export const imeKeymap: Readonly<Record<string, string>> = {
  a: '\u1820', e: '\u1821', i: '\u1822', q: '\u1823', v: '\u1824', o: '\u1825', u: '\u1826', E: '\u1827',
  n: '\u1828', N: '\u1829', b: '\u182A', p: '\u182B', h: '\u182C', g: '\u182D', m: '\u182E', l: '\u182F',
  s: '\u1830', x: '\u1831', t: '\u1832', d: '\u1833', c: '\u1834', j: '\u1835', y: '\u1836', r: '\u1837',
  w: '\u1838', f: '\u1839', k: '\u183A', K: '\u183B', C: '\u183C', z: '\u183D', H: '\u183E', R: '\u183F',
  L: '\u1840', Z: '\u1841', Q: '\u1842',
  "'": '\u180B', '"': '\u180C', '`': '\u180D', _: '\u180E', '-': '\u202F', '&': '\u180A', '*': '\u200D',
  ' ': ' ',
};

/** One key of the on-screen keyboard: what to press, what it shows and what it types. */
export interface KeyCap {
  readonly key: string;
  readonly label: string;
  readonly insert: string;
  /** True for keys that need Shift. */
  readonly shift: boolean;
}

const LABELS: Record<string, string> = { "'": 'FVS1', '"': 'FVS2', '`': 'FVS3', _: 'MVS', '-': 'NNBSP', '&': 'ᠠ᠊', '*': 'ZWJ', ' ': 'space' };
const ROWS = ['`', 'qwertyuiop', 'asdfghjkl\'', 'zxcvbnm', ' '];
const SHIFTED: Record<string, string> = { e: 'E', k: 'K', c: 'C', h: 'H', r: 'R', l: 'L', z: 'Z', q: 'Q', n: 'N', "'": '"', '`': '`' };
const EXTRA_ROW = ['-', '_', '&', '*'];

/** Rows of keys (QWERTY order) with labels, for an on-screen keyboard. */
export const keyboardRows: readonly (readonly KeyCap[])[] = [...ROWS.map((row) => [...row]), EXTRA_ROW].map((row) =>
  row.flatMap((key) => {
    const caps: KeyCap[] = [];
    const add = (k: string, shift: boolean): void => {
      const insert = imeKeymap[k];
      if (insert !== undefined) caps.push({ key: k, label: LABELS[k] ?? insert, insert, shift });
    };
    add(key, false);
    const shifted = SHIFTED[key];
    if (shifted && shifted !== key) add(shifted, true);
    return caps;
  }),
);

/** Editing state: the text and the caret (a UTF-16 index). */
export interface ImeState {
  readonly text: string;
  readonly caret: number;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Applies one key press to an editing state and returns the new state (pure). Mapped keys insert
 * their character at the caret; Backspace and Delete remove one character (a surrogate pair as
 * one); ArrowLeft/ArrowRight/Home/End move the caret; Enter inserts a newline; any other single
 * character is inserted as typed; other keys change nothing.
 *
 * @example
 * applyKeys({ text: '', caret: 0 }, 'a') // => { text: '\u1820', caret: 1 }
 * applyKeys({ text: '\u1820', caret: 1 }, 'Backspace') // => { text: '', caret: 0 }
 */
export function applyKeys(state: ImeState, key: string): ImeState {
  const { text } = state;
  const caret = Math.max(0, Math.min(state.caret, text.length));
  const insert = (s: string): ImeState => ({ text: text.slice(0, caret) + s + text.slice(caret), caret: caret + s.length });
  switch (key) {
    case 'Backspace': {
      if (caret === 0) return { text, caret };
      const from = caret >= 2 && isLowSurrogate(text.charCodeAt(caret - 1)) ? caret - 2 : caret - 1;
      return { text: text.slice(0, from) + text.slice(caret), caret: from };
    }
    case 'Delete': {
      if (caret >= text.length) return { text, caret };
      const to = isLowSurrogate(text.charCodeAt(caret + 1)) ? caret + 2 : caret + 1;
      return { text: text.slice(0, caret) + text.slice(to), caret };
    }
    case 'ArrowLeft':
      return { text, caret: caret >= 2 && isLowSurrogate(text.charCodeAt(caret - 1)) ? caret - 2 : Math.max(0, caret - 1) };
    case 'ArrowRight':
      return { text, caret: isLowSurrogate(text.charCodeAt(caret + 1)) ? caret + 2 : Math.min(text.length, caret + 1) };
    case 'Home':
      return { text, caret: 0 };
    case 'End':
      return { text, caret: text.length };
    case 'Enter':
      return insert('\n');
  }
  const mapped = imeKeymap[key];
  if (mapped !== undefined) return insert(mapped);
  if ([...key].length === 1) return insert(key);
  return { text, caret };
}
