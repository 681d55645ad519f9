import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMenksoft } from '@gerel/mongol';
import sharp from 'sharp';
import { multipartFile } from '../../test/multipart.js';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

let t: TestApp;
let region: string, hohhot: string, xincheng: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const who = ['admin', 'hohhot-admin', 'hohhot-editor', 'xincheng-admin', 'tumed-admin', 'chifeng-admin'] as const;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of who) {
    cookies[u] = await t.login(u);
    ids[u] = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  hohhot = await orgIdByCode(t, '150100');
  xincheng = await orgIdByCode(t, '150102');
  region = (await t.db.kysely.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const api = (user: string, method: string, url: string, body?: unknown) => t.request({ method, url, cookie: cookies[user], body });
async function thread(user: string, orgId: string, title: string, body: string) {
  const res = await api(user, 'POST', `/api/community/spaces/${orgId}/threads`, { category: 'academic', title, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const auditActions = async (entityId: string) =>
  (await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).execute()).map((a) => a.action);

describe('profiles, directory and follows', () => {
  it('keeps a profile in Mongolian and Chinese (legacy Menksoft converted) and audits the change', async () => {
    const res = await api('xincheng-admin', 'PUT', '/api/community/profile', { field: toMenksoft('ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ'), title: '高级畜牧师', languages: ['mn-Mong', 'zh-Hans'], bio: '草原畜牧' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ field: 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ', title: '高级畜牧师', languages: ['mn-Mong', 'zh-Hans'], orgId: xincheng });
    expect(await auditActions(ids['xincheng-admin']!)).toContain('community.profile.update');
  });

  it('lists the people of the caller’s subtrees only', async () => {
    const names = async (u: string) => ((await api(u, 'GET', '/api/community/people?limit=200')).json().items as { id: string }[]).map((p) => p.id);
    expect(await names('hohhot-admin')).toEqual(expect.arrayContaining([ids['xincheng-admin'], ids['tumed-admin']]));
    expect(await names('hohhot-admin')).not.toContain(ids['chifeng-admin']);
    expect(await names('xincheng-admin')).not.toContain(ids['tumed-admin']);
    const byField = (await api('hohhot-admin', 'GET', `/api/community/people?q=${encodeURIComponent('畜牧')}`)).json();
    expect(byField.items.map((p: { id: string }) => p.id)).toEqual([ids['xincheng-admin']]);
  });

  it('follows people on one’s line of the tree, not across banners', async () => {
    expect((await api('hohhot-admin', 'PUT', `/api/community/following/${ids['xincheng-admin']}`)).json()).toEqual({ following: true });
    expect((await api('hohhot-admin', 'PUT', `/api/community/following/${ids['xincheng-admin']}`)).statusCode).toBe(200);
    expect((await api('tumed-admin', 'GET', `/api/community/people/${ids['xincheng-admin']}`)).statusCode).toBe(404);
    expect((await api('tumed-admin', 'PUT', `/api/community/following/${ids['xincheng-admin']}`)).statusCode).toBe(404);
    expect((await api('hohhot-admin', 'PUT', `/api/community/following/${ids['hohhot-admin']}`)).json().error.code).toBe('community.self_follow');
    const p = (await api('hohhot-admin', 'GET', `/api/community/people/${ids['xincheng-admin']}`)).json();
    expect(p).toMatchObject({ followers: 1, following: true });
    expect((await api('hohhot-admin', 'GET', '/api/community/following')).json().map((f: { id: string }) => f.id)).toEqual([ids['xincheng-admin']]);
    await api('hohhot-admin', 'DELETE', `/api/community/following/${ids['xincheng-admin']}`);
    expect((await api('hohhot-admin', 'GET', `/api/community/people/${ids['xincheng-admin']}`)).json()).toMatchObject({ followers: 0, following: false });
  });
});

describe('spaces and threads', () => {
  it('gives everyone the spaces of their org and every org above it; another banner’s space does not exist for them', async () => {
    const spaces = (await api('xincheng-admin', 'GET', '/api/community/spaces')).json().map((s: { orgId: string }) => s.orgId);
    expect(spaces).toEqual([region, hohhot, xincheng]);
    const x = await thread('xincheng-admin', xincheng, '新城区科普周', '欢迎参加');
    expect((await api('tumed-admin', 'GET', `/api/community/spaces/${xincheng}/threads`)).statusCode).toBe(404);
    expect((await api('tumed-admin', 'GET', `/api/community/threads/${x.id}`)).statusCode).toBe(404);
    expect((await api('tumed-admin', 'POST', `/api/community/threads/${x.id}/replies`, { body: '我也来' })).statusCode).toBe(404);
    // The league's space is its banners' too.
    const h = await thread('xincheng-admin', hohhot, 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ', '呼和浩特的学术交流');
    expect((await api('tumed-admin', 'GET', `/api/community/spaces/${hohhot}/threads`)).json().map((p: { id: string }) => p.id)).toContain(h.id);
    expect((await api('chifeng-admin', 'GET', `/api/community/spaces/${hohhot}/threads`)).statusCode).toBe(404);
  });

  it('takes replies and mentions of people on the line, and counts replies', async () => {
    const h = await thread('hohhot-admin', hohhot, '牧区数字化', '大家怎么看？');
    const r = await api('tumed-admin', 'POST', `/api/community/threads/${h.id}/replies`, { body: '同意 ᠰᠠᠶᠢᠨ', mentions: [ids['hohhot-admin']] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ parentId: h.id, mentions: [ids['hohhot-admin']], status: 'visible' });
    const bad = await api('tumed-admin', 'POST', `/api/community/threads/${h.id}/replies`, { body: '@赤峰', mentions: [ids['chifeng-admin']] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('community.mention_unknown');
    const got = (await api('hohhot-admin', 'GET', `/api/community/threads/${h.id}`)).json();
    expect(got.thread.replyCount).toBe(1);
    expect(got.replies.map((x: { body: string }) => x.body)).toEqual(['同意 ᠰᠠᠶᠢᠨ']);
  });

  it('lets only the author edit or delete; a deleted post stays in place without its text', async () => {
    const h = await thread('tumed-admin', hohhot, '旧标题', '旧内容');
    expect((await api('xincheng-admin', 'PATCH', `/api/community/posts/${h.id}`, { body: '改' })).statusCode).toBe(403);
    expect((await api('tumed-admin', 'PATCH', `/api/community/posts/${h.id}`, { title: '新标题' })).json()).toMatchObject({ title: '新标题', body: '旧内容' });
    expect((await api('tumed-admin', 'DELETE', `/api/community/posts/${h.id}`)).json()).toMatchObject({ status: 'deleted', body: '' });
    expect(await auditActions(h.id)).toEqual(expect.arrayContaining(['community.thread.create', 'community.post.edit', 'community.post.delete']));
  });
});

describe('attachments', () => {
  const upload = async (user: string, postId: string, data: Buffer, name: string, type: string) => {
    const { payload, headers } = multipartFile('file', name, data, type);
    return t.app.inject({ method: 'POST', url: `/api/community/posts/${postId}/attachments`, payload, headers: { ...headers, cookie: cookies[user] } });
  };

  it('attaches an image to one’s own post, judged by content, readable where the post is', async () => {
    const h = await thread('xincheng-admin', xincheng, '实验照片', '见附件');
    const jpg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#468' } }).jpeg().toBuffer();
    expect((await upload('hohhot-admin', h.id, jpg, 'x.jpg', 'image/jpeg')).statusCode).toBe(403);
    const res = await upload('xincheng-admin', h.id, jpg, 'field.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json().attachments[0];
    expect(a).toMatchObject({ kind: 'image', mime: 'image/jpeg', name: 'field.jpg', width: 600 });
    expect((await api('hohhot-admin', 'GET', a.url)).headers['content-type']).toBe('image/jpeg');
    expect((await api('tumed-admin', 'GET', a.url)).statusCode).toBe(404);
    expect((await upload('xincheng-admin', h.id, Buffer.from('<svg onload="alert(1)"/>'), 'a.png', 'image/png')).statusCode).toBe(415);
    expect(await auditActions(h.id)).toContain('community.post.attach');
  });
});

describe('moderation', () => {
  it('holds a post with a screened keyword for review (folded: traditional, legacy Mongolian), never drops it', async () => {
    const add = await api('hohhot-admin', 'POST', `/api/community/spaces/${hohhot}/keywords`, { words: ['代開發票', 'ᠬᠤᠷᠠᠯ'] });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().map((k: { word: string }) => k.word).sort()).toEqual(['代开发票', 'ᠬᠤᠷᠠᠯ'].sort());
    // Banner admins keep their own list; not the league's.
    expect((await api('xincheng-admin', 'POST', `/api/community/spaces/${hohhot}/keywords`, { words: ['x'] })).statusCode).toBe(404);
    // The league's list applies in the banner's space too.
    const held = await thread('xincheng-admin', xincheng, '优惠', '可以代开发票，联系我');
    expect(held).toMatchObject({ status: 'held', heldFor: ['代开发票'], body: '可以代开发票，联系我' });
    const legacy = await thread('xincheng-admin', xincheng, '通知', `明天 ${toMenksoft('ᠬᠤᠷᠠᠯ')}`);
    expect(legacy.status).toBe('held');
    // Invisible to others until reviewed; its author sees it waiting.
    expect((await api('tumed-admin', 'GET', `/api/community/spaces/${hohhot}/threads`)).json().map((p: { id: string }) => p.id)).not.toContain(held.id);
    expect((await api('hohhot-editor', 'GET', `/api/community/threads/${held.id}`)).statusCode).toBe(404);
    expect((await api('xincheng-admin', 'GET', `/api/community/spaces/${xincheng}/threads`)).json().map((p: { id: string }) => p.id)).toContain(held.id);
    // The banner's admin moderates its space; the league's admin too. Others may not.
    expect((await api('hohhot-editor', 'GET', `/api/community/spaces/${xincheng}/moderation`)).statusCode).toBe(403);
    expect((await api('tumed-admin', 'GET', `/api/community/spaces/${xincheng}/moderation`)).statusCode).toBe(404);
    const q = (await api('hohhot-admin', 'GET', `/api/community/spaces/${xincheng}/moderation`)).json();
    expect(q.held.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([held.id, legacy.id]));
    expect((await api('hohhot-admin', 'POST', `/api/community/posts/${held.id}/moderate`, { action: 'reject' })).json().status).toBe('hidden');
    expect((await api('xincheng-admin', 'POST', `/api/community/posts/${legacy.id}/moderate`, { action: 'approve' })).json().status).toBe('visible');
    expect(await auditActions(held.id)).toEqual(['community.thread.create', 'community.moderate.reject']);
    const clean = await thread('xincheng-admin', xincheng, '正常', '没有问题的内容');
    expect(clean.status).toBe('visible');
  });

  it('takes reports; a space moderator hides the post, which resolves them; everything audited', async () => {
    const h = await thread('tumed-admin', hohhot, '广告', '便宜卖化肥');
    expect((await api('xincheng-admin', 'POST', `/api/community/posts/${h.id}/report`, { reason: '广告' })).json()).toEqual({ reported: true });
    expect((await api('hohhot-editor', 'POST', `/api/community/posts/${h.id}/moderate`, { action: 'hide' })).statusCode).toBe(403);
    expect((await api('xincheng-admin', 'PUT', `/api/community/spaces/${hohhot}/moderators/${ids['hohhot-editor']}`)).statusCode).toBe(404);
    expect((await api('hohhot-admin', 'PUT', `/api/community/spaces/${hohhot}/moderators/${ids['chifeng-admin']}`)).statusCode).toBe(400);
    const mods = await api('hohhot-admin', 'PUT', `/api/community/spaces/${hohhot}/moderators/${ids['hohhot-editor']}`);
    expect(mods.json().map((m: { id: string }) => m.id)).toEqual([ids['hohhot-editor']]);
    const queue = (await api('hohhot-editor', 'GET', `/api/community/spaces/${hohhot}/moderation`)).json();
    expect(queue.reports).toEqual([expect.objectContaining({ postId: h.id, reason: '广告' })]);
    expect((await api('hohhot-editor', 'POST', `/api/community/posts/${h.id}/moderate`, { action: 'hide' })).json().status).toBe('hidden');
    expect((await api('hohhot-editor', 'GET', `/api/community/spaces/${hohhot}/moderation`)).json().reports).toEqual([]);
    const seen = (await api('xincheng-admin', 'GET', `/api/community/spaces/${hohhot}/threads`)).json() as { id: string }[];
    expect(seen.map((p) => p.id)).not.toContain(h.id);
    expect(await auditActions(h.id)).toEqual(['community.thread.create', 'community.report', 'community.moderate.hide']);
  });

  it('screens chat messages with the same list: held, shown as held, released by a moderator', async () => {
    const g = (await api('hohhot-admin', 'POST', '/api/messaging/groups', { orgId: hohhot, title: '筛查', memberIds: [ids['hohhot-editor']] })).json().id;
    const sent = await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages`, { text: '可以代開發票' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'held', text: '' });
    const seq = sent.json().id;
    const page = (await api('hohhot-admin', 'GET', `/api/messaging/conversations/${g}/messages?after=0`)).json();
    expect(page).toEqual([expect.objectContaining({ id: seq, status: 'held', text: '' })]);
    expect((await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/held`)).statusCode).toBe(403);
    const held = (await api('hohhot-admin', 'GET', `/api/messaging/conversations/${g}/held`)).json();
    expect(held).toEqual([expect.objectContaining({ id: seq, text: '可以代開發票' })]);
    const released = await api('hohhot-admin', 'POST', `/api/messaging/conversations/${g}/messages/${seq}/review`, { approve: true });
    expect(released.json()).toMatchObject({ status: 'visible', text: '可以代開發票' });
    expect(await auditActions(`${g}:${seq}`)).toEqual(['chat.held', 'chat.release']);
  });
});

describe('space settings, edits and mentions', () => {
  it('keeps a space to its org’s own people (and the orgs above) when its admins say so, audited', async () => {
    const h = await thread('hohhot-admin', hohhot, '市级内部讨论', '仅本级');
    const spaceIds = async (u: string) => ((await api(u, 'GET', '/api/community/spaces')).json() as { orgId: string }[]).map((s) => s.orgId);
    expect(await spaceIds('xincheng-admin')).toContain(hohhot);
    expect((await api('hohhot-editor', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: false })).statusCode).toBe(403);
    expect((await api('xincheng-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: false })).statusCode).toBe(404);
    expect((await api('hohhot-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: 'no' })).statusCode).toBe(400);
    const off = await api('hohhot-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ orgId: hohhot, includeSubtree: false, canManage: true, canModerate: true });
    try {
      // The banner's people no longer have it; the league's own people and the region still do.
      expect(await spaceIds('xincheng-admin')).toEqual([region, xincheng]);
      expect((await api('xincheng-admin', 'GET', `/api/community/threads/${h.id}`)).statusCode).toBe(404);
      expect((await api('xincheng-admin', 'POST', `/api/community/threads/${h.id}/replies`, { body: '能看到吗' })).statusCode).toBe(404);
      expect((await api('hohhot-editor', 'GET', `/api/community/threads/${h.id}`)).statusCode).toBe(200);
      expect((await api('admin', 'GET', `/api/community/spaces/${hohhot}/threads`)).json().map((p: { id: string }) => p.id)).toContain(h.id);
      // Nor can someone below be mentioned there.
      const m = await api('hohhot-editor', 'POST', `/api/community/threads/${h.id}/replies`, { body: '请看', mentions: [ids['tumed-admin']] });
      expect(m.json().error.code).toBe('community.mention_unknown');
    } finally {
      expect((await api('hohhot-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: true })).json().includeSubtree).toBe(true);
    }
    expect((await api('xincheng-admin', 'GET', `/api/community/threads/${h.id}`)).statusCode).toBe(200);
    expect(await auditActions(hohhot)).toEqual(expect.arrayContaining(['community.space.update']));
  });

  it('tells each reader what they may do in each space: named moderators moderate, admins manage', async () => {
    await api('xincheng-admin', 'PUT', `/api/community/spaces/${xincheng}/moderators/${ids['hohhot-editor']}`);
    const mine = (await api('hohhot-editor', 'GET', '/api/community/spaces')).json() as { orgId: string; canModerate: boolean; canManage: boolean }[];
    expect(mine.find((s) => s.orgId === xincheng)).toBeUndefined(); // not on the editor's line of grants
    const league = (await api('xincheng-admin', 'GET', '/api/community/spaces')).json() as { orgId: string; canModerate: boolean; canManage: boolean }[];
    expect(league.find((s) => s.orgId === hohhot)).toMatchObject({ canModerate: false, canManage: false });
    expect(league.find((s) => s.orgId === xincheng)).toMatchObject({ canModerate: true, canManage: true });
    await api('hohhot-admin', 'PUT', `/api/community/spaces/${hohhot}/moderators/${ids['tumed-admin']}`);
    const tumed = (await api('tumed-admin', 'GET', '/api/community/spaces')).json() as { orgId: string; canModerate: boolean; canManage: boolean }[];
    expect(tumed.find((s) => s.orgId === hohhot)).toMatchObject({ canModerate: true, canManage: false });
    await api('hohhot-admin', 'DELETE', `/api/community/spaces/${hohhot}/moderators/${ids['tumed-admin']}`);
    const after = (await api('tumed-admin', 'GET', '/api/community/spaces')).json() as { orgId: string; canModerate: boolean }[];
    expect(after.find((s) => s.orgId === hohhot)).toMatchObject({ canModerate: false });
  });

  it('offers people to mention in a space: those of it the caller may see anyway, never another banner’s', async () => {
    const people = async (u: string, q = '') => {
      const res = await api(u, 'GET', `/api/community/spaces/${hohhot}/people?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { id: string }[]).map((p) => p.id);
    };
    const seen = await people('tumed-admin');
    expect(seen).toEqual(expect.arrayContaining([ids['hohhot-admin'], ids['hohhot-editor'], ids['admin'], ids['tumed-admin']]));
    expect(seen).not.toContain(ids['xincheng-admin']);
    expect(seen).not.toContain(ids['chifeng-admin']);
    expect(await people('hohhot-admin')).toEqual(expect.arrayContaining([ids['xincheng-admin'], ids['tumed-admin']]));
    expect(await people('tumed-admin', '编辑')).toEqual([ids['hohhot-editor']]);
    expect((await api('chifeng-admin', 'GET', `/api/community/spaces/${hohhot}/people`)).statusCode).toBe(404);
    // A space kept to its own org offers nobody from below.
    await api('hohhot-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: false });
    try {
      const own = await people('hohhot-admin');
      expect(own).toContain(ids['hohhot-editor']);
      expect(own).not.toContain(ids['tumed-admin']);
    } finally {
      await api('hohhot-admin', 'PATCH', `/api/community/spaces/${hohhot}`, { includeSubtree: true });
    }
  });

  it('marks a post edited only when its author changes its text, and names the people it mentions', async () => {
    const h = await thread('hohhot-admin', hohhot, '草原生态', '欢迎讨论');
    expect(h.editedAt).toBeNull();
    const r = (await api('tumed-admin', 'POST', `/api/community/threads/${h.id}/replies`, { body: 'ᠰᠠᠶᠢᠨ 你好', mentions: [ids['hohhot-admin'], ids['xincheng-admin']] })).json();
    expect(r.mentioned).toEqual([
      { id: ids['hohhot-admin'], name: '呼和浩特市科协管理员' },
      { id: ids['xincheng-admin'], name: '新城区科协管理员' },
    ]);
    expect(r.editedAt).toBeNull();
    await api('xincheng-admin', 'POST', `/api/community/posts/${r.id}/report`, { reason: '测试' });
    await api('hohhot-admin', 'POST', `/api/community/posts/${r.id}/moderate`, { action: 'dismiss' });
    expect((await api('hohhot-admin', 'GET', `/api/community/threads/${h.id}`)).json().replies[0].editedAt).toBeNull();
    const e = await api('tumed-admin', 'PATCH', `/api/community/posts/${r.id}`, { body: 'ᠰᠠᠶᠢᠨ 大家好' });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json().editedAt).toEqual(expect.any(String));
    const got = (await api('xincheng-admin', 'GET', `/api/community/threads/${h.id}`)).json();
    expect(got.replies[0]).toMatchObject({ body: 'ᠰᠠᠶᠢᠨ 大家好', editedAt: e.json().editedAt, mentioned: r.mentioned });
    // An empty edit is refused and changes nothing.
    expect((await api('tumed-admin', 'PATCH', `/api/community/posts/${r.id}`, { body: '   ' })).json().error.code).toBe('community.empty');
    expect((await api('tumed-admin', 'GET', `/api/community/threads/${h.id}`)).json().replies[0].body).toBe('ᠰᠠᠶᠢᠨ 大家好');
  });
});
