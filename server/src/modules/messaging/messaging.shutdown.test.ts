import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../../test/spawn.js';
import { RESTART_CODE, RESTART_REASON } from './hub.js';

/** The real server process stopped with SIGTERM: chat sockets are told to reconnect (1012), not dropped. */
const PASSWORD = 'chat-shutdown-pass-1';
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-chat-stop-'));
  server = await startServer({ GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD, DATABASE_URL: '', REDIS_URL: '' }, await freePort());
}, 120_000);

afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGKILL');
    await new Promise((r) => server.proc.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('closes every chat socket with 1012 "restart" and then exits cleanly', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hohhot-editor', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const sockets = [0, 1].map(() => new WebSocket(server.url.replace('http', 'ws') + '/api/messaging/ws', { headers: { cookie } }));
    const closes = sockets.map((ws) => new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() }))));
    await Promise.all(sockets.map((ws) => new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('message', () => resolve()); // hello: attached to the hub
      ws.once('open', () => ws.send(JSON.stringify({ type: 'resume', cursors: {} })));
    })));
    const exited = new Promise<number | null>((r) => server.proc.once('exit', (code) => r(code)));
    server.proc.kill('SIGTERM');
    for (const c of await Promise.all(closes)) expect(c).toEqual({ code: RESTART_CODE, reason: RESTART_REASON });
    expect(await exited).toBe(0);
  }, 60_000);
});
