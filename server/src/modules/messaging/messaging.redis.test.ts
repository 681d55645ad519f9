import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../../test/spawn.js';

/**
 * Two real server processes sharing one PostgreSQL database and one Redis: chat fan-out and
 * presence go through Redis, so where a client is connected does not matter.
 */
const PASSWORD = 'chat-redis-pass-1';
const redisUrl = process.env.TEST_REDIS_URL;
const base = process.env.TEST_DATABASE_URL;
if (!redisUrl || !base) throw new Error('needs TEST_REDIS_URL and TEST_DATABASE_URL (see README)');

let dataDir: string;
let name: string;
let a: RunningServer, b: RunningServer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-chat-'));
  name = `gerel_chat_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const env = { GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD, DATABASE_URL: u.toString(), REDIS_URL: redisUrl };
  // One after the other: the first migrates and seeds.
  a = await startServer(env, await freePort());
  b = await startServer(env, await freePort());
}, 120_000);

afterAll(async () => {
  for (const s of [a, b]) {
    if (!s) continue;
    s.proc.kill('SIGTERM');
    await new Promise((r) => (s.proc.exitCode !== null ? r(null) : s.proc.once('exit', r)));
  }
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api(url: string, cookie: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${url}${p}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Frame {
  type: string;
  conversationId?: string;
  cursor?: number;
  revs?: Record<string, number>;
  message?: { id: number; rev: number; text: string; status: string };
}

function connect(url: string, cookie: string, cursors: Record<string, number>, revs?: Record<string, number>) {
  const ws = new WebSocket(url.replace('http', 'ws') + '/api/messaging/ws', { headers: { cookie } });
  const got: Frame[] = [];
  ws.on('message', (d) => got.push(JSON.parse(d.toString()) as Frame));
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'resume', cursors, ...(revs ? { revs } : {}) }));
      const check = setInterval(() => {
        if (got.some((f) => f.type === 'resumed')) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
  });
  const ids = (conv: string) => got.filter((f) => f.type === 'message' && f.conversationId === conv).map((f) => f.message!.id);
  const close = () => new Promise((r) => {
    ws.once('close', r);
    ws.close();
  });
  return { ws, got, ready, ids, close };
}

describe('chat across processes through Redis', () => {
  it('delivers a message sent through process A to a client on process B, and a client moved from B to A resumes without gaps', async () => {
    const admin = await login(a.url, 'hohhot-admin');
    const editor = await login(b.url, 'hohhot-editor');
    const contacts = (await api(a.url, admin, 'GET', '/api/messaging/contacts?q=' + encodeURIComponent('编辑'))) as { id: string }[];
    const group = await api(a.url, admin, 'POST', '/api/messaging/groups', { orgId: (await api(a.url, admin, 'GET', '/api/messaging/conversations'))[0].orgId, title: '跨进程', memberIds: contacts.map((c) => c.id) });
    const g = group.id as string;

    const onB = connect(b.url, editor, {});
    await onB.ready;
    const first = await api(a.url, admin, 'POST', `/api/messaging/conversations/${g}/messages`, { text: 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 你好' });
    await expect.poll(() => onB.ids(g), { timeout: 5000 }).toEqual([first.id]);
    expect(onB.got.find((f) => f.type === 'message')!.message!.text).toBe('ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 你好');

    // Presence is shared: asked on A, the editor connected to B is online.
    const presence = await api(a.url, admin, 'GET', `/api/messaging/conversations/${g}/presence`);
    expect(presence.online).toEqual(expect.arrayContaining(contacts.map((c) => c.id)));

    // The editor's device moves from B to A; meanwhile messages arrive through both processes.
    await onB.close();
    const sent: number[] = [first.id];
    for (let i = 0; i < 6; i++) {
      const via = i % 2 ? a.url : b.url;
      const adminVia = i % 2 ? admin : await login(b.url, 'hohhot-admin');
      sent.push((await api(via, adminVia, 'POST', `/api/messaging/conversations/${g}/messages`, { text: `离线消息 ${i}` })).id);
    }
    const onA = connect(a.url, editor, { [g]: first.id });
    await onA.ready;
    // While it catches up, more arrive, from B.
    const adminB = await login(b.url, 'hohhot-admin');
    await Promise.all([0, 1, 2, 3].map((i) => api(b.url, adminB, 'POST', `/api/messaging/conversations/${g}/messages`, { text: `并发 ${i}` })));
    const all = (await api(a.url, admin, 'GET', `/api/messaging/conversations/${g}/messages?after=0&limit=200`)) as { id: number }[];
    const expected = all.map((m) => m.id).filter((id) => id > first.id);
    expect(expected).toHaveLength(10);
    await expect.poll(() => onA.ids(g), { timeout: 5000 }).toEqual(expected);
    await onA.close();
  }, 60_000);

  it('brings edits and deletes made through either process to a client that comes back on the other', async () => {
    const adminA = await login(a.url, 'hohhot-admin');
    const adminB = await login(b.url, 'hohhot-admin');
    const editor = await login(b.url, 'hohhot-editor');
    const contacts = (await api(a.url, adminA, 'GET', '/api/messaging/contacts?q=' + encodeURIComponent('编辑'))) as { id: string }[];
    const orgId = (await api(a.url, adminA, 'GET', '/api/messaging/conversations'))[0].orgId;
    const g = (await api(a.url, adminA, 'POST', '/api/messaging/groups', { orgId, title: '跨进程修改', memberIds: contacts.map((c) => c.id) })).id as string;
    const post = (url: string, cookie: string, text: string) => api(url, cookie, 'POST', `/api/messaging/conversations/${g}/messages`, { text });

    const onB = connect(b.url, editor, {});
    await onB.ready;
    const m1 = await post(a.url, adminA, '原文一');
    const m2 = await post(b.url, adminB, '原文二');
    await expect.poll(() => onB.ids(g), { timeout: 5000 }).toEqual([m1.id, m2.id]);
    // An edit through A reaches the client on B live, with its cursor.
    await api(a.url, adminA, 'PATCH', `/api/messaging/conversations/${g}/messages/${m1.id}`, { text: '改一' });
    await expect.poll(() => onB.got.filter((f) => f.type === 'update').map((f) => f.message!.text), { timeout: 5000 }).toEqual(['改一']);
    const frames = onB.got.filter((f) => f.conversationId === g && (f.type === 'message' || f.type === 'update'));
    const cursor = frames.at(-1)!.cursor!;
    expect(cursor).toBe(frames.at(-1)!.message!.rev);
    await onB.close();

    await api(b.url, adminB, 'PATCH', `/api/messaging/conversations/${g}/messages/${m2.id}`, { text: '改二' });
    await api(a.url, adminA, 'DELETE', `/api/messaging/conversations/${g}/messages/${m1.id}`);
    const m3 = await post(b.url, adminB, '新三');

    const onA = connect(a.url, editor, { [g]: m2.id }, { [g]: cursor });
    await onA.ready;
    const seen = onA.got.filter((f) => f.conversationId === g && (f.type === 'message' || f.type === 'update')).map((f) => [f.type, f.message!.id, f.message!.status, f.message!.text]);
    expect(seen).toEqual([
      ['update', m2.id, 'visible', '改二'],
      ['update', m1.id, 'deleted', ''],
      ['message', m3.id, 'visible', '新三'],
    ]);
    expect(onA.got.find((f) => f.type === 'resumed')!.revs![g]).toBe(m3.rev);
    await onA.close();
  }, 60_000);
});
