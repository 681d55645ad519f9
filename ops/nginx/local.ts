/**
 * Runs ops/nginx/gerel.conf on loopback for the scale-out test and the nginx bench: the upstream and
 * listen lines pointed at given ports, inside a main config whose pid, logs and temp folders all live
 * in one folder, so it needs no root and leaves nothing behind. Debian's nginx package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';
const TEMPS = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];

/** The nginx binary, or null when the package is not installed. */
export const nginxBinary = (): string | null => ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? null;

/** gerel.conf with its upstream servers and listen address replaced. */
export function siteConfig(listen: number, upstreams: number[]): string {
  const template = fs.readFileSync(path.join(here, 'gerel.conf'), 'utf8');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n');
  const site = template
    .replace(/(upstream gerel_app \{[^}]*?)(?:\n\s*server 127\.0\.0\.1:\d+[^\n]*)+/, `$1\n${servers}`)
    .replace(/\n\s*listen \[::\]:80;/, '')
    .replace(/listen 80;/, `listen 127.0.0.1:${listen};`);
  if (/:808\d/.test(site) || !site.includes(`listen 127.0.0.1:${listen};`)) throw new Error('ops/nginx/gerel.conf no longer has the upstream/listen lines this helper rewrites');
  return site;
}

/** A main nginx.conf around the site, everything under dir; brotli too where Debian's module is installed. */
export function mainConfig(dir: string, listen: number, upstreams: number[]): string {
  fs.writeFileSync(path.join(dir, 'gerel.conf'), siteConfig(listen, upstreams));
  for (const t of TEMPS) fs.mkdirSync(path.join(dir, t), { recursive: true });
  const brotli = fs.existsSync(BROTLI);
  return [
    brotli ? `load_module ${BROTLI};` : '',
    // As root, workers would otherwise run as nobody and could not use the private temp folders.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes auto;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    ...TEMPS.map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${dir}/gerel.conf;`,
    brotli ? `  include ${path.join(here, 'brotli.conf')};` : '',
    '}',
    '',
  ].join('\n');
}

export interface RunningNginx {
  url: string;
  proc: ChildProcess;
  /** What nginx printed and its error log. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground on 127.0.0.1:listen and waits until it answers /readyz through an app. */
export async function startNginx(dir: string, listen: number, upstreams: number[]): Promise<RunningNginx> {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed (apt-get install nginx)');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  const errorLog = path.join(dir, 'error.log');
  fs.writeFileSync(conf, mainConfig(dir, listen, upstreams));
  let out = '';
  const proc = spawn(bin, ['-p', dir, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const log = () => out + (fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : '');
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGQUIT'); // graceful: finish the requests in flight
    await exited;
  };
  const url = `http://127.0.0.1:${listen}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited:\n${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, proc, log, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx not ready:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
