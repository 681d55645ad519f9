import { describe, expect, it } from 'vitest';
import { writtenUnits } from './written-units.js';
import { loadSuite } from '../test-data/suites.js';

// The reference implementation marks these EAC cases as expected failures: the UTN model
// disagrees with the EAC expectation (NNBSP features disabled, FVS blocking the MVS step).
const DISPUTED = new Set(['XIM11-39', 'XIM11-40', 'XIM11-41', 'XIM11-46', 'XIM11-1012']);
const FLOOR: Record<string, number> = { 'core-hud': 1, 'eac-hud': 3507 / 3512 };

describe.each(['core-hud', 'eac-hud'])('conformance %s', (suite) => {
  const cases = loadSuite(suite);
  const failures = cases.filter(([, text, expected]) => writtenUnits(text).join(' ') !== expected);
  const rate = (cases.length - failures.length) / cases.length;

  it(`passes at least the measured rate (${suite})`, () => {
    console.log(`${suite}: ${cases.length - failures.length}/${cases.length} = ${(rate * 100).toFixed(2)} %`);
    expect(rate).toBeGreaterThanOrEqual(FLOOR[suite]!);
  });

  it('fails only the cases the UTN model disputes', () => {
    expect(failures.map(([id]) => id).filter((id) => !DISPUTED.has(id))).toEqual([]);
  });
});
