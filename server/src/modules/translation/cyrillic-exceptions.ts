import { fromLatin, shapeKey } from '@gerel/mongol';

/**
 * Words whose traditional and Cyrillic spellings the rules in cyrillic.ts cannot derive from each
 * other (historical spellings: ᠬᠦᠮᠦᠨ kümün → хүн, ᠲᠩᠷᠢ tngri → тэнгэр). Written from general
 * knowledge of the language as traditional letter aliases (UTN #57) and Cyrillic. The words used to
 * measure accuracy (cyrillic-wordlist.ts) are kept out of this list.
 */
const PAIRS: [string, string][] = [
  ['h ue m ue n', 'хүн'],
  ['t ng r i', 'тэнгэр'],
  ['e d ue r', 'өдөр'],
  ['u l u s', 'улс'],
  ['k2 e ue k2 e d', 'хүүхэд'],
  ['h e ue h e d', 'хүүхэд'],
  ['n i g e', 'нэг'],
  ['h o y a r', 'хоёр'],
  ['g u r b a', 'гурав'],
  ['d ue r b e', 'дөрөв'],
  ['t a b u', 'тав'],
  ['j i r g u g a', 'зургаа'],
  ['d o l o g a', 'долоо'],
  ['n a y i m a', 'найм'],
  ['y i s ue', 'ес'],
  ['a r b a', 'арав'],
  ['m i h mvs a', 'мах'],
  ['s i d ue', 'шүд'],
  ['n i d ue', 'нүд'],
  ['j i r ue h e', 'зүрх'],
  ['e g e ch i', 'эгч'],
  ['e b ue l', 'өвөл'],
  ['ch i l a g u', 'чулуу'],
  ['b i', 'би'],
  ['ch i', 'чи'],
  ['b i d e', 'бид'],
  ['t e r e', 'тэр'],
  ['e n e', 'энэ'],
  ['t e d e', 'тэд'],
  ['b o l', 'бол'],
  ['b a y i n mvs a', 'байна'],
  ['b a y i g u l u g a', 'байгууллага'],
  ['s i n j i l e h ue', 'шинжлэх'],
  ['m e d e l g e', 'мэдлэг'],
  ['ue y i l e d b ue r i', 'үйлдвэр'],
];

const toWord = (aliases: string) => fromLatin(aliases.trim().split(/\s+/).join('-'));

export const CYRILLIC_EXCEPTIONS = {
  /** Shape key of the traditional spelling → Cyrillic. */
  byKey: new Map(PAIRS.map(([t, c]) => [shapeKey(toWord(t)), c])),
  /** Cyrillic → traditional (the first listed spelling wins). */
  byCyrillic: new Map([...PAIRS].reverse().map(([t, c]) => [c, toWord(t)])),
};
