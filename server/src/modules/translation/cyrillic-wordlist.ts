/**
 * Word pairs (traditional spelling as UTN #57 letter aliases; Cyrillic) for measuring the converter in
 * cyrillic.ts. No list with both scripts ships in /work/shared/data/mongol, so these were written by
 * hand from general knowledge of Mongolian (everyday and science-popularisation vocabulary), not taken
 * from a dictionary file; a native checker should review them.
 *
 * DEV: words that were in view while the rules were written (their rate is optimistic).
 * HELD_OUT: written after the rules and the exception list were fixed and never used to change them;
 * the rate reported for the converter is the one on this list.
 */
export const DEV: [string, string][] = [
  ['m o ng g o l', 'монгол'], ['h a b u r', 'хавар'], ['u s u', 'ус'], ['n o m mvs a', 'ном'], ['m o r i', 'морь'],
  ['a g u l a', 'уул'], ['d a g u', 'дуу'], ['g e r', 'гэр'], ['a b u', 'аав'], ['e j i', 'ээж'], ['s a r mvs a', 'сар'],
  ['n a r a', 'нар'], ['g a j a r', 'газар'], ['m a l', 'мал'], ['m a l ch i n', 'малчин'], ['s u r g a g u l i', 'сургууль'],
  ['b a g s i', 'багш'], ['a j i l', 'ажил'], ['h o t a', 'хот'], ['ch a g', 'цаг'], ['j a m', 'зам'], ['j i l', 'жил'],
  ['u h a g a n', 'ухаан'], ['n a g u r', 'нуур'], ['m o d u', 'мод'], ['o i', 'ой'], ['s a l h i', 'салхи'], ['h o n i', 'хонь'],
  ['t e m e g e', 'тэмээ'], ['a d u g u', 'адуу'], ['ue h e r', 'үхэр'], ['y a m a g mvs a', 'ямаа'], ['ch a i', 'цай'],
  ['t a l h mvs a', 'талх'], ['e m ch i', 'эмч'], ['e m', 'эм'], ['s i r e g e', 'ширээ'], ['s a n d a l', 'сандал'],
  ['ch o ng h o', 'цонх'], ['b o r o g mvs a', 'бороо'], ['ch a s u', 'цас'], ['g a l', 'гал'], ['h e l e', 'хэл'],
  ['b i ch i g', 'бичиг'], ['g a r', 'гар'], ['h oe l', 'хөл'], ['a m', 'ам'], ['a h mvs a', 'ах'], ['d e g ue', 'дүү'],
  ['s ue m mvs e', 'сүм'], ['h oe d e g e', 'хөдөө'], ['j u n', 'зун'], ['n a m u r', 'намар'], ['o r o i', 'орой'],
  ['t o g mvs a', 'тоо'], ['e r d e m', 'эрдэм'], ['t oe r oe', 'төр'], ['s a y i n', 'сайн'], ['t o l o g a i', 'толгой'],
  ['s oe n i', 'шөнө'], ['g o o l', 'гол'], ['h a g a l g mvs a', 'хаалга'], ['ue g e', 'үг'], ['t a r i y a ch i n', 'тариачин'],
];

export const HELD_OUT: [string, string][] = [
  ['a l t a n', 'алтан'], ['m oe ng g ue', 'мөнгө'], ['t e m ue r', 'төмөр'], ['s u r u g ch i', 'сурагч'], ['h ue ch ue', 'хүч'],
  ['e g ue d e', 'үүд'], ['h o l a', 'хол'], ['o y i r mvs a', 'ойр'], ['y e h e', 'их'], ['b a g mvs a', 'бага'],
  ['s a y i h a n', 'сайхан'], ['h a r mvs a', 'хар'], ['ch a g a n', 'цагаан'], ['u l a g a n', 'улаан'], ['h oe h e', 'хөх'],
  ['n o g u g a n', 'ногоон'], ['s i r mvs a', 'шар'], ['e r d e m t e n', 'эрдэмтэн'], ['s u r g a l t a', 'сургалт'],
  ['h oe g j i l', 'хөгжил'], ['a m i d u r a l', 'амьдрал'], ['t a r i y a l a ng', 'тариалан'], ['ue n d ue s ue t e n', 'үндэстэн'],
  ['j a s a g', 'засаг'], ['h u r a l', 'хурал'], ['h o r i y mvs a', 'хороо'], ['s u m u', 'сум'], ['a i m a g', 'аймаг'],
  ['g a ch a g mvs a', 'гацаа'], ['n u t u g', 'нутаг'], ['e b e s ue', 'өвс'], ['b a y a r', 'баяр'], ['n a y i j a', 'найз'],
  ['s o n i n', 'сонин'], ['h e b l e l', 'хэвлэл'], ['t e r g e', 'тэрэг'], ['m a s i n', 'машин'], ['e m e g t e i', 'эмэгтэй'],
  ['e r e g t e i', 'эрэгтэй'], ['h a g a n', 'хаан'], ['b a g a t u r', 'баатар'], ['d a l a i', 'далай'], ['m oe r e n', 'мөрөн'],
  ['g o b i', 'говь'], ['t a l mvs a', 'тал'], ['ue s ue g', 'үсэг'], ['n a s u', 'нас'],
];
