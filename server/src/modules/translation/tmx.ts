import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { Lang } from '../content/tables.js';
import { langFromTag } from './langs.js';
import { TermFileError, assertNoDtd, textOf } from './termfiles.js';

export interface TmxUnit {
  /** The number of the <tu> in the file (1-based), for the report. */
  n: number;
  segs: Partial<Record<Lang, string>>;
}

export const MAX_TMX_UNITS = 20000;

type Node = Record<string, unknown>;
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);

/** Translation units of a TMX 1.4 file; inline markup inside <seg> is reduced to its text. */
export function readTmx(xml: string): TmxUnit[] {
  assertNoDtd(xml);
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      trimValues: false,
      isArray: (name) => name === 'tu' || name === 'tuv',
    }).parse(xml, true) as Node;
  } catch (e) {
    throw new TermFileError(`unreadable XML: ${(e as Error).message}`);
  }
  const root = nodes(doc.tmx)[0];
  if (!root) throw new TermFileError('no <tmx> root element');
  const tus = nodes(nodes(root.body)[0]?.tu);
  return tus.slice(0, MAX_TMX_UNITS + 1).map((tu, i) => {
    const segs: Partial<Record<Lang, string>> = {};
    for (const tuv of nodes(tu.tuv)) {
      const text = textOf(tuv.seg).trim();
      const lang = langFromTag(String(tuv['@_xml:lang'] ?? tuv['@_lang'] ?? ''), text);
      if (lang && text && !segs[lang]) segs[lang] = text;
    }
    return { n: i + 1, segs };
  });
}

export interface TmxPair {
  sourceLang: Lang;
  targetLang: Lang;
  source: string;
  target: string;
}

export function writeTmx(pairs: TmxPair[], srcLang: Lang): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    tmx: {
      '@_version': '1.4',
      header: { '@_creationtool': 'Gerel', '@_creationtoolversion': '0.1', '@_segtype': 'sentence', '@_o-tmf': 'gerel', '@_adminlang': 'en', '@_srclang': srcLang, '@_datatype': 'plaintext' },
      body: {
        tu: pairs.map((p) => ({
          tuv: [
            { '@_xml:lang': p.sourceLang, seg: p.source },
            { '@_xml:lang': p.targetLang, seg: p.target },
          ],
        })),
      },
    },
  };
  return builder.build(doc) as string;
}
