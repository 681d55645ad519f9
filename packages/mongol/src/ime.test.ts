import { describe, expect, it } from 'vitest';
import { applyKeys, imeKeymap, keyboardRows } from './ime.js';

const type = (keys: string[]) => keys.reduce(applyKeys, { text: '', caret: 0 });

describe('IME', () => {
  it('types GB/T 28038 keys', () => {
    expect(type(['m', 'q', 'N', 'g', 'q', 'l']).text).toBe('\u182E\u1823\u1829\u182D\u1823\u182F');
    expect(imeKeymap.v).toBe('\u1824');
    expect(imeKeymap['-']).toBe('\u202F');
  });
  it('handles Backspace and caret moves', () => {
    const s = type(['a', 'b', 'ArrowLeft', 'Backspace']);
    expect(s).toEqual({ text: '\u182A', caret: 0 });
    expect(applyKeys({ text: 'x', caret: 0 }, 'Backspace')).toEqual({ text: 'x', caret: 0 });
  });
  it('exports labelled keyboard rows', () => {
    const caps = keyboardRows.flat();
    expect(caps.find((c) => c.key === 'q')?.insert).toBe('\u1823');
    expect(caps.every((c) => c.label.length > 0)).toBe(true);
  });
});
