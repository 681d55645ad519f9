import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import sharp from 'sharp';
import S3rver from 's3rver';
import WebSocket from 'ws';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../test/spawn.js';
import { localDay } from '../kernel/db/time.js';
import { nginxBinary, startNginx, type RunningNginx } from '../../../ops/nginx/local.js';

/**
 * The deployment of docs/operations.md, for real, on loopback: two app processes (A and B) on one
 * PostgreSQL database and one Redis, uploads in an S3-compatible bucket (s3rver), and Debian's nginx in
 * front running ops/nginx/gerel.conf. Each process has its own data folder, so nothing can pass
 * between them except through PostgreSQL, Redis and the bucket.
 *
 * nginx is a system package: without it the file is skipped on a developer's machine, and fails in CI
 * (CI=true), where .ci/run installs it.
 */
const PASSWORD = 'scale-out-pass-1';
const redisUrl = process.env.TEST_REDIS_URL;
const base = process.env.TEST_DATABASE_URL;
if (!redisUrl || !base) throw new Error('needs TEST_REDIS_URL and TEST_DATABASE_URL (see README)');

const NGINX = nginxBinary();
const inCi = Boolean(process.env.CI);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-scale-'));
const dbName = `gerel_scale_${randomBytes(4).toString('hex')}`;
let s3: S3rver | undefined;
let s3Url = '';
let a: RunningServer, b: RunningServer;
let nginx: RunningNginx | undefined;
let front = '';
let dbCreated = false;
/** A stand-in web build: an index page, a hashed script and a font, as vite lays them out. */
const web = path.join(tmp, 'web');
const script = `${'console.log("ᠭᠡᠷᠡᠯ 格日勒");'.repeat(200)}\n`;

beforeAll(async () => {
  if (!NGINX && !inCi) return;
  s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(tmp, 's3'), silent: true, configureBuckets: [{ name: 'gerel-files' }] });
  s3Url = `http://127.0.0.1:${(await s3.run()).port}`;
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><script type="module" src="/assets/index-Bx7kQ2aZ.js"></script>');
  fs.writeFileSync(path.join(web, 'assets/index-Bx7kQ2aZ.js'), script);
  fs.writeFileSync(path.join(web, 'assets/noto-sans-mongolian-400-normal-Ab12Cd34.woff2'), randomBytes(4096));
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  dbCreated = true;
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const env = (name: string) => ({
    GEREL_DATA_DIR: path.join(tmp, name),
    GEREL_ADMIN_PASSWORD: PASSWORD,
    DATABASE_URL: u.toString(),
    REDIS_URL: redisUrl,
    GEREL_EVENTS_RATE_LIMIT: '1000000',
    GEREL_WEB_DIST: web,
    GEREL_STORAGE: 's3',
    GEREL_S3_ENDPOINT: s3Url,
    GEREL_S3_BUCKET: 'gerel-files',
    GEREL_S3_ACCESS_KEY_ID: 'S3RVER',
    GEREL_S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  // One after the other: the first migrates and seeds.
  a = await startServer(env('a'), await freePort());
  b = await startServer(env('b'), await freePort());
  nginx = await startNginx(path.join(tmp, 'nginx'), await freePort(), [new URL(a.url).port, new URL(b.url).port].map(Number));
  front = nginx.url;
}, 150_000);

afterAll(async () => {
  await nginx?.stop();
  const stopping = [a?.proc, b?.proc].filter((p): p is ChildProcess => !!p && p.exitCode === null);
  for (const p of stopping) p.kill('SIGTERM');
  await Promise.all(stopping.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
  await s3?.close();
  if (dbCreated) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function login(url: string, username: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status, `login ${username} via ${url}`).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api<T = unknown>(url: string, cookie: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${p}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Frame {
  type: string;
  conversationId?: string;
  id?: number;
  message?: { id: number; text: string };
}

function connect(url: string, cookie: string, origin?: string) {
  const ws = new WebSocket(url.replace('http', 'ws') + '/api/messaging/ws', { headers: { cookie, ...(origin ? { origin } : {}) } });
  const got: Frame[] = [];
  ws.on('message', (d) => got.push(JSON.parse(d.toString()) as Frame));
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'resume', cursors: {} }));
      const check = setInterval(() => {
        if (got.some((f) => f.type === 'resumed')) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
  });
  const texts = (conv: string) => got.filter((f) => f.type === 'message' && f.conversationId === conv).map((f) => f.message!.text);
  const close = () => new Promise((r) => {
    ws.once('close', r);
    ws.close();
  });
  return { ws, got, ready, texts, close };
}

describe.skipIf(!NGINX && !inCi)('two processes behind nginx on PostgreSQL, Redis and S3', () => {
  it('logs in through nginx; CSRF by origin holds through the proxy; clients cannot forge their address', async () => {
    expect(NGINX, 'nginx must be installed in CI (.ci/run)').toBeTruthy();
    // A browser's same-origin login: Origin is nginx's own host and port, which nginx passes on as Host.
    const cookie = await login(front, 'hohhot-editor', { origin: front });
    expect((await api<{ username: string }>(front, cookie, 'GET', '/api/auth/me')).username).toBe('hohhot-editor');
    const forged = await fetch(`${front}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ username: 'hohhot-editor', password: PASSWORD }) });
    expect(forged.status).toBe(403);

    // The login limit (10 a minute per address and name, counted in Redis for both processes) cannot
    // be dodged by sending a made-up X-Forwarded-For: nginx replaces it with the real peer address.
    // A name of its own: the counters live in the shared Redis, beyond this run.
    const username = `nobody-${randomBytes(4).toString('hex')}`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${front}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` }, body: JSON.stringify({ username, password: 'wrong-password-1' }) });
      codes.push(res.status);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('serves hashed assets and fonts with a year of cache, compressed', async () => {
    const asset = '/assets/index-Bx7kQ2aZ.js';
    const res = await fetch(`${front}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(script);
    const font = await fetch(`${front}/assets/noto-sans-mongolian-400-normal-Ab12Cd34.woff2`);
    expect(font.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    // Metrics stay on loopback: each process answers, nginx does not pass them on.
    expect((await fetch(`${a.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${front}/metrics`)).status).toBe(404);
    if (fs.existsSync('/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so')) {
      const br = await fetch(`${front}${asset}`, { headers: { 'accept-encoding': 'br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
    }
  });

  let resourceId = '';

  it('publishes a resource with an image on A; B serves the page and the image, by range too, from the bucket', async () => {
    const editor = await login(a.url, 'hohhot-editor');
    const reviewer = await login(a.url, 'hohhot-reviewer');
    const orgs = await api<{ id: string; code: string }[]>(a.url, editor, 'GET', '/api/orgs');
    const orgId = orgs.find((o) => o.code === '150100')!.id;
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2f7d5b' } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), '草原.png');
    const up = await fetch(`${a.url}/api/media?orgId=${orgId}`, { method: 'POST', headers: { cookie: editor }, body: form });
    expect(up.status).toBe(201);
    const media = (await up.json()) as { id: string; url: string; variants: { width: number; url: string }[] };
    const w640 = media.variants.find((v) => v.width === 640)!.url;
    const { id } = await api<{ id: string }>(a.url, editor, 'POST', '/api/resources', {
      orgId,
      kind: 'article',
      versions: [{ lang: 'zh-Hans', title: '横向扩展的草原', body: `<p>两个进程，一个桶。</p><p><img src="${w640}" alt="草原"></p>` }],
    });
    resourceId = id;
    for (const [to, c] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await api(a.url, c, 'POST', `/api/resources/${id}/versions/zh-Hans/transition`, { to });
    }

    // The files went to the bucket, not to either process's own folder.
    const bucket = new S3Client({ endpoint: s3Url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await bucket.send(new ListObjectsV2Command({ Bucket: 'gerel-files', Prefix: `${media.id}/` }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([`${media.id}/original`, `${media.id}/w320`, `${media.id}/w640`]);
    bucket.destroy();
    for (const dir of ['a', 'b']) expect(fs.existsSync(path.join(tmp, dir, 'files'))).toBe(false);

    // B, which never saw the upload, serves the page and the (now public) image.
    const page = await fetch(`${b.url}/r/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('横向扩展的草原');
    expect(html).toContain(w640);
    const whole = await fetch(`${b.url}${w640}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(640);

    // Through nginx, a range: exactly those bytes, as a video player seeking would get them.
    const ranged = await fetch(`${front}${w640}`, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const past = await fetch(`${front}${w640}`, { headers: { range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
    // And the page itself through nginx, compressed.
    const viaFront = await fetch(`${front}/r/${id}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(viaFront.status).toBe(200);
    expect(viaFront.headers.get('content-encoding')).toBe('gzip');
    expect(await viaFront.text()).toContain('横向扩展的草原');
  });

  it('chats across the processes: sent on A’s socket, received on B’s and through nginx', async () => {
    const admin = await login(a.url, 'hohhot-admin');
    const editor = await login(front, 'hohhot-editor');
    const contacts = await api<{ id: string }[]>(a.url, admin, 'GET', '/api/messaging/contacts?q=' + encodeURIComponent('编辑'));
    const convs = await api<{ orgId: string }[]>(a.url, admin, 'GET', '/api/messaging/conversations');
    const group = await api<{ id: string }>(a.url, admin, 'POST', '/api/messaging/groups', { orgId: convs[0]!.orgId, title: '跨进程 nginx', memberIds: contacts.map((c) => c.id) });

    const onA = connect(a.url, admin);
    const onB = connect(b.url, editor);
    // Through nginx, with the page's own Origin, as a browser would: the upgrade is proxied.
    const viaFront = connect(front, editor, front);
    await Promise.all([onA.ready, onB.ready, viaFront.ready]);
    // A page on another site cannot open the socket through nginx either.
    const hijack = connect(front, editor, 'https://evil.example');
    await expect(hijack.ready).rejects.toThrow(/403/);

    const text = 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 跨进程问好';
    onA.ws.send(JSON.stringify({ type: 'send', clientId: 'c1', conversationId: group.id, text }));
    await expect.poll(() => onA.got.some((f) => f.type === 'ack' && f.conversationId === group.id), { timeout: 5000 }).toBe(true);
    await expect.poll(() => onB.texts(group.id), { timeout: 5000 }).toEqual([text]);
    await expect.poll(() => viaFront.texts(group.id), { timeout: 5000 }).toEqual([text]);
    await Promise.all([onA.close(), onB.close(), viaFront.close()]);
  });

  it('counts every event posted to A, to B and through nginx once', async () => {
    expect(resourceId).not.toBe('');
    const today = localDay();
    const admin = await login(front, 'admin');
    const before = (await api<{ views: number }>(front, admin, 'GET', `/api/dissemination/totals?from=${today}&to=${today}`)).views;
    const targets = [a.url, b.url, front];
    let sent = 0;
    const batches: { id: string; kind: string; resourceId: string; at: string }[][] = [];
    await Promise.all(
      targets.flatMap((url) =>
        Array.from({ length: 10 }, async () => {
          const batch = Array.from({ length: 25 }, () => ({ id: randomUUID(), kind: 'view', resourceId, at: new Date().toISOString() }));
          batches.push(batch);
          const res = await fetch(`${url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: batch }) });
          expect(res.status).toBe(200);
          expect(((await res.json()) as { accepted: number }).accepted).toBe(25);
          sent += 25;
        }),
      ),
    );
    expect(sent).toBe(750);
    // The same batches again, each to the other process: all duplicates, nothing counted twice.
    for (const [i, batch] of batches.entries()) {
      const res = await fetch(`${targets[(i + 1) % 2]}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: batch }) });
      expect(((await res.json()) as { duplicates: number }).duplicates).toBe(25);
    }
    for (const url of [a.url, b.url]) {
      const totals = await api<{ views: number }>(url, await login(url, 'admin'), 'GET', `/api/dissemination/totals?from=${today}&to=${today}`);
      expect(totals.views - before).toBe(750);
    }
    expect(nginx!.log()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
