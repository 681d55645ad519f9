import { html, raw, type SafeHtml } from '../../kernel/http/html.js';
import { FONT_STACK, mongolianFontFace } from '../../kernel/pdf/fonts.js';
import { fmt, SUMMARY_HIGHLIGHTS, type ReportContent } from './content.js';

const GROUPS: Record<string, { zh: string; mn: string }> = {
  dissemination: { zh: '科普传播', mn: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠦᠯᠲᠡ' },
  activities: { zh: '科普活动', mn: 'ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ\u180eᠠ' },
  volunteers: { zh: '志愿服务', mn: 'ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ' },
  organisation: { zh: '组织建设与服务', mn: 'ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ\u180eᠠ ᠶᠢᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠲᠠ' },
  thinktank: { zh: '科技智库', mn: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠰᠠᠨᠠᠭ\u180eᠠ ᠶᠢᠨ ᠰᠠᠩ' },
};

interface MnBlock {
  heading: boolean;
  html: SafeHtml;
}

/**
 * Columns of vertical text overflow a printed page sideways, where Chromium does not break pages:
 * the Mongolian part is cut into pages of at most MN_BLOCKS_PER_PAGE headings and lines (one column
 * each, a long line two), never ending a page on a heading.
 */
const MN_BLOCKS_PER_PAGE = 15;
function mnPages(blocks: MnBlock[]): MnBlock[][] {
  const pages: MnBlock[][] = [];
  let page: MnBlock[] = [];
  for (const b of blocks) {
    if (page.length >= MN_BLOCKS_PER_PAGE) {
      const carried = page.at(-1)!.heading ? [page.pop()!] : [];
      pages.push(page);
      page = carried;
    }
    page.push(b);
  }
  if (page.length) pages.push(page);
  return pages;
}

/**
 * The report as one self-contained HTML document (fonts inlined, charts as inline SVG, no network):
 * the cover with a band of vertical Mongolian beside the Chinese title, the figures and charts in
 * horizontal Chinese, then the Mongolian part written vertically (top to bottom, columns left to
 * right). Every figure cell carries data-key / data-value so the numbers can be checked by machine.
 * Every value is escaped; only the server-rendered SVG is inserted as is.
 */
export function reportHtml(c: ReportContent): string {
  const f = c.figures;
  const groups = [...new Set(f.items.map((i) => i.group))];
  return html`<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>${c.title.zh}</title>
<style>${raw(mongolianFontFace())}
@page{size:A4}
*{box-sizing:border-box}
body{margin:0;font-family:${raw(FONT_STACK.chinese)};color:#222;font-size:11pt}
.mn{font-family:${raw(FONT_STACK.mongolian)};writing-mode:vertical-lr}
.cover{display:flex;gap:10mm;height:265mm;break-after:page}
.cover .mn{font-size:20pt;line-height:1.8;border-right:0.5mm solid #b8860b;padding-right:8mm;color:#8b1a1a}
.cover main{flex:1;display:flex;flex-direction:column;justify-content:center;text-align:center}
.cover h1{font-size:28pt;letter-spacing:3pt;color:#8b1a1a;margin:0 0 12mm}
.cover p{font-size:14pt;margin:2mm 0}
h2{font-size:16pt;color:#8b1a1a;border-bottom:0.4mm solid #d9b86c;padding-bottom:2mm;margin:8mm 0 4mm}
table{width:100%;table-layout:fixed;border-collapse:collapse;font-family:${raw(FONT_STACK.chineseSans)};font-size:10pt;margin-bottom:4mm}
th,td{border:0.3mm solid #bbb;padding:1.6mm 2.4mm;text-align:left;vertical-align:top}
th{background:#f6efe0}
td.n{text-align:right;white-space:nowrap}
td.parts{color:#555;font-size:9pt}
ul.hl li{margin:1.5mm 0;line-height:1.7}
figure{margin:4mm 0;break-inside:avoid;text-align:center}
figure svg{max-width:100%;height:auto}
.mn-part{break-before:page;height:265mm;font-size:11pt;line-height:1.6;overflow:hidden}
.mn-part h2{border:0;font-size:13pt;margin:0 0 0 3mm;padding:0}
.mn-part p{margin:0 0 0 3mm}
.foot{font-size:8.5pt;color:#666;font-family:${raw(FONT_STACK.chineseSans)};margin-top:6mm}
</style></head>
<body>
<section class="cover">
<div class="mn" lang="mn-Mong" data-part="mn-cover"><div>${c.title.mn}</div><div>${f.from} — ${f.to}</div></div>
<main><h1>${c.title.zh}</h1><p>统计范围：${f.org.name.zh}（含下级组织）</p><p>统计期间：${f.from} 至 ${f.to}</p><p>生成日期：${c.generatedOn}</p></main>
</section>
<section class="zh" lang="zh-Hans">
<h2>一、工作亮点</h2>
<ul class="hl">${c.highlights.map((h) => html`<li>${h.zh}</li>`)}</ul>
<h2>二、主要指标</h2>
${groups.map(
  (g) => html`<table data-group="${g}"><colgroup><col style="width:30%"><col style="width:22%"><col style="width:48%"></colgroup><thead><tr><th colspan="3">${GROUPS[g]?.zh ?? g}</th></tr></thead><tbody>
${f.items
  .filter((i) => i.group === g)
  .map(
    (i) =>
      html`<tr><td>${i.label.zh}</td><td class="n" data-key="${i.key}" data-value="${String(i.value)}">${fmt(i.value)} ${i.unit.zh}${i.ratio ? html`（${i.ratio.done}/${i.ratio.total}）` : ''}</td><td class="parts">${(i.parts ?? []).map((p) => `${p.label.zh} ${fmt(p.value)}`).join('，')}</td></tr>`,
  )}
</tbody></table>`,
)}
<h2>三、图表</h2>
${c.charts.map((ch) => html`<figure data-chart="${ch.key}">${raw(ch.svg)}</figure>`)}
<p class="foot">本报告所有数据由格日勒平台依据平台记录自动统计生成，每项指标均可在平台中查看对应明细。</p>
</section>
${mnPages([
  { heading: true, html: html`<h2>${c.title.mn}</h2>` },
  { heading: false, html: html`<p>${f.from} — ${f.to}</p>` },
  ...groups.flatMap((g) => [
    { heading: true, html: html`<h2>${GROUPS[g]?.mn ?? g}</h2>` },
    ...f.items.filter((i) => i.group === g).map((i) => ({ heading: false, html: html`<p>${i.label.mn}: ${fmt(i.value)} ${i.unit.mn}</p>` })),
  ]),
  ...c.highlights.slice(SUMMARY_HIGHLIGHTS).map((h) => ({ heading: false, html: html`<p>${h.mn}</p>` })),
]).map((page) => html`<section class="mn mn-part" lang="mn-Mong" data-part="mn-body">${page.map((b) => b.html)}</section>`)}
</body></html>`.value;
}
