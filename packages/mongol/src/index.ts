/**
 * @gerel/mongol — Traditional Mongolian (Hudum) text: UTN #57 shaping model, shape keys,
 * normalisation, Menksoft and Latin conversion, input, search tokens. No runtime dependencies.
 */
export { writtenUnits } from './written-units.js';
export { shapeKey } from './shape-key.js';
export { normalize } from './normalize.js';
export { toMenksoft, fromMenksoft, isConvertibleMenksoft } from './menksoft.js';
export { toLatin, fromLatin, type LatinOptions } from './latin.js';
export { detectEncoding, type Encoding } from './detect.js';
export { imeKeymap, keyboardRows, applyKeys, type ImeState, type KeyCap } from './ime.js';
export { tokenize } from './tokenize.js';

/** The Unicode Mongolian block. */
export const SCRIPT_RANGE = { first: 0x1800, last: 0x18af } as const;
