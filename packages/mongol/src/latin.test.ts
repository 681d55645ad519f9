import { describe, expect, it } from 'vitest';
import { fromLatin, toLatin } from './latin.js';
import { fromAliases, suiteWords } from '../test-data/suites.js';

describe('Latin transliteration', () => {
  it('writes the UTN aliases joined by hyphens', () => {
    expect(toLatin(`${fromAliases('m o ng g o l')} ${fromAliases('h e l e')}`)).toBe('m-o-ng-g-o-l h-e-l-e');
  });
  it('round-trips every suite word exactly', () => {
    for (const w of suiteWords()) expect(fromLatin(toLatin(w))).toBe(w);
  });
  it('writes a readable display scheme with harmony for q/γ and k/g', () => {
    expect(toLatin(fromAliases('m o ng g o l'), { scheme: 'display' })).toBe('moŋγol');
    expect(toLatin(fromAliases('h e l e'), { scheme: 'display' })).toBe('kele');
  });
  it('leaves text that is not the alias scheme alone', () => {
    expect(fromLatin('hello world')).toBe('hello world');
  });
});
