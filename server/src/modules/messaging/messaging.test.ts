import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import WebSocket from 'ws';
import { toMenksoft } from '@gerel/mongol';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { hubTiming } from './hub.js';

let t: TestApp;
let hohhot: string, xincheng: string, tumed: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const who = ['hohhot-admin', 'hohhot-editor', 'hohhot-reviewer', 'xincheng-admin', 'tumed-admin', 'chifeng-admin'] as const;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of who) {
    cookies[u] = await t.login(u);
    ids[u] = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  hohhot = await orgIdByCode(t, '150100');
  xincheng = await orgIdByCode(t, '150102');
  tumed = await orgIdByCode(t, '150121');
});
afterAll(() => t.close());

const MN = 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ';
const ZH = '大家好，明天的科普活动改到上午九点 🎉';

async function api(user: string, method: string, url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[user], body });
}
async function conversations(user: string) {
  const res = await api(user, 'GET', '/api/messaging/conversations');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; kind: string; orgId: string; unread: number; lastId: number; canModerate: boolean; title: string | null }[];
}
async function orgChannel(user: string, orgId: string) {
  const c = (await conversations(user)).find((x) => x.kind === 'org' && x.orgId === orgId);
  if (!c) throw new Error(`${user} has no channel of ${orgId}`);
  return c.id;
}
async function send(user: string, conv: string, text: string, extra: Record<string, unknown> = {}) {
  return api(user, 'POST', `/api/messaging/conversations/${conv}/messages`, { text, ...extra });
}
/** The socket's address (the app listens on a free port from the first test that needs it). */
async function socketUrl() {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/messaging/ws`;
}
async function group(owner: string, orgId: string, title: string, members: string[]) {
  const res = await api(owner, 'POST', '/api/messaging/groups', { orgId, title, memberIds: members.map((m) => ids[m]) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('org channels', () => {
  it('exist for every org a user holds a role on, created on first use, and only for its own people', async () => {
    const x = await orgChannel('xincheng-admin', xincheng);
    expect(await orgChannel('xincheng-admin', xincheng)).toBe(x);
    const tumedList = await conversations('tumed-admin');
    expect(tumedList.map((c) => c.id)).not.toContain(x);
    // Another banner's channel does not exist for them: not readable, not writable, not its members.
    for (const [m, url] of [
      ['GET', `/api/messaging/conversations/${x}`],
      ['GET', `/api/messaging/conversations/${x}/messages?after=0`],
      ['GET', `/api/messaging/conversations/${x}/members`],
    ] as const) {
      expect((await api('tumed-admin', m, url)).statusCode).toBe(404);
    }
    const res = await send('tumed-admin', x, '你好');
    expect(res.statusCode).toBe(404);
    // The league's admin holds no role on the banner itself: the league has its own channel.
    expect((await api('hohhot-admin', 'GET', `/api/messaging/conversations/${x}/messages`)).statusCode).toBe(404);
  });

  it('takes in the whole subtree when its admins say so', async () => {
    const h = await orgChannel('hohhot-editor', hohhot);
    expect((await conversations('xincheng-admin')).map((c) => c.id)).not.toContain(h);
    expect((await api('hohhot-editor', 'PATCH', `/api/messaging/conversations/${h}`, { includeSubtree: true })).statusCode).toBe(403);
    const on = await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${h}`, { includeSubtree: true });
    expect(on.statusCode, on.body).toBe(200);
    expect((await conversations('xincheng-admin')).map((c) => c.id)).toContain(h);
    expect((await conversations('chifeng-admin')).map((c) => c.id)).not.toContain(h);
    const members = (await api('hohhot-admin', 'GET', `/api/messaging/conversations/${h}/members`)).json() as { id: string }[];
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining([ids['xincheng-admin'], ids['tumed-admin'], ids['hohhot-editor']]));
    expect(members.map((m) => m.id)).not.toContain(ids['chifeng-admin']);
    await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${h}`, { includeSubtree: false });
    expect((await api('xincheng-admin', 'GET', `/api/messaging/conversations/${h}/messages`)).statusCode).toBe(404);
  });
});

describe('messages', () => {
  it('stores Mongolian, Chinese and emoji as normalised text, numbered in order, resumable after an id', async () => {
    const h = await orgChannel('hohhot-admin', hohhot);
    const legacy = toMenksoft('ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ');
    expect(legacy).not.toBe('ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ');
    const sent = [];
    for (const [u, text] of [['hohhot-admin', MN], ['hohhot-editor', ZH], ['hohhot-admin', legacy], ['hohhot-reviewer', '  👍\u0007 ']] as const) {
      const res = await send(u, h, text);
      expect(res.statusCode, res.body).toBe(201);
      sent.push(res.json());
    }
    const ids_ = sent.map((m) => m.id);
    expect(ids_).toEqual([...ids_].sort((a, b) => a - b));
    expect(new Set(ids_).size).toBe(4);
    expect(sent[0]).toMatchObject({ text: MN, lang: 'mn', sender: { id: ids['hohhot-admin'] } });
    expect(sent[0].latin).toMatch(/^sain/);
    expect(sent[1]).toMatchObject({ text: ZH, lang: 'zh', latin: null });
    expect(sent[2].text).toBe('ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ');
    expect(sent[3].text).toBe('👍');

    const after = await api('hohhot-editor', 'GET', `/api/messaging/conversations/${h}/messages?after=${ids_[0]}`);
    expect(after.json().map((m: { id: number }) => m.id)).toEqual(ids_.slice(1));
    const latest = await api('hohhot-editor', 'GET', `/api/messaging/conversations/${h}/messages?limit=2`);
    expect(latest.json().map((m: { id: number }) => m.id)).toEqual(ids_.slice(2));
  });

  it('refuses empty, over-long, and replies or mentions that do not belong, and stores nothing', async () => {
    const h = await orgChannel('hohhot-admin', hohhot);
    const before = (await conversations('hohhot-admin')).find((c) => c.id === h)!.lastId;
    for (const [body, code] of [
      [{ text: ' \u0007  ' }, 'chat.empty'],
      [{ text: ' \u0000 ' }, 'input.nul_character'],
      [{ text: 'ᠠ'.repeat(4001) }, 'chat.too_long'],
      [{ text: '回复', replyTo: 999999 }, 'chat.reply_unknown'],
      [{ text: '@赤峰', mentions: [ids['chifeng-admin']] }, 'chat.mention_unknown'],
    ] as const) {
      const res = await api('hohhot-admin', 'POST', `/api/messaging/conversations/${h}/messages`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.messages.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await conversations('hohhot-admin')).find((c) => c.id === h)!.lastId).toBe(before);
  });

  it('takes replies and mentions of members', async () => {
    const h = await orgChannel('hohhot-admin', hohhot);
    const first = (await send('hohhot-admin', h, '谁负责展板？')).json();
    const reply = await send('hohhot-editor', h, '我来', { replyTo: first.id, mentions: [ids['hohhot-admin']] });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ replyTo: first.id, mentions: [ids['hohhot-admin']] });
  });

  it('lets the author edit and delete; a deleted message keeps its place and shows as deleted; others may not', async () => {
    const h = await orgChannel('hohhot-admin', hohhot);
    const m = (await send('hohhot-editor', h, '九点开始')).json();
    expect((await api('hohhot-reviewer', 'PATCH', `/api/messaging/conversations/${h}/messages/${m.id}`, { text: '改' })).statusCode).toBe(403);
    expect((await api('hohhot-reviewer', 'DELETE', `/api/messaging/conversations/${h}/messages/${m.id}`)).json().error.code).toBe('chat.not_yours');
    const edited = await api('hohhot-editor', 'PATCH', `/api/messaging/conversations/${h}/messages/${m.id}`, { text: '十点开始' });
    expect(edited.json()).toMatchObject({ id: m.id, text: '十点开始' });
    expect(edited.json().editedAt).not.toBeNull();
    const del = await api('hohhot-editor', 'DELETE', `/api/messaging/conversations/${h}/messages/${m.id}`);
    expect(del.json()).toMatchObject({ id: m.id, status: 'deleted', text: '' });
    const page = (await api('hohhot-admin', 'GET', `/api/messaging/conversations/${h}/messages?after=${m.id - 1}`)).json();
    expect(page[0]).toMatchObject({ id: m.id, status: 'deleted', text: '' });
    // A moderator (the org's admin) may delete anyone's message.
    const other = (await send('hohhot-reviewer', h, '广告')).json();
    expect((await api('hohhot-admin', 'DELETE', `/api/messaging/conversations/${h}/messages/${other.id}`)).json().status).toBe('deleted');
    const audited = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', `${h}:${m.id}`).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['chat.delete', 'chat.edit']);
  });

  it('counts unread messages per member and moves read state forward only', async () => {
    const g = await group('hohhot-admin', hohhot, '展板小组', ['hohhot-editor']);
    for (const text of ['一', '二', '三']) await send('hohhot-admin', g, text);
    const mine = async (u: string) => (await conversations(u)).find((c) => c.id === g)!;
    expect((await mine('hohhot-editor')).unread).toBe(3);
    expect((await mine('hohhot-admin')).unread).toBe(0);
    expect((await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/read`, { id: 2 })).json()).toEqual({ lastReadId: 2, unread: 1 });
    expect((await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/read`, { id: 1 })).json()).toEqual({ lastReadId: 2, unread: 1 });
    expect((await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/read`, { id: 99 })).json()).toEqual({ lastReadId: 3, unread: 0 });
  });

  it('finds messages by Chinese words, pinyin and Mongolian, only in the caller’s conversations', async () => {
    const g = await group('hohhot-admin', hohhot, '搜索', ['hohhot-editor']);
    await send('hohhot-admin', g, '人工智能培训报名开始了');
    await send('hohhot-admin', g, 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠴᠢ ᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ');
    const zh = (await api('hohhot-editor', 'GET', `/api/messaging/search?q=${encodeURIComponent('人工智能')}&conversationId=${g}`)).json();
    expect(zh.map((h: { message: { text: string } }) => h.message.text)).toEqual(['人工智能培训报名开始了']);
    expect(zh[0].snippet).toContain('<mark>');
    const mn = (await api('hohhot-editor', 'GET', `/api/messaging/search?q=${encodeURIComponent('ᠡᠮᠴᠢ')}&conversationId=${g}`)).json();
    expect(mn).toHaveLength(1);
    const legacy = (await api('hohhot-editor', 'GET', `/api/messaging/search?q=${encodeURIComponent(toMenksoft('ᠡᠮᠴᠢ'))}&conversationId=${g}`)).json();
    expect(legacy).toHaveLength(1);
    expect((await api('chifeng-admin', 'GET', `/api/messaging/search?q=${encodeURIComponent('人工智能')}`)).json()).toEqual([]);
  });

  it('limits how fast one person sends, with a clear message in Chinese and English', async () => {
    const g = await group('hohhot-reviewer', hohhot, '限速', []);
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await send('hohhot-reviewer', g, `第${i}条`)).statusCode);
    expect(codes.filter((c) => c === 201).length).toBeLessThanOrEqual(20);
    const res = await send('hohhot-reviewer', g, '再来一条');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('chat.rate_limited');
    expect(res.json().error.messages.zh).toContain('秒');
    expect(res.json().error.messages.en).toContain('seconds');
  });
});

describe('groups, direct messages and moderation', () => {
  it('creates topic groups within one’s scope only, with people from that subtree', async () => {
    expect((await api('tumed-admin', 'POST', '/api/messaging/groups', { orgId: xincheng, title: '越界', memberIds: [] })).statusCode).toBe(404);
    const out = await api('hohhot-admin', 'POST', '/api/messaging/groups', { orgId: hohhot, title: '越界', memberIds: [ids['chifeng-admin']] });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.code).toBe('chat.member_out_of_scope');
    const g = await group('tumed-admin', tumed, 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ', []);
    expect((await conversations('tumed-admin')).find((c) => c.id === g)).toMatchObject({ kind: 'group', title: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ', canModerate: true });
    expect((await api('xincheng-admin', 'GET', `/api/messaging/conversations/${g}/messages`)).statusCode).toBe(404);
  });

  it('refuses messages from blocked and removed members, in Chinese and English, and lets them back', async () => {
    const g = await group('hohhot-admin', hohhot, '管理', ['hohhot-editor', 'xincheng-admin']);
    expect((await api('hohhot-editor', 'PATCH', `/api/messaging/conversations/${g}/members/${ids['xincheng-admin']}`, { status: 'blocked' })).statusCode).toBe(403);
    expect((await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${g}/members/${ids['xincheng-admin']}`, { status: 'blocked' })).statusCode).toBe(200);
    const blocked = await send('xincheng-admin', g, '我还能说话吗');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toMatchObject({ code: 'chat.blocked', messages: { zh: expect.stringContaining('禁言'), en: expect.stringContaining('blocked') } });
    // Blocked members still read.
    expect((await api('xincheng-admin', 'GET', `/api/messaging/conversations/${g}/messages`)).statusCode).toBe(200);
    await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${g}/members/${ids['hohhot-editor']}`, { status: 'removed' });
    expect((await send('hohhot-editor', g, '还在吗')).statusCode).toBe(404);
    expect((await conversations('hohhot-editor')).map((c) => c.id)).not.toContain(g);
    await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${g}/members/${ids['xincheng-admin']}`, { status: 'active' });
    expect((await send('xincheng-admin', g, '谢谢')).statusCode).toBe(201);
    const actions = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', g).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['chat.group.create', 'chat.member.blocked', 'chat.member.removed', 'chat.member.active']));
  });

  it('blocks in an org channel too', async () => {
    const x = await orgChannel('xincheng-admin', xincheng);
    // Only xincheng's admin moderates its channel; a league admin above it may too.
    const res = await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${x}/members/${ids['xincheng-admin']}`, { status: 'blocked' });
    expect(res.statusCode).toBe(404);
  });

  it('opens one direct conversation per pair, along the tree but not across banners', async () => {
    const a = await api('hohhot-admin', 'POST', '/api/messaging/direct', { userId: ids['xincheng-admin'] });
    expect(a.statusCode, a.body).toBe(200);
    const b = await api('xincheng-admin', 'POST', '/api/messaging/direct', { userId: ids['hohhot-admin'] });
    expect(b.json().id).toBe(a.json().id);
    expect(b.json().peer).toMatchObject({ id: ids['hohhot-admin'] });
    expect((await api('xincheng-admin', 'POST', '/api/messaging/direct', { userId: ids['tumed-admin'] })).statusCode).toBe(404);
    expect((await send('hohhot-admin', a.json().id, 'ᠰᠠᠢᠨ ᠤᠤ')).statusCode).toBe(201);
    expect((await api('tumed-admin', 'GET', `/api/messaging/conversations/${a.json().id}/messages`)).statusCode).toBe(404);
  });
});

describe('attachments', () => {
  const upload = async (user: string, conv: string, data: Buffer, name: string, type: string) => {
    const { payload, headers } = multipartFile('file', name, data, type);
    return t.app.inject({ method: 'POST', url: `/api/messaging/conversations/${conv}/attachments`, payload, headers: { ...headers, cookie: cookies[user] } });
  };

  it('sends an image checked by content, readable by members only; refuses HTML named .jpg', async () => {
    const g = await group('hohhot-admin', hohhot, '图片', ['hohhot-editor']);
    const png = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#2a6' } }).png().toBuffer();
    const res = await upload('hohhot-admin', g, png, 'poster.png', 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().attachments[0];
    expect(a).toMatchObject({ kind: 'image', mime: 'image/png', name: 'poster.png', width: 800 });
    const got = await api('hohhot-editor', 'GET', a.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect((await api('hohhot-editor', 'GET', a.thumbUrl)).headers['content-type']).toBe('image/webp');
    expect((await api('hohhot-reviewer', 'GET', a.url)).statusCode).toBe(404);
    const bad = await upload('hohhot-admin', g, Buffer.from('<!doctype html><script>alert(1)</script>'), 'x.jpg', 'image/jpeg');
    expect(bad.statusCode).toBe(415);
  });
});

describe('config and the socket', () => {
  it('says translation is not available (no engine configured)', async () => {
    expect((await api('hohhot-editor', 'GET', '/api/messaging/config')).json()).toMatchObject({ translationAvailable: false });
  });

  describe('with a machine translation engine configured', () => {
    // A LibreTranslate-compatible service, over real HTTP, as the translation module's engine tests use.
    let mt: FastifyInstance;
    const asked: Record<string, unknown>[] = [];
    const saved = process.env.GEREL_LIBRETRANSLATE_URL;
    beforeAll(async () => {
      mt = Fastify();
      mt.post('/translate', async (req) => {
        const body = req.body as Record<string, unknown>;
        asked.push(body);
        return { translatedText: `[${String(body.source)}→${String(body.target)}] ${String(body.q)}` };
      });
      const addr = await mt.listen({ port: 0, host: '127.0.0.1' });
      process.env.GEREL_LIBRETRANSLATE_URL = addr;
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.GEREL_LIBRETRANSLATE_URL;
      else process.env.GEREL_LIBRETRANSLATE_URL = saved;
      await mt.close();
    });

    it('offers translation and translates a member’s message between Mongolian and Chinese', async () => {
      expect((await api('hohhot-editor', 'GET', '/api/messaging/config')).json()).toMatchObject({ translationAvailable: true });
      const g = await group('hohhot-admin', hohhot, '翻译', ['hohhot-editor']);
      const mn = (await send('hohhot-admin', g, MN)).json();
      const zh = (await send('hohhot-admin', g, ZH)).json();
      const a = await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages/${mn.id}/translate`, {});
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toEqual({ id: mn.id, engine: 'libretranslate', sourceLang: 'mn-Mong', targetLang: 'zh-Hans', text: `[mn→zh] ${MN}` });
      const b = await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages/${zh.id}/translate`, {});
      expect(b.json()).toMatchObject({ sourceLang: 'zh-Hans', targetLang: 'mn-Mong', text: `[zh→mn] ${ZH}` });
      expect((await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages/${zh.id}/translate`, { targetLang: 'en' })).json().text).toBe(`[zh→en] ${ZH}`);
      // Not a member: the conversation does not exist for them, and nothing goes to the engine.
      const before = asked.length;
      expect((await api('chifeng-admin', 'POST', `/api/messaging/conversations/${g}/messages/${mn.id}/translate`, {})).statusCode).toBe(404);
      // A deleted message has no text to translate.
      await api('hohhot-admin', 'DELETE', `/api/messaging/conversations/${g}/messages/${zh.id}`);
      const gone = await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages/${zh.id}/translate`, {});
      expect(gone.statusCode).toBe(409);
      expect(asked.length).toBe(before);
    });

    it('is refused, clearly, once no engine is configured', async () => {
      const g = await group('hohhot-admin', hohhot, '无引擎', ['hohhot-editor']);
      const m = (await send('hohhot-admin', g, ZH)).json();
      delete process.env.GEREL_LIBRETRANSLATE_URL;
      expect((await api('hohhot-editor', 'GET', '/api/messaging/config')).json()).toMatchObject({ translationAvailable: false });
      const res = await api('hohhot-editor', 'POST', `/api/messaging/conversations/${g}/messages/${m.id}/translate`, {});
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'translation.engine_not_configured', messages: { zh: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    });
  });

  it('pushes messages live to every device of a member and resumes a reconnecting one from its last id', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = address.replace('http', 'ws') + '/api/messaging/ws';
    const g = await group('hohhot-admin', hohhot, '实时', ['hohhot-editor']);
    const connect = (user: string) => {
      const ws = new WebSocket(url, { headers: { cookie: cookies[user]! } });
      const got: { type: string; message?: { id: number; text: string } }[] = [];
      ws.on('message', (d) => got.push(JSON.parse(d.toString())));
      return { ws, got, opened: new Promise((r) => ws.once('open', r)) };
    };
    const texts = (c: ReturnType<typeof connect>) => c.got.filter((e) => e.type === 'message').map((e) => e.message!.text);
    const phone = connect('hohhot-editor');
    const laptop = connect('hohhot-editor');
    await Promise.all([phone.opened, laptop.opened]);
    phone.ws.send(JSON.stringify({ type: 'resume', cursors: {} }));
    laptop.ws.send(JSON.stringify({ type: 'resume', cursors: {} }));
    await expect.poll(() => phone.got.some((e) => e.type === 'resumed') && laptop.got.some((e) => e.type === 'resumed')).toBe(true);
    const first = (await send('hohhot-admin', g, MN)).json();
    await expect.poll(() => texts(phone)).toEqual([MN]);
    await expect.poll(() => texts(laptop)).toEqual([MN]);

    await new Promise((r) => {
      laptop.ws.once('close', r);
      laptop.ws.close();
    });
    for (const text of ['一', '二', '三']) await send('hohhot-admin', g, text);
    const back = connect('hohhot-editor');
    await back.opened;
    back.ws.send(JSON.stringify({ type: 'resume', cursors: { [g]: first.id } }));
    await expect.poll(() => texts(back)).toEqual(['一', '二', '三']);
    // Sending over the socket: acknowledged with its id, delivered to the others.
    phone.ws.send(JSON.stringify({ type: 'send', clientId: 'c1', conversationId: g, text: '收到 ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ' }));
    await expect.poll(() => texts(back).at(-1)).toBe('收到 ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ');
    expect(phone.got.find((e) => e.type === 'ack')).toMatchObject({ clientId: 'c1', id: first.id + 4 });
    // A socket refused for a conversation it is not in.
    const outsider = connect('chifeng-admin');
    await outsider.opened;
    outsider.ws.send(JSON.stringify({ type: 'send', clientId: 'x', conversationId: g, text: '闯入' }));
    await expect.poll(() => outsider.got.find((e) => e.type === 'error')).toMatchObject({ clientId: 'x', status: 404 });
    await Promise.all([phone, back, outsider].map((c) => new Promise((r) => {
      c.ws.once('close', r);
      c.ws.close();
    })));
  });

  it('replays edits and deletes made while a client was offline, with the new messages, in order, each once', async () => {
    const url = await socketUrl();
    // Several people write (the rate limit counts each sender's own messages).
    const g = await group('hohhot-admin', hohhot, '离线修改', ['hohhot-editor', 'xincheng-admin']);
    const sendOk = async (user: string, text: string) => {
      const res = await send(user, g, text);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    interface Frame { type: string; conversationId?: string; cursor?: number; revs?: Record<string, number>; message?: { id: number; rev: number; text: string; status: string; editedAt: string | null } }
    const connect = (cursors: Record<string, number>, revs?: Record<string, number>) => {
      const ws = new WebSocket(url, { headers: { cookie: cookies['hohhot-editor']! } });
      const got: Frame[] = [];
      ws.on('message', (d) => got.push(JSON.parse(d.toString()) as Frame));
      ws.once('open', () => ws.send(JSON.stringify({ type: 'resume', cursors, ...(revs ? { revs } : {}) })));
      return { ws, got, frames: () => got.filter((f) => (f.type === 'message' || f.type === 'update') && f.conversationId === g) };
    };
    const bye = (ws: WebSocket) => new Promise((r) => {
      ws.once('close', r);
      ws.close();
    });

    const first = connect({});
    await expect.poll(() => first.got.some((f) => f.type === 'resumed')).toBe(true);
    const sent = [];
    for (const text of ['第一条', '第二条', MN]) sent.push(await sendOk('hohhot-admin', text));
    await expect.poll(() => first.frames().length).toBe(3);
    // Each frame carries the cursor to keep; the last one covers every change so far.
    const cursor = first.frames().at(-1)!.cursor!;
    expect(cursor).toBe(sent[2].rev);
    const lastId = first.frames().at(-1)!.message!.id;
    await bye(first.ws);

    // Offline: the first is edited, the second deleted, two new ones arrive, and the new one edited too.
    await api('hohhot-admin', 'PATCH', `/api/messaging/conversations/${g}/messages/${sent[0].id}`, { text: '第一条（已改）' });
    await api('hohhot-admin', 'DELETE', `/api/messaging/conversations/${g}/messages/${sent[1].id}`);
    const n1 = await sendOk('xincheng-admin', '新的一条');
    const n2 = await sendOk('xincheng-admin', ZH);
    await api('xincheng-admin', 'PATCH', `/api/messaging/conversations/${g}/messages/${n1.id}`, { text: '新的一条（已改）' });

    const back = connect({ [g]: lastId }, { [g]: cursor });
    await expect.poll(() => back.got.some((f) => f.type === 'resumed')).toBe(true);
    const seen = back.frames().map((f) => [f.type, f.message!.id, f.message!.status, f.message!.text]);
    expect(seen).toEqual([
      ['update', sent[0].id, 'visible', '第一条（已改）'],
      ['update', sent[1].id, 'deleted', ''],
      ['message', n1.id, 'visible', '新的一条（已改）'],
      ['message', n2.id, 'visible', ZH],
    ]);
    const conv = (await conversations('hohhot-editor')).find((c) => c.id === g) as unknown as { lastRev: number };
    expect(back.got.find((f) => f.type === 'resumed')!.revs![g]).toBe(conv.lastRev);
    // Live again: a later edit comes as an update, with the cursor moved on.
    await api('xincheng-admin', 'PATCH', `/api/messaging/conversations/${g}/messages/${n2.id}`, { text: '改了' });
    await expect.poll(() => back.frames().length).toBe(5);
    expect(back.frames()[4]).toMatchObject({ type: 'update', cursor: conv.lastRev + 1, message: { id: n2.id, text: '改了' } });
    await bye(back.ws);

    // The same over HTTP: changes since the cursor, in revision order, once each, and the cursor to keep.
    const ch = (await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/changes?since=${cursor}`)).json();
    expect(ch.messages.map((m: { id: number }) => m.id)).toEqual([sent[0].id, sent[1].id, n1.id, n2.id]);
    expect(ch).toMatchObject({ rev: conv.lastRev + 1, more: false });
    expect((await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/changes?since=${ch.rev}`)).json()).toEqual({ messages: [], rev: ch.rev, more: false });
    const paged = (await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/changes?since=${cursor}&limit=2`)).json();
    expect(paged.messages.map((m: { id: number }) => m.id)).toEqual([sent[0].id, sent[1].id]);
    expect(paged.more).toBe(true);
    // after=<id> keeps its meaning: the messages after that id, by id (in their current state).
    const after = (await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/messages?after=${lastId}`)).json();
    expect(after.map((m: { id: number; text: string }) => [m.id, m.text])).toEqual([[n1.id, '新的一条（已改）'], [n2.id, '改了']]);
    expect((await api('tumed-admin', 'GET', `/api/messaging/conversations/${g}/changes?since=0`)).statusCode).toBe(404);
    expect((await api('hohhot-editor', 'GET', `/api/messaging/conversations/${g}/changes?since=-1`)).statusCode).toBe(400);
  });

  it('catches up by itself when a change never reaches the socket (a lost bus message)', async () => {
    const url = await socketUrl();
    // Several senders: the rate limit counts each one's messages (and this file sends many within seconds).
    const g = await group('hohhot-admin', hohhot, '丢失的推送', ['hohhot-editor', 'xincheng-admin', 'tumed-admin']);
    const sent = await send('tumed-admin', g, '原文');
    expect(sent.statusCode, sent.body).toBe(201);
    const first = sent.json();
    const ws = new WebSocket(url, { headers: { cookie: cookies['hohhot-editor']! } });
    const got: { type: string; conversationId?: string; cursor?: number; message?: { id: number; text: string } }[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'resume', cursors: { [g]: first.id } }));
    await expect.poll(() => got.some((f) => f.type === 'resumed')).toBe(true);
    // An edit committed but never published (as when the bus is down): the socket cannot know of it.
    await t.db.kysely.transaction().execute(async (trx) => {
      const c = await trx.updateTable('chat_conversations').set((eb) => ({ last_rev: eb('last_rev', '+', 1) })).where('id', '=', g).returning('last_rev').executeTakeFirstOrThrow();
      await trx.updateTable('chat_messages').set({ body: '悄悄改了', rev: Number(c.last_rev), edited_at: new Date().toISOString() }).where('conversation_id', '=', g).where('seq', '=', first.id).execute();
    });
    const mine = () => got.filter((f) => f.conversationId === g && (f.type === 'message' || f.type === 'update'));
    const senders = ['hohhot-editor', 'xincheng-admin', 'tumed-admin'];
    for (let i = 0; i < 33; i++) {
      const res = await send(senders[i % 3]!, g, `第${i}条`);
      expect(res.statusCode, res.body).toBe(201);
    }
    await expect.poll(() => mine().some((f) => f.type === 'update' && f.message!.text === '悄悄改了'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => mine().filter((f) => f.type === 'message').length).toBe(33);
    const conv = (await conversations('hohhot-editor')).find((c) => c.id === g) as unknown as { lastRev: number };
    await send('tumed-admin', g, '最后').then((r) => expect(r.statusCode, r.body).toBe(201));
    await expect.poll(() => mine().at(-1)?.cursor).toBe(conv.lastRev + 1);
    // Nothing twice.
    const ids = mine().filter((f) => f.type === 'message').map((f) => f.message!.id);
    expect(new Set(ids).size).toBe(ids.length);
    await new Promise((r) => {
      ws.once('close', r);
      ws.close();
    });
  });

  it('closes a socket whose session has ended, at its next check', async () => {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    hubTiming.recheckMs = 200;
    try {
      const cookie = await t.login('hohhot-reviewer');
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/messaging/ws`, { headers: { cookie } });
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      await t.request({ method: 'POST', url: '/api/auth/logout', cookie });
      expect(await closed).toBe(4401);
    } finally {
      hubTiming.recheckMs = 120_000;
    }
  });

  it('refuses a socket without a session', async () => {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(port).toBeGreaterThan(0);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/messaging/ws`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
      }));
    expect(status).toBe(401);
  });
});
