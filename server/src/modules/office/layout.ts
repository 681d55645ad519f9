import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import { FONT_STACK, mongolianFontFace } from '../../kernel/pdf/fonts.js';
import type { DocLayout } from './tables.js';

/** What a printed official document shows. */
export interface PrintedDoc {
  layout: DocLayout;
  issuerZh: string;
  issuerMn: string | null;
  number: string | null;
  titleZh: string;
  titleMn: string | null;
  recipients: string | null;
  bodyZh: string;
  bodyMn: string | null;
  attachments: string[];
  /** Date of issue (or of the draft) as printed: 2026年11月28日. */
  dateZh: string;
  draft: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const paras = (s: string) => s.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean);
/** 〇一二… for the date line as GB/T 9704 writes it in Arabic numerals since 2012: keep digits. */
export const dateZh = (iso: string) => {
  const d = new Date(iso);
  const local = new Date(d.getTime() + 8 * 3_600_000); // Asia/Shanghai
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

const RED = '#d40000';

/**
 * The page after GB/T 9704-2012: A4, type area 156 × 225 mm (margins top 37, left 28 mm), red issuer
 * mark (发文机关标志) centred, document number under it, a red separator line, the title in 2号 (22pt)
 * type centred, the body in 3号 (16pt) with two-character indents, attachments, issuer and date at
 * the right with the seal area over them. A bilingual document adds a page in vertical Mongolian
 * (writing-mode vertical-lr, lines left to right) with the same parts.
 */
export function documentHtml(d: PrintedDoc): string {
  const body = paras(d.bodyZh).map((p) => `<p class="body">${esc(p)}</p>`).join('');
  const attach = d.attachments.length
    ? `<div class="attach">附件：${d.attachments.map((a, i) => `<div>${d.attachments.length > 1 ? `${i + 1}. ` : ''}${esc(a)}</div>`).join('')}</div>`
    : '';
  const zhPage = `<section class="page zh">
  <div class="issuer">${esc(d.issuerZh)}文件</div>
  ${d.number ? `<div class="number">${esc(d.number)}</div>` : '<div class="number draft">（未编号）</div>'}
  <div class="rule"></div>
  <h1>${esc(d.titleZh)}</h1>
  ${d.recipients ? `<p class="to">${esc(d.recipients)}：</p>` : ''}
  ${body}${attach}
  <div class="sign"><div class="seal" data-seal></div><div>${esc(d.issuerZh)}</div><div>${esc(d.dateZh)}</div></div>
  ${d.draft ? '<div class="watermark">草稿</div>' : ''}
</section>`;
  const mnPage =
    d.layout === 'bilingual' && d.titleMn && d.bodyMn
      ? `<section class="page mn" lang="mn-Mong">
  <div class="mn-col issuer-mn">${esc(d.issuerMn ?? d.issuerZh)}</div>
  ${d.number ? `<div class="mn-col number-mn">${esc(d.number)}</div>` : ''}
  <div class="vrule"></div>
  <div class="mn-col title-mn">${esc(d.titleMn)}</div>
  ${paras(d.bodyMn).map((p) => `<div class="mn-col body-mn">${esc(p)}</div>`).join('')}
  <div class="mn-col sign-mn"><div class="seal"></div>${esc(d.issuerMn ?? d.issuerZh)}<br>${esc(d.dateZh)}</div>
</section>`
      : '';
  return `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><style>
${mongolianFontFace()}
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; font-family: ${FONT_STACK.chinese}; color: #000 }
.page { width: 210mm; height: 297mm; padding: 37mm 26mm 35mm 28mm; position: relative; page-break-after: always; overflow: hidden }
.page:last-child { page-break-after: auto }
.issuer { color: ${RED}; font-size: 44pt; font-weight: 700; text-align: center; letter-spacing: 2pt; line-height: 1.2 }
.number { text-align: center; font-size: 16pt; margin-top: 12mm }
.number.draft { color: #666 }
.rule { border-top: 2pt solid ${RED}; margin: 4mm 0 10mm }
h1 { font-size: 22pt; text-align: center; font-weight: 700; margin: 0 0 8mm; line-height: 1.4 }
p { margin: 0; font-size: 16pt; line-height: 28.9pt }
.body { text-indent: 2em; text-align: justify }
.attach { font-size: 16pt; line-height: 28.9pt; margin: 8mm 0 0 2em }
.sign { position: absolute; right: 30mm; bottom: 55mm; text-align: center; font-size: 16pt; line-height: 28.9pt }
.seal { width: 42mm; height: 42mm; border: 1.5pt dashed ${RED}; border-radius: 50%; margin: 0 auto -30mm; opacity: .6 }
.watermark { position: absolute; top: 120mm; left: 0; right: 0; text-align: center; font-size: 90pt; color: rgba(0,0,0,.06); transform: rotate(-20deg) }
.mn { display: flex; flex-direction: row; align-items: flex-start; gap: 6mm; padding: 30mm 25mm }
.mn-col { writing-mode: vertical-lr; font-family: ${FONT_STACK.mongolian}; height: 235mm; font-size: 16pt; line-height: 1.6 }
.issuer-mn { color: ${RED}; font-size: 30pt; font-weight: 700 }
.number-mn { font-size: 14pt }
.vrule { border-left: 2pt solid ${RED}; height: 235mm }
.title-mn { font-size: 20pt; font-weight: 700 }
.sign-mn { margin-left: auto; text-align: end }
.sign-mn .seal { writing-mode: horizontal-tb; margin: 0 0 -30mm }
</style></head><body>${zhPage}${mnPage}</body></html>`;
}

/** DOCX with the same parts; the Mongolian page is vertical (tbLrV), its text Unicode in Noto Sans Mongolian. */
export async function documentDocx(d: PrintedDoc): Promise<Buffer> {
  const zh = (text: string, size: number, opts: { bold?: boolean; color?: string } = {}) => new TextRun({ text, size: size * 2, font: { eastAsia: 'FangSong', ascii: 'Times New Roman' }, ...opts });
  const mn = (text: string, size: number, opts: { bold?: boolean; color?: string } = {}) => new TextRun({ text, size: size * 2, font: 'Noto Sans Mongolian', ...opts });
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [zh(`${d.issuerZh}文件`, 36, { bold: true, color: 'D40000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400 }, children: [zh(d.number ?? '（未编号）', 16)] }),
    new Paragraph({ border: { bottom: { color: 'D40000', style: BorderStyle.SINGLE, size: 16, space: 4 } }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400, after: 300 }, children: [zh(d.titleZh, 22, { bold: true })] }),
  ];
  if (d.recipients) children.push(new Paragraph({ children: [zh(`${d.recipients}：`, 16)] }));
  for (const p of paras(d.bodyZh)) children.push(new Paragraph({ indent: { firstLine: 640 }, children: [zh(p, 16)] }));
  d.attachments.forEach((a, i) => children.push(new Paragraph({ indent: { left: 640 }, children: [zh(`${i === 0 ? '附件：' : '　　　'}${d.attachments.length > 1 ? `${i + 1}. ` : ''}${a}`, 16)] })));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [zh(d.issuerZh, 16)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [zh(d.dateZh, 16)] }));
  const sections: { properties?: { page: { textDirection: 'lrTb' } }; children: Paragraph[] }[] = [{ children }];
  if (d.layout === 'bilingual' && d.titleMn && d.bodyMn) {
    sections.push({
      // As the content module's report package: docx types only name lrTb/tbRl, but OOXML's tbLrV is
      // the page direction vertical Mongolian needs (columns top to bottom, left to right).
      properties: { page: { textDirection: 'tbLrV' as 'lrTb' } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [mn(d.issuerMn ?? d.issuerZh, 24, { bold: true, color: 'D40000' })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300, after: 300 }, children: [mn(d.titleMn, 20, { bold: true })] }),
        ...paras(d.bodyMn).map((p) => new Paragraph({ children: [mn(p, 16)] })),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [mn(d.issuerMn ?? d.issuerZh, 16)] }),
      ],
    });
  }
  return Packer.toBuffer(new Document({ sections }));
}
