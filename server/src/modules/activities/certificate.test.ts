import { describe, expect, it } from 'vitest';
import { certificateHtml, hoursText } from './certificate.js';
import type { HoursDto } from './hours.js';

const item = (minutes: number, over: Partial<HoursDto> = {}): HoursDto => ({
  id: `h${minutes}`,
  volunteer: { id: 'v', name: '巴特尔' },
  orgId: 'o',
  orgName: { zh: '土默特左旗科学技术协会', mn: null },
  activity: { id: `a${minutes}`, title: { zh: '春季接羔保育技术培训', mn: null }, kind: 'training' },
  source: 'self',
  minutes,
  serviceDate: '2026-11-20',
  description: null,
  status: 'approved',
  reason: null,
  decidedAt: null,
  createdAt: '2026-11-20T00:00:00.000Z',
  ...over,
});

describe('the service-hours certificate', () => {
  const html = certificateHtml({
    volunteer: { id: '0c7a9a51-0000-4000-8000-000000000000', name: '巴特尔<script>', orgName: { zh: '土默特左旗科学技术协会', mn: 'ᠲᠦᠮᠡᠳ ᠵᠡᠭᠦᠨ ᠬᠣᠰᠢᠭᠤ' } },
    items: [item(120), item(45, { activity: null, description: '牧区义诊 & 宣讲' })],
    totalMinutes: 165,
    day: '2026-11-29',
  });

  it('states the approved total in hours, activity by activity, with everything escaped', () => {
    expect(hoursText(165)).toBe('2.8');
    expect(html).toContain('<span class="total" data-field="hours">2.8</span>');
    expect(html).toContain('巴特尔&#60;script&#62;');
    expect(html).not.toContain('巴特尔<script>');
    expect(html).toContain('牧区义诊 &#38; 宣讲');
    expect(html).toContain('累计参加志愿服务 2 项');
    expect(html).toContain('证明编号 GRL-20261129-0C7A9A51');
  });

  it('has a band of vertical Mongolian in the app’s font, inlined (the printer has no network)', () => {
    expect(html).toMatch(/@font-face\{font-family:"Noto Sans Mongolian"[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).toMatch(/\.mn\{font-family:"Noto Sans Mongolian"[^}]*writing-mode:vertical-lr/);
    // Suffixes are attached with NNBSP, the total sits inside the Mongolian sentence.
    expect(html).toContain('ᠴᠠᠭ\u202fᠤᠨ');
    expect(html).toContain('ᠨᠡᠶᠢᠲᠡ 2.8 ᠴᠠᠭ');
    expect(html).toContain('ᠲᠦᠮᠡᠳ ᠵᠡᠭᠦᠨ ᠬᠣᠰᠢᠭᠤ');
  });
});
