import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const serverMain = path.join(repoRoot, 'server/dist/main.js');
const webIndex = path.join(repoRoot, 'web/dist/index.html');

export interface RunningServer {
  baseUrl: string;
  adminPassword: string;
  /** What the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** A free TCP port on 127.0.0.1 (also for a server that must come back on the same port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the real server (`node server/dist/main.js`) on a free port with a fresh data directory
 * (so a fresh SQLite database, seeded on first start) and a known admin password; resolves once
 * /readyz answers 200. With `port` and `dataDir` it starts on those instead (a restart of the same
 * instance); the caller then owns the directory and stop() leaves it in place.
 */
export async function startServer({ timeoutMs = 60_000, port: fixedPort, dataDir: fixedDir }: { timeoutMs?: number; port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  for (const [file, build] of [
    [serverMain, 'npm run build -w @gerel/mongol -w @gerel/text -w @gerel/server'],
    [webIndex, 'npm run build -w @gerel/web'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run \`${build}\` first`);
  }

  const port = fixedPort ?? (await freePort());
  const dataDir = fixedDir ?? (await mkdtemp(path.join(tmpdir(), 'gerel-e2e-')));
  const adminPassword = 'e2e-admin-Passw0rd';
  const baseUrl = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      GEREL_DATA_DIR: dataDir,
      GEREL_ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    if (!fixedDir) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the server exited before it was ready:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return { baseUrl, adminPassword, output: () => log, stop };
}
