import { describe, expect, it } from 'vitest';
import { foldChinese, pinyinOf, segment, segmentForSearch } from './chinese.js';

describe('segment', () => {
  it('keeps the science terms of the user dictionary whole', () => {
    const words = segment('中国科学技术协会的科普e站和农牧民信息员建言献策，院士专家工作站');
    for (const term of ['科学技术协会', '科普e站', '农牧民', '信息员', '建言献策', '院士专家工作站']) expect(words).toContain(term);
  });
  it('covers the text exactly', () => {
    const text = '内蒙古 Science 2024年 科普！';
    expect(segment(text).join('')).toBe(text);
  });
  it('gives the parts of a compound in search mode', () => {
    expect(segmentForSearch('科学技术协会')).toEqual(expect.arrayContaining(['科学', '技术', '协会', '科学技术协会']));
  });
});

describe('foldChinese', () => {
  it('folds traditional to simplified and leaves other text alone', () => {
    expect(foldChinese('科學技術協會')).toBe('科学技术协会');
    expect(foldChinese('資訊 軟體 發展')).toBe('资讯 软体 发展');
    expect(foldChinese('科学技术 hello ᠮᠣᠩᠭᠣᠯ')).toBe('科学技术 hello ᠮᠣᠩᠭᠣᠯ');
  });
});

describe('pinyinOf', () => {
  it('gives the initials and the full pinyin of a word', () => {
    expect(pinyinOf('科普')).toEqual({ initials: 'kp', full: 'kepu' });
    expect(pinyinOf('绿色')).toEqual({ initials: 'ls', full: 'lvse' });
  });
  it('has nothing for a single character or a non-Chinese word', () => {
    expect(pinyinOf('站')).toBeNull();
    expect(pinyinOf('hello')).toBeNull();
  });
});
