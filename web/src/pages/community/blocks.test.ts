import { describe, expect, it } from 'vitest';
import { scriptBlocks } from './blocks';

describe('scriptBlocks', () => {
  it('keeps Mongolian and Chinese paragraphs apart, in order, so each is set in its own direction', () => {
    expect(scriptBlocks('ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ\nᠰᠤᠷᠭᠠᠯᠲᠠ\n\n牧区兽医培训\n欢迎报名\nᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ')).toEqual([
      { mongolian: true, text: 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ\nᠰᠤᠷᠭᠠᠯᠲᠠ' },
      { mongolian: false, text: '牧区兽医培训\n欢迎报名' },
      { mongolian: true, text: 'ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ' },
    ]);
  });

  it('keeps a line mixing both scripts vertical, and drops nothing but blank lines', () => {
    expect(scriptBlocks('同意 ᠰᠠᠶᠢᠨ')).toEqual([{ mongolian: true, text: '同意 ᠰᠠᠶᠢᠨ' }]);
    expect(scriptBlocks('\n\n只有中文\n\n')).toEqual([{ mongolian: false, text: '只有中文' }]);
  });
});
