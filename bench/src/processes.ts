/** Servers under test run in their own processes, so the load generator never shares their event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startServer } from '../../server/src/test/spawn.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Child {
  url: string;
  stop(): Promise<void>;
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
}

/** Gerel itself (production mode, demo accounts) on a fresh data directory or database. */
export async function startGerel(env: Record<string, string>): Promise<Child> {
  const s = await startServer(env, await freePort());
  return { url: s.url, stop: () => stop(s.proc) };
}

export async function startBare(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'bare-server.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stop(proc) };
}

/** Logs in through the API and returns the Cookie header value. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export async function api<T>(url: string, cookie: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${p}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates a bilingual article in 呼和浩特市 and publishes both versions, as an editor and a reviewer would. */
export async function publishArticle(url: string, password: string, versions: { lang: string; title: string; body: string }[]): Promise<string> {
  const editor = await login(url, 'hohhot-editor', password);
  const reviewer = await login(url, 'hohhot-reviewer', password);
  const orgs = await api<{ id: string; code: string }[]>(url, editor, 'GET', '/api/orgs');
  const orgId = orgs.find((o) => o.code === '150100')!.id;
  const { id } = await api<{ id: string }>(url, editor, 'POST', '/api/resources', { orgId, kind: 'article', category: '畜牧', versions });
  for (const v of versions) {
    for (const [to, cookie] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await api(url, cookie, 'POST', `/api/resources/${id}/versions/${v.lang}/transition`, { to });
    }
  }
  return id;
}
