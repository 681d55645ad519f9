import type { Lang } from '../content/tables.js';

const MONGOLIAN = /[\u1800-\u18AF]/;
const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * A language tag from a TBX/TMX file as one of Gerel's languages, or null. A bare "mn" is decided by
 * the script of the text it labels (Mongolia writes Cyrillic, Inner Mongolia the traditional script).
 */
export function langFromTag(tag: string | undefined, sample = ''): Lang | null {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-Hans';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t.startsWith('mn-mong') || t === 'mn-cn') return 'mn-Mong';
  if (t.startsWith('mn-cyrl') || t === 'mn-mn') return 'mn-Cyrl';
  if (t === 'mn') return MONGOLIAN.test(sample) ? 'mn-Mong' : CYRILLIC.test(sample) ? 'mn-Cyrl' : null;
  return null;
}
