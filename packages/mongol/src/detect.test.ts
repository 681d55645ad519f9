import { describe, expect, it } from 'vitest';
import { detectEncoding } from './detect.js';

describe('detectEncoding', () => {
  it('recognises each encoding', () => {
    expect(detectEncoding('\u182E\u1823')).toBe('unicode');
    expect(detectEncoding('\uE2F2\uE28B')).toBe('menksoft');
    expect(detectEncoding('\u182E\uE28B')).toBe('mixed');
    expect(detectEncoding('plain text')).toBe('none');
  });
});
