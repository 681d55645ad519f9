import { describe, expect, it } from 'vitest';
import { fromLatin, toMenksoft } from '@gerel/mongol';
import { highlight } from './highlight.js';

const mongol = fromLatin('m-o-ng-g-o-l');
const mongolU = fromLatin('m-u-ng-g-u-l');

describe('highlight', () => {
  it('marks matches and escapes everything else', () => {
    expect(highlight('内蒙古<科普>工作 & "more"', '科普')).toBe('内蒙古&lt;<mark>科普</mark>&gt;工作 &amp; &quot;more&quot;');
  });
  it('never lets markup of the text through', () => {
    const html = highlight('<script>alert(1)</script> 科普', '科普 script');
    expect(html).not.toContain('<script');
    expect(html).toContain('<mark>科普</mark>');
  });
  it('marks simplified text for a traditional query and the other way round', () => {
    expect(highlight('中国科学技术协会', '科學技術協會')).toBe('中国<mark>科学技术协会</mark>');
    expect(highlight('內蒙古科學技術協會', '科学技术协会')).toBe('內蒙古<mark>科學技術協會</mark>');
  });
  it('marks a Chinese word found by pinyin', () => {
    expect(highlight('开展科普活动', 'kp')).toBe('开展<mark>科普</mark>活动');
  });
  it('marks the Mongolian word as spelled in the text, whatever spelling the query used', () => {
    const text = `${mongolU} ${fromLatin('k-e-l-e')}`;
    const expected = `<mark>${mongolU}</mark> ${fromLatin('k-e-l-e')}`;
    expect(highlight(text, mongol)).toBe(expected);
    expect(highlight(text, toMenksoft(mongol))).toBe(expected);
    expect(highlight(text, 'm-o-ng-g-o-l')).toBe(expected);
  });
  it('marks a suffixed Mongolian word found by its stem', () => {
    const word = fromLatin('m-o-r-i-n-nnbsp-d-a');
    expect(highlight(`x ${word} y`, fromLatin('m-o-r-i-n'))).toBe(`x <mark>${word}</mark> y`);
  });
  it('marks Latin words case-insensitively', () => {
    expect(highlight('Hello World', 'hello')).toBe('<mark>Hello</mark> World');
  });
  it('cuts a long text around the match with ellipses', () => {
    const text = '甲'.repeat(300) + '科普' + '乙'.repeat(300);
    const html = highlight(text, '科普', { maxLength: 60 });
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>科普</mark>');
    expect(html.replace(/<\/?mark>|…/g, '').length).toBe(60);
  });
  it('prefers the window with the most distinct query words', () => {
    const text = '科普' + '丙'.repeat(200) + '科普和农牧民' + '丁'.repeat(200);
    const html = highlight(text, '科普 农牧民', { maxLength: 40 });
    expect(html).toContain('<mark>农牧民</mark>');
  });
  it('shows the start of the text when nothing matches', () => {
    expect(highlight('abc <b>', 'zzz')).toBe('abc &lt;b&gt;');
  });
});
