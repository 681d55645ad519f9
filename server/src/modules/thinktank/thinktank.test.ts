import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { localDay } from '../../kernel/db/time.js';
import { multipartFile } from '../../test/multipart.js';

let t: TestApp;
let admin: string;
let tumed: string;
let officer: string;
let region: string;
let banner: string;

beforeAll(async () => {
  t = await createTestApp();
  [admin, tumed, officer] = await Promise.all([t.login('admin'), t.login('tumed-admin'), t.login('tumed-officer')]);
  region = await orgIdByCode(t, '150000');
  banner = await orgIdByCode(t, '150121');
});
afterAll(() => t.close());

const auditCount = async (action: string) => (await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

describe('expert pool and symposiums', () => {
  it('adds, searches and scopes experts; only managers add', async () => {
    const body = { orgId: banner, name: '额尔敦', title: '高级兽医师', fields: ['畜牧兽医', '草原生态'], languages: ['mn', 'zh'], availability: 'available' };
    const created = await t.request({ method: 'POST', url: '/api/thinktank/experts', cookie: tumed, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(await auditCount('expert.create')).toBe(1);
    // The banner admin sees the banner's pool, not the region's demo experts.
    const mine = (await t.request({ method: 'GET', url: '/api/thinktank/experts', cookie: tumed })).json();
    expect(mine.items.map((e: { name: string }) => e.name)).toEqual(['额尔敦']);
    // The region sees both, and finds by field or by words.
    const byField = (await t.request({ method: 'GET', url: `/api/thinktank/experts?field=${encodeURIComponent('草原生态')}`, cookie: admin })).json();
    expect(byField.items.map((e: { name: string }) => e.name).sort()).toEqual(['巴特尔', '额尔敦'].sort());
    const byWord = (await t.request({ method: 'GET', url: `/api/thinktank/experts?q=${encodeURIComponent('蒙医')}`, cookie: admin })).json();
    expect(byWord.items.map((e: { name: string }) => e.name)).toEqual(['阿拉坦']);
    const busy = await t.request({ method: 'PATCH', url: `/api/thinktank/experts/${created.json().id}`, cookie: tumed, body: { availability: 'busy' } });
    expect(busy.json().availability).toBe('busy');
    expect((await t.request({ method: 'GET', url: '/api/thinktank/experts?availability=available', cookie: tumed })).json().total).toBe(0);
    // An officer neither adds nor reads the pool; a banner admin cannot add to the region's.
    expect((await t.request({ method: 'POST', url: '/api/thinktank/experts', cookie: officer, body: { ...body, orgId: await orgIdByCode(t, '150121100') } })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/thinktank/experts', cookie: tumed, body: { ...body, orgId: region } })).statusCode).toBe(404);
  });

  it('invites experts to a symposium once each', async () => {
    const s = await t.request({ method: 'POST', url: '/api/thinktank/symposiums', cookie: tumed, body: { orgId: banner, title: '设施农业技术座谈会', heldOn: localDay() } });
    expect(s.statusCode, s.body).toBe(201);
    const pool = (await t.request({ method: 'GET', url: '/api/thinktank/experts', cookie: tumed })).json().items as { id: string }[];
    const url = `/api/thinktank/symposiums/${s.json().id}/invitations`;
    expect((await t.request({ method: 'POST', url, cookie: tumed, body: { expertIds: pool.map((e) => e.id) } })).json()).toEqual({ invited: 1, already: 0 });
    expect((await t.request({ method: 'POST', url, cookie: tumed, body: { expertIds: pool.map((e) => e.id) } })).json()).toEqual({ invited: 0, already: 1 });
    // The region's experts are not in the banner admin's pool: refused, nothing written.
    const regional = (await t.request({ method: 'GET', url: '/api/thinktank/experts?q=%E5%B7%B4%E7%89%B9%E5%B0%94', cookie: admin })).json().items[0].id;
    const bad = await t.request({ method: 'POST', url, cookie: tumed, body: { expertIds: [regional] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('thinktank.expert_unknown');
    const detail = (await t.request({ method: 'GET', url: `/api/thinktank/symposiums/${s.json().id}`, cookie: tumed })).json();
    expect(detail.invitations).toHaveLength(1);
    expect(detail.invitations[0]).toMatchObject({ name: '额尔敦', status: 'invited' });
  });
});

describe('suggestions', () => {
  it('go from received to adopted with their evidence; the author follows the stage', async () => {
    const sub = await t.request({ method: 'POST', url: '/api/thinktank/suggestions', cookie: officer, body: { orgId: banner, lang: 'mn', title: 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ ᠶᠢᠨ ᠰᠠᠨᠠᠯ', body: 'ᠰᠠᠨᠠᠯ', category: 'agriculture' } });
    expect(sub.statusCode, sub.body).toBe(201);
    const id = sub.json().id as string;
    expect(sub.json().stage).toBe('received');
    // Not to an org the officer does not belong to.
    expect((await t.request({ method: 'POST', url: '/api/thinktank/suggestions', cookie: officer, body: { orgId: await orgIdByCode(t, '150404'), lang: 'zh', title: '建议', body: '内容', category: 'other' } })).statusCode).toBe(404);
    // The officer cannot move it on.
    expect((await t.request({ method: 'POST', url: `/api/thinktank/suggestions/${id}/stage`, cookie: officer, body: { to: 'under_review' } })).statusCode).toBe(404);

    const move = (body: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/thinktank/suggestions/${id}/stage`, cookie: tumed, body });
    expect((await move({ to: 'adopted' })).statusCode).toBe(409);
    expect((await move({ to: 'under_review', note: '已转农牧局研究' })).statusCode).toBe(200);
    const noBody = await move({ to: 'forwarded' });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().error.code).toBe('thinktank.field_required');
    expect((await move({ to: 'forwarded', forwardedTo: '土默特左旗人民政府' })).json().forwardedTo).toBe('土默特左旗人民政府');
    const day = localDay();
    const incomplete = await move({ to: 'adopted', adoptingBody: '土默特左旗人民政府', adoptedOn: day, instructionLevel: 'banner' });
    expect(incomplete.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}`, cookie: officer })).json().stage).toBe('forwarded');
    const done = await move({ to: 'adopted', adoptingBody: '土默特左旗人民政府', adoptedOn: day, instructionLevel: 'banner', evidence: '土左政办〔2026〕12号' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await move({ to: 'not_adopted' })).statusCode).toBe(409);

    // The author sees the stage and its history; staff of other banners do not see it at all.
    const mine = (await t.request({ method: 'GET', url: '/api/thinktank/suggestions/mine', cookie: officer })).json();
    expect(mine.map((s: { id: string; stage: string }) => [s.id, s.stage])).toEqual([[id, 'adopted']]);
    const seen = (await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}`, cookie: officer })).json();
    expect(seen.stages.map((s: { stage: string }) => s.stage)).toEqual(['received', 'under_review', 'forwarded', 'adopted']);
    expect(seen).toMatchObject({ adoptingBody: '土默特左旗人民政府', instructionLevel: 'banner', evidence: '土左政办〔2026〕12号' });
    const chifeng = await t.login('chifeng-admin');
    expect((await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}`, cookie: chifeng })).statusCode).toBe(404);
    expect(await auditCount('suggestion.stage')).toBe(3);
    expect(await auditCount('suggestion.submit')).toBe(1);

    // The figure counts it for the banner and the period.
    const fig = (await t.request({ method: 'GET', url: `/api/indicators?orgId=${banner}&from=${day}&to=${day}`, cookie: tumed })).json();
    expect(fig.items.find((i: { key: string }) => i.key === 'suggestions_adopted')).toMatchObject({ value: 1, parts: [{ key: 'adopted', value: 1 }, { key: 'partly_adopted', value: 0 }] });
  });
});

describe('suggestion files', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = (id: string, cookie: string, purpose: string, data: Buffer, name: string) => {
    const { payload, headers } = multipartFile('file', name, data);
    return t.app.inject({ method: 'POST', url: `/api/thinktank/suggestions/${id}/files?purpose=${purpose}`, payload, headers: { ...headers, cookie } });
  };

  it('take the author’s attachments until forwarded and the handlers’ evidence, checked by content', async () => {
    const id = (await t.request({ method: 'POST', url: '/api/thinktank/suggestions', cookie: officer, body: { orgId: banner, lang: 'zh', title: '关于村级科普站建设的建议', body: '内容', category: 'education' } })).json().id as string;
    const att = await upload(id, officer, 'attachment', PDF, '调研报告.pdf');
    expect(att.statusCode, att.body).toBe(201);
    expect(att.json()).toMatchObject({ purpose: 'attachment', name: '调研报告.pdf', mime: 'application/pdf', size: PDF.length });
    // Not a script dressed as a PDF; not evidence from the author.
    expect((await upload(id, officer, 'attachment', Buffer.from('<script>alert(1)</script>'), 'x.pdf')).statusCode).toBe(415);
    expect((await upload(id, officer, 'evidence', PDF, 'e.pdf')).statusCode).toBe(403);
    for (const to of ['under_review', 'forwarded']) await t.request({ method: 'POST', url: `/api/thinktank/suggestions/${id}/stage`, cookie: tumed, body: { to, forwardedTo: '旗政府' } });
    expect((await upload(id, officer, 'attachment', PDF, 'late.pdf')).statusCode).toBe(403);
    expect((await upload(id, tumed, 'evidence', PDF, '批示.pdf')).statusCode).toBe(201);

    const seen = (await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}`, cookie: officer })).json();
    expect(seen.files.map((f: { purpose: string; name: string }) => [f.purpose, f.name])).toEqual([['attachment', '调研报告.pdf'], ['evidence', '批示.pdf']]);
    const download = await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}/files/${seen.files[0].id}`, cookie: officer });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const chifeng = await t.login('chifeng-admin');
    expect((await t.request({ method: 'GET', url: `/api/thinktank/suggestions/${id}/files/${seen.files[0].id}`, cookie: chifeng })).statusCode).toBe(404);
    expect((await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'suggestion.file').execute()).length).toBe(2);
  });
});

describe('needs surveys', () => {
  it('are built, answered once per device from the public link, and summed up', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/thinktank/surveys', cookie: tumed, body: { orgId: banner, title: '需求', questions: [{ id: 'a', kind: 'single', label: '行业', options: ['农业'], required: true }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('survey.invalid');
    const questions = [
      { id: 'industry', kind: 'single', label: '行业', options: ['农业', '牧业'], required: true },
      { id: 'needs', kind: 'multiple', label: '需求', options: ['培训', '技术攻关', '成果转化'], required: true },
      { id: 'staff', kind: 'number', label: '技术人员数', required: false },
      { id: 'text', kind: 'text', label: '难题', required: false },
    ];
    const created = await t.request({ method: 'POST', url: '/api/thinktank/surveys', cookie: tumed, body: { orgId: banner, title: '农牧业技术需求调查', questions } });
    expect(created.statusCode, created.body).toBe(201);
    const key = (created.json().publicPath as string).split('/').pop()!;
    const form = await t.request({ method: 'GET', url: `/api/public/surveys/${key}` });
    expect(form.json().questions).toHaveLength(4);
    const answer = (nonce: string, answers: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/public/surveys/${key}/responses`, body: { nonce, answers } });
    expect((await answer('device-0001', { industry: '农业', needs: ['培训', '技术攻关'], staff: 3, text: '冬季温室补光' })).json()).toEqual({ counted: true });
    expect((await answer('device-0001', { industry: '农业', needs: ['培训'] })).json()).toEqual({ counted: false });
    expect((await answer('device-0002', { industry: '牧业', needs: ['培训'], staff: 5 })).json()).toEqual({ counted: true });
    const wrong = await answer('device-0003', { industry: '渔业', needs: [] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual(['industry: not a valid single answer', 'needs: required']);

    const id = created.json().id as string;
    const r = (await t.request({ method: 'GET', url: `/api/thinktank/surveys/${id}/results`, cookie: tumed })).json();
    expect(r.survey.responses).toBe(2);
    expect(r.questions[0].options).toEqual([{ option: '农业', n: 1 }, { option: '牧业', n: 1 }]);
    expect(r.questions[1].options).toEqual([{ option: '培训', n: 2 }, { option: '技术攻关', n: 1 }, { option: '成果转化', n: 0 }]);
    expect(r.questions[2]).toMatchObject({ answered: 2, mean: 4, min: 3, max: 5 });
    expect(r.questions[3].texts).toEqual(['冬季温室补光']);
    const qr = await t.request({ method: 'GET', url: `/api/thinktank/surveys/${id}/qr.svg`, cookie: tumed });
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    // Another banner's admin sees none of it; a closed survey's link answers 404.
    const chifeng = await t.login('chifeng-admin');
    expect((await t.request({ method: 'GET', url: `/api/thinktank/surveys/${id}/results`, cookie: chifeng })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/thinktank/surveys/${id}/status`, cookie: tumed, body: { status: 'closed' } })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/public/surveys/${key}` })).statusCode).toBe(404);
    expect((await answer('device-0004', { industry: '农业', needs: ['培训'] })).statusCode).toBe(404);
  });
});
