/**
 * Allocation-light building blocks for the whole-text functions (shapeKey, normalize, Menksoft):
 * a growable UTF-16 output buffer and a hash table that caches a result per word, keyed by the
 * word's code units read straight from the input (no slice, no string hashing per word).
 */

/**
 * The word hash: h = h * 31 + c (as (h << 5) - h + c, int32) over the code units (short dependency chain, so the scanning
 * loops stay fast), mixed once per word by WordCache before it picks a slot.
 */
export const HASH_SEED = 0;

/** Node's Buffer when present (feature-detected, never imported: the library also runs in browsers). */
interface NodeBuffer {
  toString(encoding: 'ucs2'): string;
  write(s: string, offset: number, length: number, encoding: 'ucs2'): number;
}
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset?: number, length?: number): NodeBuffer } }).Buffer;
/** True when strings convert to and from code units natively (Node). */
export const nativeUcs2 = NodeBuffer !== undefined;
const decoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined;

/** A growable UTF-16 output buffer. */
export class Output {
  buf: Uint16Array;
  len = 0;
  /** Set when a surrogate may have been written (the TextDecoder fallback would replace a lone one). */
  surrogates = false;

  constructor(capacity: number) {
    this.buf = new Uint16Array(Math.max(16, capacity));
  }

  reset(): void {
    this.len = 0;
    this.surrogates = false;
  }

  /** Makes room for `more` code units. */
  reserve(more: number): void {
    const need = this.len + more;
    if (need <= this.buf.length) return;
    const grown = new Uint16Array(Math.max(need, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }

  push(c: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = c;
  }

  /** Copies text[start, end), which holds no surrogate. */
  pushPlain(text: string, start: number, end: number): void {
    this.reserve(end - start);
    const buf = this.buf;
    let len = this.len;
    for (let i = start; i < end; i++) buf[len++] = text.charCodeAt(i);
    this.len = len;
  }

  /** Copies text[start, end). */
  pushRange(text: string, start: number, end: number): void {
    this.reserve(end - start);
    const buf = this.buf;
    let len = this.len;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) this.surrogates = true;
      buf[len++] = c;
    }
    this.len = len;
  }

  pushString(s: string): void {
    this.pushRange(s, 0, s.length);
  }

  /** Copies pool[start, start + length) (never surrogates: pools hold computed results). */
  pushPool(pool: Uint16Array, start: number, length: number): void {
    this.reserve(length);
    const buf = this.buf;
    let len = this.len;
    for (let i = start, end = start + length; i < end; i++) buf[len++] = pool[i]!;
    this.len = len;
  }

  toString(): string {
    const { buf, len } = this;
    if (len === 0) return '';
    // Node's UCS-2 decoding is a plain copy (lone surrogates included).
    if (NodeBuffer && len > 64) return NodeBuffer.from(buf.buffer, buf.byteOffset, len * 2).toString('ucs2');
    // TextDecoder copies in one go but turns a lone surrogate into U+FFFD: use it only without surrogates.
    if (decoder && !this.surrogates && len > 64) return decoder.decode(buf.subarray(0, len));
    let out = '';
    for (let i = 0; i < len; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
    return out;
  }
}

/** Output buffers are reused between calls; a buffer bigger than this is dropped after use. */
const KEEP_CAPACITY = 1 << 22;
const spare: Output[] = [];

/** An empty output buffer for one call (give it back with releaseOutput). */
export function takeOutput(capacity: number): Output {
  const out = spare.pop();
  if (!out) return new Output(capacity);
  out.reset();
  return out;
}

export function releaseOutput(out: Output): void {
  if (out.buf.length <= KEEP_CAPACITY && spare.length < 4) spare.push(out);
}

/** Spreads the bits of a word hash (murmur3 finaliser). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Input code-unit buffers, reused like the output buffers. */
const spareInputs: Uint16Array[] = [];

/**
 * The code units of text in a Uint16Array, followed by a 0 sentinel at [text.length] (give it
 * back with releaseInput). In Node the copy is native; elsewhere a charCodeAt loop.
 */
export function takeInput(text: string): Uint16Array {
  const n = text.length;
  let a = spareInputs.pop();
  if (!a || a.length < n + 1) a = new Uint16Array(Math.max(n + 1, a ? Math.min(a.length * 2, KEEP_CAPACITY) : 256));
  if (NodeBuffer && n > 32) NodeBuffer.from(a.buffer, a.byteOffset, a.byteLength).write(text, 0, n * 2, 'ucs2');
  else for (let i = 0; i < n; i++) a[i] = text.charCodeAt(i);
  a[n] = 0;
  return a;
}

export function releaseInput(a: Uint16Array): void {
  if (a.length <= KEEP_CAPACITY && spareInputs.length < 4) spareInputs.push(a);
}

/**
 * Caches one result string per word. Words and results live in two code-unit pools; an
 * open-addressing table maps a word hash to its entry. It starts small and doubles up to its
 * limits; when full at the limit it starts over, so its memory stays bounded (under 8 MB with the
 * defaults).
 */
export class WordCache {
  private mask = 0;
  private slots = new Int32Array(0);
  private hashes = new Int32Array(0);
  private keyStart = new Int32Array(0);
  private keyLength = new Int32Array(0);
  valueStart = new Int32Array(0);
  valueLength = new Int32Array(0);
  private keys = new Uint16Array(0);
  values = new Uint16Array(0);
  private count = 0;
  /** Changes whenever the cache starts over (entry numbers from before are then stale). */
  generation = 0;
  private keyUsed = 0;
  private valueUsed = 0;

  constructor(
    private readonly maxEntries = 1 << 16,
    private readonly maxKeys = 1 << 20,
    private readonly maxValues = 1 << 21,
  ) {
    this.resize(1 << 10, 1 << 14, 1 << 15);
  }

  private resize(entries: number, keyPool: number, valuePool: number): void {
    const grow = <T extends Int32Array | Uint16Array>(old: T, size: number, used: number): T => {
      if (old.length === size) return old;
      const next = (old instanceof Int32Array ? new Int32Array(size) : new Uint16Array(size)) as T;
      next.set(old.subarray(0, used));
      return next;
    };
    this.hashes = grow(this.hashes, entries, this.count);
    this.keyStart = grow(this.keyStart, entries, this.count);
    this.keyLength = grow(this.keyLength, entries, this.count);
    this.valueStart = grow(this.valueStart, entries, this.count);
    this.valueLength = grow(this.valueLength, entries, this.count);
    this.keys = grow(this.keys, keyPool, this.keyUsed);
    this.values = grow(this.values, valuePool, this.valueUsed);
    if (this.slots.length !== entries * 2) {
      this.slots = new Int32Array(entries * 2);
      this.mask = entries * 2 - 1;
      for (let e = 0; e < this.count; e++) this.place(e);
    }
  }

  private place(e: number): void {
    let s = mix(this.hashes[e]!) & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = e + 1;
  }

  /** The entry for src[start, end) with the given hash (h = h * 31 + c | 0 from HASH_SEED), or -1. */
  find(src: Uint16Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const { slots, mask, hashes, keyLength, keyStart, keys } = this;
    for (let s = mix(hash) & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) return -1;
      if (hashes[e] !== hash || keyLength[e] !== length) continue;
      let k = keyStart[e]!;
      let i = start;
      while (i < end && keys[k] === src[i]) { i++; k++; }
      if (i === end) return e;
    }
  }

  /** Stores value for src[start, end) (not yet present) and returns its entry, or -1 when too big to cache. */
  add(src: Uint16Array, start: number, end: number, hash: number, value: string): number {
    const length = end - start;
    if (length > this.maxKeys >> 6 || value.length > this.maxValues >> 6) return -1;
    if (this.count === this.hashes.length || this.keyUsed + length > this.keys.length || this.valueUsed + value.length > this.values.length) {
      const entries = this.hashes.length, keys = this.keys.length, values = this.values.length;
      if (entries < this.maxEntries && keys < this.maxKeys && values < this.maxValues) this.resize(entries * 2, keys * 2, values * 2);
      else { this.clear(); }
    }
    const e = this.count++;
    this.hashes[e] = hash;
    this.keyStart[e] = this.keyUsed;
    this.keyLength[e] = length;
    this.keys.set(src.subarray(start, end), this.keyUsed);
    this.keyUsed += length;
    this.valueStart[e] = this.valueUsed;
    this.valueLength[e] = value.length;
    for (let i = 0; i < value.length; i++) this.values[this.valueUsed++] = value.charCodeAt(i);
    this.place(e);
    return e;
  }

  /** The cached value of an entry as a string. */
  value(e: number): string {
    const start = this.valueStart[e]!;
    return String.fromCharCode.apply(null, this.values.subarray(start, start + this.valueLength[e]!) as unknown as number[]);
  }

  clear(): void {
    this.generation++;
    this.slots.fill(0);
    this.count = 0;
    this.keyUsed = 0;
    this.valueUsed = 0;
  }
}

/**
 * True for a code unit that NFC leaves alone whatever surrounds it inside a stretch of such code
 * units (NFC_Quick_Check=Yes, canonical combining class 0): Latin-1 and the basic blocks below
 * U+0300, CJK ideographs, CJK punctuation and the full-width ASCII forms. A stretch made only of
 * these needs no String.prototype.normalize call.
 */
export function isNfcInert(c: number): boolean {
  return c < 0x300 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3000 && c <= 0x3029) || (c >= 0xff01 && c <= 0xff5e);
}

/**
 * The number of each character that can belong to a Mongolian run (see runs.ts), in 74–255: the
 * Mongolian block U+1800–U+18AF is 80–255, U+200B–U+200D 74–76, U+202F 77, U+2060 78, U+FEFF 79.
 * The numbers are never 0 and fit in a byte, so up to four of them pack exactly into an int32.
 */
export const FIRST_RUN_NUMBER = 74;
export const MONGOLIAN_NUMBER = 80;
export function runNumber(c: number): number {
  if (c >= 0x1800 && c <= 0x18af) return c - 0x1800 + MONGOLIAN_NUMBER;
  if (c >= 0x200b && c <= 0x200d) return c - 0x200b + 74;
  return c === 0x202f ? 77 : c === 0x2060 ? 78 : c === 0xfeff ? 79 : 0;
}

/**
 * Caches one result per short word (1–12 run characters), keyed by the word itself packed into
 * three int32 (a = the last four run numbers, b = the four before, c = the four before those; the
 * numbers are non-zero, so the packing is exact and holds the length too). Open addressing, one
 * 16-byte slot per word: [a, b, c, value length | value start << 8]; the values live in a pool
 * followed by at least 8 spare code units, so a short value can be copied 8 code units at a time
 * without a length check. It starts small and doubles up to its limits; when full at the limit it
 * starts over, so its memory stays bounded (under 3 MB with the defaults).
 */
export class ShortWordTable {
  slots!: Int32Array;
  bits = 0;
  mask = 0;
  pool = new Uint16Array(1 << 12);
  private poolUsed = 0;
  private count = 0;

  constructor(
    private readonly maxBits = 16,
    private readonly maxPool = 1 << 20,
  ) {
    this.allocate(10);
  }

  private allocate(bits: number): void {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(4 << bits);
  }

  /** The first slot to probe for a packed word (then s + 1, s + 2 … & mask). */
  static slot(a: number, b: number, c: number, bits: number): number {
    return Math.imul(a ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0x27d4eb2f), 0x9e3779b1) >>> (32 - bits);
  }

  /**
   * Stores value for the packed word (not yet present), returning false when it cannot be cached
   * (longer than 255 code units).
   */
  add(a: number, b: number, c: number, value: string): boolean {
    const length = value.length;
    if (length > 255) return false;
    if (this.poolUsed + length + 8 > this.pool.length) {
      if (this.pool.length * 2 <= this.maxPool) {
        const grown = new Uint16Array(this.pool.length * 2);
        grown.set(this.pool.subarray(0, this.poolUsed));
        this.pool = grown;
      } else this.clear();
    }
    if ((this.count + 1) * 2 > 1 << this.bits) {
      if (this.bits < this.maxBits) {
        const old = this.slots;
        this.allocate(this.bits + 1);
        for (let base = 0; base < old.length; base += 4) if (old[base] !== 0) this.slots.set(old.subarray(base, base + 4), this.free(old[base]!, old[base + 1]!, old[base + 2]!));
      } else this.clear();
    }
    const base = this.free(a, b, c);
    const { slots, pool } = this;
    slots[base] = a;
    slots[base + 1] = b;
    slots[base + 2] = c;
    slots[base + 3] = length | (this.poolUsed << 8);
    for (let i = 0; i < length; i++) pool[this.poolUsed++] = value.charCodeAt(i);
    this.count++;
    return true;
  }

  /** The int32 index of the empty slot a packed word goes to. */
  private free(a: number, b: number, c: number): number {
    let s = ShortWordTable.slot(a, b, c, this.bits);
    while (this.slots[s * 4] !== 0) s = (s + 1) & this.mask;
    return s * 4;
  }

  clear(): void {
    this.slots.fill(0);
    this.count = 0;
    this.poolUsed = 0;
  }
}
