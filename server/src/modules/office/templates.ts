import type { DocKind } from './tables.js';

/** Starting points for notices and letters; the drafter replaces the bracketed parts. */
export const TEMPLATES: Record<DocKind, { titleZh: string; titleMn: string; bodyZh: string; bodyMn: string; prefix: string }> = {
  notice: {
    titleZh: '关于〔事项〕的通知',
    titleMn: 'ᠮᠡᠳᠡᠭᠳᠡᠯ',
    bodyZh: '为〔目的〕，经研究，决定〔事项〕。现将有关事项通知如下：\n\n一、〔时间地点〕\n\n二、〔参加人员〕\n\n三、〔有关要求〕\n\n特此通知。',
    bodyMn: 'ᠮᠡᠳᠡᠭᠳᠡᠯ',
    prefix: '科协发',
  },
  letter: {
    titleZh: '关于〔事项〕的函',
    titleMn: 'ᠪᠢᠴᠢᠭ',
    bodyZh: '〔来函单位〕：\n\n〔正文〕\n\n特此函告。',
    bodyMn: 'ᠪᠢᠴᠢᠭ',
    prefix: '科协函',
  },
};
