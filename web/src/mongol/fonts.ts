// The app's own Mongolian font (Noto Sans Mongolian 3.x, UTN #57), never the reader's system font.
// Two subsets: `latin` (digits, Latin letters) and `mongolian`. These two CSS files declare their
// faces without unicode-range; the face declared last is tried first, so the Mongolian subset,
// which also carries the space, NNBSP and MVS, shapes a whole Mongolian phrase from one font file
// (a space taken from another font breaks Chromium's joining forms around it). Characters it lacks,
// such as digits in a code, fall back to the latin subset.
import '@fontsource/noto-sans-mongolian/latin-400.css';
import '@fontsource/noto-sans-mongolian/mongolian-400.css';

export const MONGOLIAN_FONT_FAMILY = 'Noto Sans Mongolian';
