import { imeKeymap } from '@gerel/mongol';
import { describe, expect, it } from 'vitest';
import { keyboardLayout } from './keyboardLayout';

describe('keyboardLayout', () => {
  const caps = keyboardLayout()
    .flat()
    .flatMap((p) => (p.shifted ? [p.base, p.shifted] : [p.base]));

  it('offers every key of the GB/T 28038 keymap exactly once, typing what the keymap types', () => {
    expect(caps.map((c) => c.key).sort()).toEqual(Object.keys(imeKeymap).sort());
    for (const cap of caps) expect(cap.insert, cap.key).toBe(imeKeymap[cap.key]);
  });

  it('puts capitals and the second FVS on the Shift layer of their letter', () => {
    const positions = keyboardLayout().flat();
    expect(positions.find((p) => p.base.key === 'n')?.shifted?.key).toBe('N');
    expect(positions.find((p) => p.base.key === "'")?.shifted?.key).toBe('"');
    for (const p of positions) expect(p.base.shift).toBe(false);
  });

  it('labels the invisible characters by name', () => {
    const label = (key: string) => caps.find((c) => c.key === key)?.label;
    expect([label("'"), label('"'), label('`'), label('_'), label('-'), label('*')]).toEqual([
      'FVS1',
      'FVS2',
      'FVS3',
      'MVS',
      'NNBSP',
      'ZWJ',
    ]);
  });
});
