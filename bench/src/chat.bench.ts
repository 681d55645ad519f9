/**
 * Chat fan-out: BENCH_CLIENTS WebSocket clients (default 5000; several devices per person) in one
 * 2,000-member topic group; BENCH_SENDERS members send BENCH_MESSAGES messages over their sockets.
 * Measured at the clients: deliveries per second, fan-out latency (send → each delivery) p50/p99;
 * and the server's resident memory with every client connected. Baseline: a bare `ws` server in its
 * own process that broadcasts every frame to every client, loaded the same way in the same run.
 *
 * The 2,000 members and their sessions are written straight into the server's SQLite file (2,000
 * logins would spend minutes hashing passwords, which is not what is measured here).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort, startServer } from '../../server/src/test/spawn.js';
import { openDb } from '../../server/src/kernel/db/database.js';
import { newSessionToken } from '../../server/src/kernel/auth/tokens.js';
import { api, login } from './processes.js';
import { printBench } from './harness.js';

const here = fileURLToPath(import.meta.url);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const MEMBERS = 2000;
const SENDERS = Number(process.env.BENCH_SENDERS ?? 20);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40);
/** Gerel allows 20 messages per 10 s per sender: pace below that. */
const INTERVAL_MS = Math.ceil(10_000 / 20 / SENDERS) + 5;
const PASSWORD = 'bench-chat-pass-1';
const TEXT = 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 大家好';

/** The baseline: every frame received is sent to every connected client. */
async function bareServer(): Promise<void> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const frame = data.toString();
      for (const c of wss.clients) if (c.readyState === WebSocket.OPEN) c.send(frame);
    });
  });
  await new Promise((r) => wss.once('listening', r));
  console.log(`PORT ${(wss.address() as { port: number }).port}`);
}
if (process.env.GEREL_BENCH_BARE_WS === '1') await bareServer();

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
}

interface Result {
  deliveriesPerSec: number;
  p50: number;
  p99: number;
  rss: number;
  lost: number;
}

/**
 * Connects the clients (200 at a time), sends the messages round-robin from the first SENDERS
 * clients, and waits until every client has every message (or 60 s).
 */
async function load(url: string, headersFor: (i: number) => Record<string, string>, hello: string | null, frameFor: (ts: number) => string, stampOf: (data: string) => number | null, pid: number): Promise<Result> {
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  let lastAt = 0;
  for (let i = 0; i < CLIENTS; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, CLIENTS - i) }, (_, j) => {
        const ws = new WebSocket(url, { headers: headersFor(i + j) });
        sockets.push(ws);
        return new Promise<void>((resolve, reject) => {
          ws.once('error', reject);
          ws.on('message', (raw) => {
            const s = raw.toString();
            if (hello !== null && s.includes(`"type":"${hello}"`)) return resolve();
            const ts = stampOf(s);
            if (ts === null) return;
            const now = Date.now();
            latencies.push(now - ts);
            delivered++;
            lastAt = now;
          });
          ws.once('open', () => {
            if (hello === null) resolve();
            else ws.send(JSON.stringify({ type: 'resume', cursors: {} }));
          });
        });
      }),
    );
  }
  const rss = rssMb(pid);
  const start = Date.now();
  for (let m = 0; m < MESSAGES; m++) {
    sockets[m % SENDERS]!.send(frameFor(Date.now()));
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  const expected = MESSAGES * CLIENTS;
  const deadline = Date.now() + 60_000;
  while (delivered < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const rssLoaded = Math.max(rss, rssMb(pid));
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { deliveriesPerSec: delivered / ((lastAt - start) / 1000), p50: q(0.5), p99: q(0.99), rss: rssLoaded, lost: expected - delivered };
}

async function gerel(): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-chat-'));
  const server = await startServer({ GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD }, await freePort());
  try {
    const admin = await login(server.url, 'hohhot-admin', PASSWORD);
    const orgs = await api<{ id: string; code: string }[]>(server.url, admin, 'GET', '/api/orgs');
    const hohhot = orgs.find((o) => o.code === '150100')!.id;
    const db = openDb({ databaseUrl: null, sqliteFile: path.join(dataDir, 'gerel.db') });
    const hash = (await db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'hohhot-editor').executeTakeFirstOrThrow()).password_hash;
    const now = new Date().toISOString();
    const expires = new Date(Date.now() + 86400_000).toISOString();
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: randomUUID(), token: newSessionToken(), n: i }));
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < members.length; i += 200) {
        const chunk = members.slice(i, i + 200);
        await trx
          .insertInto('users')
          .values(chunk.map((m) => ({ id: m.id, username: `bench-${m.n}`, display_name: `科技工作者${m.n}`, password_hash: hash, org_id: hohhot, status: 'active' as const, failed_logins: 0, locked_until: null, created_at: now, updated_at: now })))
          .execute();
        await trx.insertInto('sessions').values(chunk.map((m) => ({ token_hash: m.token.hash, user_id: m.id, created_at: now, expires_at: expires }))).execute();
      }
    });
    await db.close();
    const group = await api<{ id: string }>(server.url, admin, 'POST', '/api/messaging/groups', { orgId: hohhot, title: '基准测试群', memberIds: members.map((m) => m.id) });
    const url = server.url.replace('http', 'ws') + '/api/messaging/ws';
    return await load(
      url,
      (i) => ({ cookie: `gerel_session=${members[i % MEMBERS]!.token.token}` }),
      'resumed',
      (ts) => JSON.stringify({ type: 'send', conversationId: group.id, text: `${TEXT} #${ts}` }),
      (s) => {
        if (!s.startsWith('{"type":"message"')) return null;
        const m = /#(\d+)"/.exec(s);
        return m ? Number(m[1]) : null;
      },
      server.proc.pid!,
    );
  } finally {
    await stop(server.proc);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bare(): Promise<Result> {
  const proc = spawn(process.execPath, ['--import', 'tsx', here], { env: { ...process.env, GEREL_BENCH_BARE_WS: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.once('exit', (code) => reject(new Error(`bare ws server exited (${code})`)));
    });
    return await load(
      `ws://127.0.0.1:${port}`,
      () => ({}),
      null,
      (ts) => JSON.stringify({ type: 'message', text: `${TEXT} #${ts}` }),
      (s) => {
        const m = /#(\d+)"/.exec(s);
        return m ? Number(m[1]) : null;
      },
      proc.pid!,
    );
  } finally {
    await stop(proc);
  }
}

export async function run(): Promise<void> {
  const base = await bare();
  const g = await gerel();
  console.log(`# chat: ${CLIENTS} clients, ${MEMBERS} members, ${MESSAGES} messages from ${SENDERS} senders; lost: gerel ${g.lost}, bare ${base.lost}`);
  printBench('chat_deliveries_per_s', Math.round(g.deliveriesPerSec), 'msg/s', Math.round(base.deliveriesPerSec));
  printBench('chat_fanout_p50', g.p50, 'ms', Math.max(1, base.p50));
  printBench('chat_fanout_p99', g.p99, 'ms', Math.max(1, base.p99));
  printBench('chat_server_rss', Math.round(g.rss), 'MB', Math.round(base.rss));
}
