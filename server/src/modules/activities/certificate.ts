import { html, raw } from '../../kernel/http/html.js';
import { localDay } from '../../kernel/db/time.js';
import { FONT_STACK, mongolianFontFace } from '../../kernel/pdf/fonts.js';
import type { HoursDto } from './hours.js';

/** Mongolian case suffixes are written apart from their word with a narrow no-break space (U+202F). */
const suffixed = (s: string) => s.replace(/ (ᠤᠨ|ᠦᠨ|ᠶᠢᠨ|ᠶᠢ|ᠢ|ᠤ|ᠦ)(?= |$)/g, '\u202f$1');

const MN = {
  title: suffixed('ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠭᠡ'),
  /** "{name} has done {hours} hours of volunteer service in all." */
  statement: (name: string, hours: string) => `${name} ${suffixed(`ᠨᠡᠶᠢᠲᠡ ${hours} ᠴᠠᠭ ᠤᠨ ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢ ᠬᠢᠵᠡᠢ`)}᠃`,
};

export const hoursText = (minutes: number) => (minutes / 60).toFixed(1);

export interface CertificateInput {
  volunteer: { id: string; name: string; orgName: { zh: string; mn: string | null } };
  items: HoursDto[];
  totalMinutes: number;
  /** The day it is issued (local, YYYY-MM-DD). */
  day?: string;
}

/**
 * The certificate of a volunteer's approved service hours as a printable A4 page: a band of vertical
 * Mongolian (the app's Noto Sans Mongolian, inlined) beside the Chinese text and the list of services.
 * Every value is escaped.
 */
export function certificateHtml(c: CertificateInput): string {
  const day = c.day ?? localDay();
  const hours = hoursText(c.totalMinutes);
  const number = `GRL-${day.replace(/-/g, '')}-${c.volunteer.id.slice(0, 8).toUpperCase()}`;
  const activities = new Set(c.items.map((i) => i.activity?.id ?? i.id)).size;
  return html`<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>志愿服务时长证明</title>
<style>${raw(mongolianFontFace())}
@page{size:A4;margin:0}
*{box-sizing:border-box}
body{margin:0;font-family:${raw(FONT_STACK.chinese)};color:#222}
.sheet{display:flex;gap:10mm;width:210mm;min-height:297mm;padding:16mm 14mm;border:3mm solid #b8860b;outline:0.6mm solid #b8860b;outline-offset:-6mm}
.mn{font-family:${raw(FONT_STACK.mongolian)};writing-mode:vertical-lr;font-size:15pt;line-height:1.9;height:250mm;border-right:0.4mm solid #d9b86c;padding-right:6mm}
.mn .t{font-size:22pt;color:#8b1a1a}
main{flex:1}
h1{font-size:26pt;letter-spacing:6pt;text-align:center;color:#8b1a1a;margin:6mm 0 10mm}
p.lead{font-size:14pt;line-height:2;text-indent:2em;margin:0 0 8mm}
.total{font-size:20pt;color:#8b1a1a;font-weight:bold}
table{width:100%;border-collapse:collapse;font-size:10.5pt;font-family:${raw(FONT_STACK.chineseSans)}}
th,td{border:0.3mm solid #bbb;padding:2mm 2.5mm;text-align:left;vertical-align:top}
th{background:#f6efe0}
td.n{text-align:right;white-space:nowrap}
.issuer{margin-top:12mm;text-align:right;font-size:13pt;line-height:1.9}
.no{margin-top:8mm;font-size:9pt;color:#666;font-family:${raw(FONT_STACK.chineseSans)}}
</style></head>
<body><div class="sheet">
<div class="mn" lang="mn-Mong"><div class="t">${MN.title}</div><div>${MN.statement(c.volunteer.name, hours)}</div>${c.volunteer.orgName.mn ? html`<div>${c.volunteer.orgName.mn}</div>` : ''}</div>
<main>
<h1>志愿服务时长证明</h1>
<p class="lead">兹证明 <b data-field="name">${c.volunteer.name}</b> 系${c.volunteer.orgName.zh}科普志愿者。截至 ${day}，经活动组织方审核确认，累计参加志愿服务 ${activities} 项，服务时长共计 <span class="total" data-field="hours">${hours}</span> 小时。</p>
<table><thead><tr><th>日期</th><th>服务内容</th><th>审核单位</th><th>时长（小时）</th></tr></thead><tbody>
${c.items.map((i) => html`<tr><td>${i.serviceDate}</td><td>${i.activity ? i.activity.title.zh : (i.description ?? '')}</td><td>${i.orgName.zh}</td><td class="n">${hoursText(i.minutes)}</td></tr>`)}
</tbody></table>
<div class="issuer">${c.volunteer.orgName.zh}<br>${day}</div>
<div class="no">证明编号 ${number} · 由格日勒平台依据经审核的志愿服务记录生成</div>
</main></div></body></html>`.value;
}
