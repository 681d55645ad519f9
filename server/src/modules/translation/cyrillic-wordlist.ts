/**
 * Word pairs (traditional spelling as UTN #57 letter aliases; Cyrillic) for measuring the converter in
 * cyrillic.ts. No list with both scripts ships in /work/shared/data/mongol (it holds the script's shaping
 * data only), so these were written by hand from general knowledge of Mongolian (everyday and
 * science-popularisation vocabulary), not taken from a dictionary file; a native checker should review
 * them.
 *
 * DEV: words in view while the rules were written (their rate is optimistic): the first list, and the
 * 47 words that were the held-out list until 2026-11-28 (their misses were studied when the rules were
 * improved, so they are development words now).
 * HELD_OUT: 184 words written on 2026-11-28 before that round of rule changes, measured once before and
 * once after, and never used to change the rules or the exception list; the rate reported for the
 * converter is the one on this list.
 */
export const DEV: [string, string][] = [
  ['m o ng g o l', 'монгол'], ['h a b u r', 'хавар'], ['u s u', 'ус'], ['n o m mvs a', 'ном'], ['m o r i', 'морь'],
  ['a g u l a', 'уул'], ['d a g u', 'дуу'], ['g e r', 'гэр'], ['a b u', 'аав'], ['e j i', 'ээж'],
  ['s a r mvs a', 'сар'], ['n a r a', 'нар'], ['g a j a r', 'газар'], ['m a l', 'мал'], ['m a l ch i n', 'малчин'],
  ['s u r g a g u l i', 'сургууль'], ['b a g s i', 'багш'], ['a j i l', 'ажил'], ['h o t a', 'хот'],
  ['ch a g', 'цаг'], ['j a m', 'зам'], ['j i l', 'жил'], ['u h a g a n', 'ухаан'], ['n a g u r', 'нуур'],
  ['m o d u', 'мод'], ['o i', 'ой'], ['s a l h i', 'салхи'], ['h o n i', 'хонь'], ['t e m e g e', 'тэмээ'],
  ['a d u g u', 'адуу'], ['ue h e r', 'үхэр'], ['y a m a g mvs a', 'ямаа'], ['ch a i', 'цай'],
  ['t a l h mvs a', 'талх'], ['e m ch i', 'эмч'], ['e m', 'эм'], ['s i r e g e', 'ширээ'], ['s a n d a l', 'сандал'],
  ['ch o ng h o', 'цонх'], ['b o r o g mvs a', 'бороо'], ['ch a s u', 'цас'], ['g a l', 'гал'], ['h e l e', 'хэл'],
  ['b i ch i g', 'бичиг'], ['g a r', 'гар'], ['h oe l', 'хөл'], ['a m', 'ам'], ['a h mvs a', 'ах'],
  ['d e g ue', 'дүү'], ['s ue m mvs e', 'сүм'], ['h oe d e g e', 'хөдөө'], ['j u n', 'зун'], ['n a m u r', 'намар'],
  ['o r o i', 'орой'], ['t o g mvs a', 'тоо'], ['e r d e m', 'эрдэм'], ['t oe r oe', 'төр'], ['s a y i n', 'сайн'],
  ['t o l o g a i', 'толгой'], ['s oe n i', 'шөнө'], ['g o o l', 'гол'], ['h a g a l g mvs a', 'хаалга'],
  ['ue g e', 'үг'], ['t a r i y a ch i n', 'тариачин'],
 // Held out until 2026-11-28.
  ['a l t a n', 'алтан'], ['m oe ng g ue', 'мөнгө'], ['t e m ue r', 'төмөр'], ['s u r u g ch i', 'сурагч'],
  ['h ue ch ue', 'хүч'], ['e g ue d e', 'үүд'], ['h o l a', 'хол'], ['o y i r mvs a', 'ойр'], ['y e h e', 'их'],
  ['b a g mvs a', 'бага'], ['s a y i h a n', 'сайхан'], ['h a r mvs a', 'хар'], ['ch a g a n', 'цагаан'],
  ['u l a g a n', 'улаан'], ['h oe h e', 'хөх'], ['n o g u g a n', 'ногоон'], ['s i r mvs a', 'шар'],
  ['e r d e m t e n', 'эрдэмтэн'], ['s u r g a l t a', 'сургалт'], ['h oe g j i l', 'хөгжил'],
  ['a m i d u r a l', 'амьдрал'], ['t a r i y a l a ng', 'тариалан'], ['ue n d ue s ue t e n', 'үндэстэн'],
  ['j a s a g', 'засаг'], ['h u r a l', 'хурал'], ['h o r i y mvs a', 'хороо'], ['s u m u', 'сум'],
  ['a i m a g', 'аймаг'], ['g a ch a g mvs a', 'гацаа'], ['n u t u g', 'нутаг'], ['e b e s ue', 'өвс'],
  ['b a y a r', 'баяр'], ['n a y i j a', 'найз'], ['s o n i n', 'сонин'], ['h e b l e l', 'хэвлэл'],
  ['t e r g e', 'тэрэг'], ['m a s i n', 'машин'], ['e m e g t e i', 'эмэгтэй'], ['e r e g t e i', 'эрэгтэй'],
  ['h a g a n', 'хаан'], ['b a g a t u r', 'баатар'], ['d a l a i', 'далай'], ['m oe r e n', 'мөрөн'],
  ['g o b i', 'говь'], ['t a l mvs a', 'тал'], ['ue s ue g', 'үсэг'], ['n a s u', 'нас'],
];

export const HELD_OUT: [string, string][] = [
  ['a g a r', 'агаар'], ['g e r e l', 'гэрэл'], ['d u l a g a n', 'дулаан'], ['h ue i t e n', 'хүйтэн'],
  ['o d u', 'од'], ['h oe r oe ng g e', 'хөрөнгө'], ['ch i h i', 'чих'], ['h a m a r', 'хамар'],
  ['n i g u r', 'нүүр'], ['b e y e', 'бие'], ['ch i s u', 'цус'], ['y a s u', 'яс'], ['o y u n', 'оюун'],
  ['e r ue ue l', 'эрүүл'], ['e m n e l g e', 'эмнэлэг'], ['e b e ch i n', 'өвчин'], ['d e l e h e i', 'дэлхий'],
  ['u l i r a l', 'улирал'], ['g a r a g', 'гараг'], ['h e m j i y e', 'хэмжээ'], ['h u r d u n', 'хурдан'],
  ['u d a g a n', 'удаан'], ['ch a h i l g a n', 'цахилгаан'], ['n oe h oe r', 'нөхөр'], ['e h e', 'эх'],
  ['e ch i g e', 'эцэг'], ['h ue ue', 'хүү'], ['oe h i n', 'охин'], ['a y i l', 'айл'], ['a ng g i', 'анги'],
  ['d e b t e r', 'дэвтэр'], ['b i ch i h ue', 'бичих'], ['u ng s i h u', 'унших'], ['s u r u h u', 'сурах'],
  ['m e d e h ue', 'мэдэх'], ['h e l e h ue', 'хэлэх'], ['y a b u h u', 'явах'], ['i r e h ue', 'ирэх'],
  ['o r o h u', 'орох'], ['g a r h u', 'гарах'], ['i d e h ue', 'идэх'], ['u g u h u', 'уух'],
  ['u n t a h u', 'унтах'], ['b o s h u', 'босох'], ['a j i l l a h u', 'ажиллах'], ['h i h ue', 'хийх'],
  ['ue j e h ue', 'үзэх'], ['s o n o s h u', 'сонсох'], ['a s a g u h u', 'асуух'], ['s i n e', 'шинэ'],
  ['h a g u ch i n', 'хуучин'], ['oe n d ue r', 'өндөр'], ['b o g o n i', 'богино'], ['u r t u', 'урт'],
  ['h o g o s u n', 'хоосон'], ['d ue g ue r e ng', 'дүүрэн'], ['a m u r', 'амар'], ['ch e b e r', 'цэвэр'],
  ['h a l a g u n', 'халуун'], ['s e r i g ue n', 'сэрүүн'], ['h ue n d ue', 'хүнд'], ['h oe ng g e n', 'хөнгөн'],
  ['o l a n', 'олон'], ['g a n ch a', 'ганц'], ['b ue h ue', 'бүх'], ['j a l a g u', 'залуу'],
  ['h oe g s i n', 'хөгшин'], ['a l i', 'аль'], ['y a g u', 'юу'], ['h e n', 'хэн'], ['h e d ue n', 'хэдэн'],
  ['e n d e', 'энд'], ['t e n d e', 'тэнд'], ['o d o', 'одоо'], ['m a r g a s i', 'маргааш'],
  ['oe ch ue g e d ue r', 'өчигдөр'], ['e r t e', 'эрт'], ['ue d e', 'үд'], ['d o t o r mvs a', 'дотор'],
  ['g a d a n mvs a', 'гадна'], ['d e g e r e', 'дээр'], ['d o o r mvs a', 'доор'], ['j a g u', 'зуу'],
  ['m i ng g mvs a', 'мянга'], ['t ue m e n', 'түм'], ['g u ch i n', 'гучин'], ['d oe ch i n', 'дөчин'],
  ['t a b i n', 'тавин'], ['j i r a n', 'жаран'], ['b o d i s', 'бодис'], ['s i n j i l g e', 'шинжилгээ'],
  ['a r g mvs a', 'арга'], ['ch a g a s u', 'цаас'], ['u t a s u', 'утас'], ['m e d e g e', 'мэдээ'],
  ['m e d e g e l e l', 'мэдээлэл'], ['s ue l j i y e', 'сүлжээ'], ['j i r u g', 'зураг'],
  ['h o g o l mvs a', 'хоол'], ['s ue n', 'сүү'], ['ch i h e r', 'чихэр'], ['d a b u s u', 'давс'],
  ['j i m i s', 'жимс'], ['n o g o g mvs a', 'ногоо'], ['b u d a g mvs a', 'будаа'], ['g u r i l', 'гурил'],
  ['d e g e l', 'дээл'], ['g u t u l', 'гутал'], ['m a l a g a i', 'малгай'], ['b a y i s i ng', 'байшин'],
  ['e r d e n i', 'эрдэнэ'], ['b a y a n', 'баян'], ['y a d a g u', 'ядуу'], ['h oe d e l m ue r i', 'хөдөлмөр'],
  ['a j i l ch i n', 'ажилчин'], ['ue i l ch i l g e', 'үйлчилгээ'], ['d e l g e g ue r', 'дэлгүүр'],
  ['h u d a l d u g mvs a', 'худалдаа'], ['ue n mvs e', 'үнэ'], ['g u d a m j i', 'гудамж'], ['h e g ue r', 'гүүр'],
  ['o ng g o ch a', 'онгоц'], ['n i s h ue', 'нисэх'], ['j o r i g', 'зориг'], ['s e d h i l', 'сэтгэл'],
  ['e ng h e', 'энх'], ['a m u g u l a ng', 'амгалан'], ['e r h e', 'эрх'], ['h a g u l i', 'хууль'],
  ['b o d o l g mvs a', 'бодлого'], ['n i y i g e m', 'нийгэм'], ['o r u n', 'орон'], ['b u l u ng', 'булан'],
  ['ch e ch e g', 'цэцэг'], ['n a b ch i', 'навч'], ['ue n d ue s ue', 'үндэс'], ['ue r e', 'үр'],
  ['h o r o h a i', 'хорхой'], ['j i g a s u', 'загас'], ['s i b a g u', 'шувуу'], ['n o h a i', 'нохой'],
  ['m i g u i', 'муур'], ['ch i n o mvs a', 'чоно'], ['b a r s', 'бар'], ['h u r g mvs a', 'хурга'],
  ['u n a g mvs a', 'унага'], ['b u g u', 'буга'], ['t a r i y mvs a', 'тариа'], ['e l e s ue', 'элс'],
  ['s i r o i', 'шороо'], ['m oe s ue', 'мөс'], ['a g u r', 'уур'], ['oe ng g e', 'өнгө'], ['ch i d a l', 'чадал'],
  ['e r ch i m', 'эрчим'], ['d ue r i m', 'дүрэм'], ['h a m t u', 'хамт'], ['b u s u', 'бус'], ['ue g e i', 'үгүй'],
  ['t i y i m', 'тийм'], ['e j e n', 'эзэн'], ['e b ue g e n', 'өвгөн'], ['e m e g e', 'эмээ'],
  ['n e r mvs e', 'нэр'], ['o b o g', 'овог'], ['u r a n', 'уран'], ['b ue j i g', 'бүжиг'], ['j ue i l', 'зүйл'],
  ['a s a g u d a l', 'асуудал'], ['h a r i g u l t a', 'хариулт'], ['h ue r i y e l e n', 'хүрээлэн'],
  ['h e r e g', 'хэрэг'], ['h e r e g l e g e', 'хэрэглээ'], ['t o h i r g mvs a', 'тохиргоо'],
  ['g a r ch i g', 'гарчиг'], ['h a g u d a s u', 'хуудас'], ['j ue g', 'зүг'], ['h o y i t u', 'хойд'],
  ['e m ue n e', 'өмнө'], ['b a r a g u n', 'баруун'], ['j e g ue n', 'зүүн'], ['d u m d a', 'дунд'],
  ['h o n o g', 'хоног'], ['e h i l e h ue', 'эхлэх'],
];
