import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLatin, toMenksoft } from '@gerel/mongol';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

let t: TestApp;
let editor: string;
let reviewer: string;
let published: string;
let draft: string;

interface Hit {
  resourceId: string;
  lang: string;
  title: string;
  snippet: string;
}

beforeAll(async () => {
  t = await createTestApp();
  editor = await t.login('hohhot-editor');
  reviewer = await t.login('hohhot-reviewer');
  const orgId = await orgIdByCode(t, '150100');
  const make = async (zh: string, mn: string) =>
    (
      await t.request({
        method: 'POST',
        url: '/api/resources',
        cookie: editor,
        body: {
          orgId,
          kind: 'article',
          versions: [
            { lang: 'zh-Hans', title: zh, body: `<p>${zh}：科普信息员下乡宣讲。</p>` },
            { lang: 'mn-Mong', title: mn, body: `<p>${mn}</p>` },
          ],
        },
      })
    ).json<{ id: string }>().id;
  published = await make('蒙古语言文字科普', 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ ᠪᠢᠴᠢᠭ');
  draft = await make('草原防火知识', 'ᠬᠡᠭᠡᠷ᠎ᠡ ᠶᠢᠨ ᠭᠠᠯ');
  for (const lang of ['zh-Hans', 'mn-Mong']) {
    for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await t.request({ method: 'POST', url: `/api/resources/${published}/versions/${lang}/transition`, cookie: who, body: { to } });
    }
  }
});
afterAll(() => t.close());

const find = async (q: string, cookie?: string) => {
  const res = await t.request({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, ...(cookie ? { cookie } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ hits: Hit[]; total: number; facets: { lang: Record<string, number>; year: Record<string, number> } }>();
};

describe('search over the resource library', () => {
  it('finds a Chinese resource by a segmented word and marks it in the snippet', async () => {
    const r = await find('科普');
    expect(r.hits.some((h) => h.resourceId === published && h.lang === 'zh-Hans')).toBe(true);
    expect(r.hits.find((h) => h.lang === 'zh-Hans')!.snippet).toContain('<mark>');
  });

  it('finds a Mongolian word typed with another homograph spelling, in Menksoft or in Latin', async () => {
    for (const q of ['ᠮᠣᠩᠭᠤᠯ', toMenksoft('ᠮᠣᠩᠭᠣᠯ'), toLatin('ᠮᠣᠩᠭᠣᠯ')]) {
      const r = await find(q);
      expect(r.hits.map((h) => `${h.resourceId}:${h.lang}`), q).toContain(`${published}:mn-Mong`);
    }
  });

  it('shows drafts to staff in scope and never to the public or to another league', async () => {
    expect((await find('防火')).hits).toEqual([]);
    expect((await find('防火', editor)).hits.map((h) => h.resourceId)).toContain(draft);
    expect((await find('防火', await t.login('chifeng-admin'))).hits).toEqual([]);
  });

  it('counts facets by language and by year, and filters by year', async () => {
    const r = await find('ᠮᠣᠩᠭᠣᠯ');
    expect(r.facets.lang['mn-Mong']).toBe(1);
    const year = String(new Date().getUTCFullYear());
    expect(r.facets.year[year]).toBe(1);
    const other = await t.request({ method: 'GET', url: `/api/search?q=${encodeURIComponent('ᠮᠣᠩᠭᠣᠯ')}&year=1999` });
    expect(other.json().total).toBe(0);
    expect(r.total).toBe(r.hits.length);
  });

  it('answers the public search page in both scripts', async () => {
    const zh = await t.request({ method: 'GET', url: `/search?q=${encodeURIComponent('科普')}` });
    expect(zh.body).toContain(`href="/r/${published}"`);
    const mn = await t.request({ method: 'GET', url: `/mn/search?q=${encodeURIComponent('ᠮᠣᠩᠭᠤᠯ')}` });
    expect(mn.body).toContain(`href="/mn/r/${published}"`);
    expect(mn.body).toContain('<main class="mn" lang="mn-Mong">');
  });
});
