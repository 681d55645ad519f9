import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import sharp from 'sharp';
import { fmt, SUMMARY_HIGHLIGHTS, type ReportContent } from './content.js';

const ZH_FONT = 'SimSun';
const MN_FONT = 'Noto Sans Mongolian';

/**
 * The report as a Word document: the Chinese part written horizontally with the figures table and the
 * charts (the server's SVG, rasterised), then a section whose text direction is vertical Mongolian.
 */
export async function reportDocx(c: ReportContent): Promise<Buffer> {
  const f = c.figures;
  const zh = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font: ZH_FONT, ...opts });
  const mn = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font: MN_FONT, ...opts });
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [zh(text, { bold, size: 20 })] })] });
  const charts = await Promise.all(c.charts.map((ch) => sharp(Buffer.from(ch.svg)).png().toBuffer()));

  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('指标', true), cell('数值', true), cell('构成', true)] }),
      ...f.items.map(
        (i) =>
          new TableRow({
            children: [
              cell(i.label.zh),
              cell(`${fmt(i.value)} ${i.unit.zh}${i.ratio ? `（${i.ratio.done}/${i.ratio.total}）` : ''}`),
              cell((i.parts ?? []).map((p) => `${p.label.zh} ${fmt(p.value)}`).join('，')),
            ],
          }),
      ),
    ],
  });

  const doc = new Document({
    creator: 'Gerel',
    title: c.title.zh,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [zh(c.title.zh, { bold: true, size: 40 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [zh(`统计范围：${f.org.name.zh}（含下级组织）  统计期间：${f.from} 至 ${f.to}`, { size: 22 })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [zh('一、工作亮点', { bold: true })] }),
          ...c.highlights.map((h) => new Paragraph({ bullet: { level: 0 }, children: [zh(h.zh)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [zh('二、主要指标', { bold: true })] }),
          table,
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [zh('三、图表', { bold: true })] }),
          ...c.charts.map(
            (ch, i) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: charts[i]!, transformation: { width: ch.width * 0.85, height: ch.height * 0.85 } })] }),
          ),
          new Paragraph({ children: [new PageBreak()] }),
        ],
      },
      {
        // docx types only name lrTb/tbRl, but OOXML's tbLrV is the direction vertical Mongolian needs.
        properties: { page: { textDirection: 'tbLrV' as 'lrTb' } },
        children: [
          new Paragraph({ children: [mn(c.title.mn, { bold: true, size: 32 })] }),
          new Paragraph({ children: [mn(`${f.from} — ${f.to}`)] }),
          ...f.items.map((i) => new Paragraph({ children: [mn(`${i.label.mn}: ${fmt(i.value)} ${i.unit.mn}`)] })),
          ...c.highlights.slice(SUMMARY_HIGHLIGHTS).map((h) => new Paragraph({ children: [mn(h.mn)] })),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
