import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

/**
 * Official documents through the HTTP API on SQLite and PostgreSQL: drafting from a template, the
 * approval chain (审核 by a reviewer, 签发 by the admin), issuing with the register number, and
 * the PDF and DOCX exports.
 */
let t: TestApp;
let editor: string;
let reviewer: string;
let admin: string;
let chifeng: string;
let officer: string;
let hohhot: string;

const MN_TITLE = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ';
const MN_BODY = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠳᠣᠯᠣᠭ᠎ᠠ ᠬᠣᠨᠣᠭ ᠤᠨ ᠠᠵᠢᠯ ᠢ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠬᠤ ᠲᠤᠬᠠᠢ᠃';
const post = (cookie: string, url: string, body?: unknown) => t.request({ method: 'POST', url, cookie, body });
const get = (cookie: string, url: string) => t.request({ method: 'GET', url, cookie });

beforeAll(async () => {
  t = await createTestApp();
  [editor, reviewer, admin, chifeng, officer] = await Promise.all(['hohhot-editor', 'hohhot-reviewer', 'hohhot-admin', 'chifeng-admin', 'tumed-officer'].map((u) => t.login(u)));
  hohhot = await orgIdByCode(t, '150100');
}, 60_000);
afterAll(() => t.close());

async function draft(body: Record<string, unknown> = {}) {
  const res = await post(editor, '/api/office/documents', { kind: 'notice', layout: 'bilingual', title: { zh: '关于举办科技活动周的通知', mn: MN_TITLE }, body: { zh: '各旗县区科协：\n\n定于五月举办科技活动周。\n\n特此通知。', mn: MN_BODY }, recipients: '各旗县区科协', attachments: ['活动安排表'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function throughChain(id: string) {
  expect((await post(editor, `/api/office/documents/${id}/submit`)).json().status).toBe('pending_review');
  expect((await post(reviewer, `/api/office/documents/${id}/decide`, { approve: true })).json().status).toBe('pending_signature');
  expect((await post(admin, `/api/office/documents/${id}/decide`, { approve: true })).json().status).toBe('approved');
  const issued = await post(admin, `/api/office/documents/${id}/issue`);
  expect(issued.statusCode, issued.body).toBe(200);
  return issued.json();
}

describe('official documents', () => {
  it('drafts a notice from the template in the drafter’s org; others cannot see it, officers cannot draft', async () => {
    const fromTemplate = await post(editor, '/api/office/documents', { kind: 'letter', layout: 'zh' });
    expect(fromTemplate.json()).toMatchObject({ title: { zh: '关于〔事项〕的函', mn: null }, numberPrefix: '科协函', status: 'drafting', orgId: hohhot, number: null });
    const d = await draft();
    expect(d).toMatchObject({ issuer: { zh: '呼和浩特市' }, title: { mn: MN_TITLE }, attachments: ['活动安排表'] });
    expect((await get(chifeng, `/api/office/documents/${d.id}`)).statusCode).toBe(404);
    expect((await post(officer, '/api/office/documents', { kind: 'notice', layout: 'zh' })).statusCode).toBe(403);
    const noMn = await post(editor, '/api/office/documents', { kind: 'notice', layout: 'bilingual', title: { zh: '通知', mn: null } });
    expect(noMn.statusCode).toBe(400);
  });

  it('goes through review and signature; the drafter cannot approve, a return goes back to drafting', async () => {
    const d = await draft();
    await post(editor, `/api/office/documents/${d.id}/submit`);
    expect((await post(editor, `/api/office/documents/${d.id}/decide`, { approve: true })).statusCode).toBe(403);
    expect((await post(admin, `/api/office/documents/${d.id}/issue`)).statusCode).toBe(409);
    const back = await post(reviewer, `/api/office/documents/${d.id}/decide`, { approve: false, note: '标题不规范' });
    expect(back.json()).toMatchObject({ status: 'drafting', approvals: [{ step: 'review', approve: false, note: '标题不规范', byName: '呼和浩特市审核员' }] });
    const edited = await t.request({ method: 'PUT', url: `/api/office/documents/${d.id}`, cookie: editor, body: { kind: 'notice', layout: 'bilingual', title: { zh: '关于举办2026年科技活动周的通知', mn: MN_TITLE }, body: { zh: '定于五月举办。', mn: MN_BODY } } });
    expect(edited.json().title.zh).toBe('关于举办2026年科技活动周的通知');
    await post(editor, `/api/office/documents/${d.id}/submit`);
    // A reviewer may review but not sign.
    await post(reviewer, `/api/office/documents/${d.id}/decide`, { approve: true });
    expect((await post(reviewer, `/api/office/documents/${d.id}/decide`, { approve: true })).statusCode).toBe(403);
  });

  it('issues with consecutive register numbers per org, agency code and year', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const a = await throughChain((await draft()).id);
    const b = await throughChain((await draft()).id);
    expect(a).toMatchObject({ status: 'issued', number: `科协发〔${year}〕1号`, seq: 1, year });
    expect(b.number).toBe(`科协发〔${year}〕2号`);
    const letter = await throughChain((await draft({ kind: 'letter', numberPrefix: '呼科协函' })).id);
    expect(letter.number).toBe(`呼科协函〔${year}〕1号`);
    const register = (await get(reviewer, `/api/office/documents?status=issued&year=${year}&orgId=${hohhot}`)).json();
    expect(register.items.map((x: { number: string }) => x.number)).toEqual([`呼科协函〔${year}〕1号`, `科协发〔${year}〕2号`, `科协发〔${year}〕1号`]);
    expect(register.total).toBe(3);
    expect((await get(chifeng, `/api/office/documents?status=issued&year=${year}`)).json().total).toBe(0);
    const actions = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).orderBy('at').execute();
    expect(actions.map((x) => x.action)).toEqual(['office.create', 'office.submit', 'office.review.approve', 'office.sign.approve', 'office.issue']);
  });

  it('issues concurrently without a colliding number: each document gets its own; the same one twice is refused in zh/en', async () => {
    const approved = async () => {
      const { id } = await draft({ numberPrefix: '呼科协并发' });
      await post(editor, `/api/office/documents/${id}/submit`);
      await post(reviewer, `/api/office/documents/${id}/decide`, { approve: true });
      await post(admin, `/api/office/documents/${id}/decide`, { approve: true });
      return id as string;
    };
    const ids = [await approved(), await approved(), await approved(), await approved()];
    const issued = await Promise.all(ids.map((id) => post(admin, `/api/office/documents/${id}/issue`)));
    for (const res of issued) expect(res.statusCode, res.body).toBe(200);
    expect(issued.map((r) => r.json().seq).sort()).toEqual([1, 2, 3, 4]);
    const again = await approved();
    const [x, y] = await Promise.all([post(admin, `/api/office/documents/${again}/issue`), post(admin, `/api/office/documents/${again}/issue`)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const refused = (x.statusCode === 409 ? x : y).json();
    expect(refused.error.messages.zh).toMatch(/公文/);
    expect(refused.error.messages.en).toMatch(/document/i);
    expect((await get(admin, `/api/office/documents/${again}`)).json().seq).toBe(5);
  });

  it('exports DOCX with the number, red header and the Mongolian kept as Unicode text on a vertical page', async () => {
    const doc = await throughChain((await draft()).id);
    const res = await t.app.inject({ method: 'GET', url: `/api/office/documents/${doc.id}/document.docx`, headers: { cookie: reviewer } });
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain(doc.number);
    expect(xml).toContain('呼和浩特市文件');
    expect(xml).toContain('w:color w:val="D40000"');
    expect(xml).toContain(MN_BODY);
    expect(xml).toContain('Noto Sans Mongolian');
    // The Mongolian section is laid out vertically (Word's tbLrV page direction).
    expect(xml).toMatch(/<w:textDirection w:val="tbLrV"\s*\/>/);
  });

  it('prints a PDF: two A4 pages for a bilingual notice, the Mongolian font embedded', async () => {
    const doc = await throughChain((await draft()).id);
    const res = await t.app.inject({ method: 'GET', url: `/api/office/documents/${doc.id}/document.pdf`, headers: { cookie: editor } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf.match(/\/Type\s*\/Page(?![s\w])/g)).toHaveLength(2);
    // A4 (595.28 × 841.89 pt), as Chromium rounds it to its pixel grid.
    for (const m of pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)) {
      expect(Math.abs(Number(m[1]) - 595.28)).toBeLessThan(2);
      expect(Math.abs(Number(m[2]) - 841.89)).toBeLessThan(2);
    }
    expect(pdf).toMatch(/NotoSansMongolian/);
    const zhOnly = await throughChain((await draft({ layout: 'zh', title: { zh: '中文通知' }, body: { zh: '正文。' } })).id);
    const one = (await t.app.inject({ method: 'GET', url: `/api/office/documents/${zhOnly.id}/document.pdf`, headers: { cookie: editor } })).rawPayload.toString('latin1');
    expect(one.match(/\/Type\s*\/Page(?![s\w])/g)).toHaveLength(1);
  }, 60_000);
});
