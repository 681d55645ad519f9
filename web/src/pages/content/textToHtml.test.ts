import { describe, expect, it } from 'vitest';
import { textToHtml } from './textToHtml';

describe('textToHtml', () => {
  it('makes one paragraph per line and escapes markup', () => {
    expect(textToHtml('ᠮᠣᠩᠭᠣᠯ <b>\r\n蒙古 & co')).toBe('<p>ᠮᠣᠩᠭᠣᠯ &lt;b&gt;</p><p>蒙古 &amp; co</p>');
  });
});
