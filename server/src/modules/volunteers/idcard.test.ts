import { describe, expect, it } from 'vitest';
import { ageOn, checkChar, maskIdNumber, parseIdNumber } from './idcard.js';

describe('PRC resident ID numbers (GB 11643-1999)', () => {
  it('accepts the standard’s example and reads its birth date and gender', () => {
    expect(checkChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002x')).toEqual({ ok: true, id: { value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' } });
    expect(parseIdNumber(' 152104 19900101 1235 ')).toMatchObject({ ok: true, id: { value: '152104199001011235', gender: 'male' } });
  });

  it('names what is wrong: shape, region, birth date, check character', () => {
    expect(parseIdNumber('15210419900101123')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('1521041990010112AB')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('952104199001011230')).toEqual({ ok: false, problem: 'region' });
    expect(parseIdNumber('152104199002301234')).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber(`15210430000101123${checkChar('15210430000101123')}`, new Date('2026-12-01'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber('152104199001011234')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('masks to region and last four, hiding the birth date', () => {
    expect(maskIdNumber('152104199001011234')).toBe('152104********1234');
  });

  it('counts full years of age', () => {
    const today = new Date('2026-12-01T00:00:00Z');
    expect(ageOn('2012-12-01', today)).toBe(14);
    expect(ageOn('2012-12-02', today)).toBe(13);
  });
});
