import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import type { ResourceTable, ResourceVersionTable } from './tables.js';

/**
 * The upward report package for the national association (信息报送): one DOCX per published
 * language version plus a JSON file with the same data in machine form, zipped. Mongolian pages use
 * Word's vertical Mongolian direction (tbLrV: columns top to bottom, left to right) and a
 * Mongolian font name; Chinese pages are ordinary horizontal pages.
 */
export async function buildReportPackage(
  r: ResourceTable,
  versions: ResourceVersionTable[],
  org: { code: string; name: { zh: string; mn: string | null } },
): Promise<Buffer> {
  const zip = new JSZip();
  const manifest = {
    format: 'gerel-report/1',
    resourceId: r.id,
    org,
    kind: r.kind,
    category: r.category,
    tags: JSON.parse(r.tags_json) as string[],
    source: r.source,
    licence: r.licence,
    versions: versions.map((v) => ({
      lang: v.lang,
      title: v.title,
      summary: v.summary,
      text: v.body_text,
      html: v.body_html,
      publishedAt: v.published_at,
      file: `${v.lang}.docx`,
    })),
  };
  zip.file('report.json', JSON.stringify(manifest, null, 2));
  for (const v of versions) zip.file(`${v.lang}.docx`, await versionDocx(v, v.lang === 'mn-Mong' ? (org.name.mn ?? org.name.zh) : org.name.zh));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function versionDocx(v: ResourceVersionTable, orgName: string): Promise<Buffer> {
  const mongolian = v.lang === 'mn-Mong';
  const font = mongolian ? 'Noto Sans Mongolian' : 'SimSun';
  const run = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font, ...opts });
  const paragraphs = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: mongolian ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(v.title, { bold: true, size: 36 })] }),
    new Paragraph({ children: [run(`${orgName} · ${(v.published_at ?? '').slice(0, 10)}`, { size: 20 })] }),
    ...(v.summary ? [new Paragraph({ children: [run(v.summary, { bold: true })] })] : []),
    ...v.body_text.split(/\n+/).filter(Boolean).map((line) => new Paragraph({ children: [run(line)] })),
  ];
  const doc = new Document({
    creator: 'Gerel',
    title: v.title,
    sections: [
      {
        // docx types only name lrTb/tbRl, but OOXML's tbLrV is the direction vertical Mongolian needs.
        properties: mongolian ? { page: { textDirection: 'tbLrV' as 'lrTb' } } : {},
        children: paragraphs,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
