import { spawnSync, execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromAliases } from '../test-data/suites.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (args: string[], input: string | Buffer) => spawnSync('node', [cli, ...args], { input });

describe('cli', () => {
  beforeAll(() => {
    execSync('npx tsc -b', { cwd: pkg, stdio: 'inherit' });
  }, 120_000);

  it('writes one line per input line, in order', () => {
    const input = `${fromAliases('a n a g mvs a')}\n\n${fromAliases('m o r i n')}\n`;
    const r = run(['written-units'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.toString('utf8')).toBe('A A N A Hx _ Aa\n\nM O R I A\n');
  });

  it('runs every command', () => {
    for (const command of ['shape-key', 'normalize', 'to-menksoft', 'from-menksoft', 'to-latin', 'from-latin', 'detect', 'tokens']) {
      const r = run([command], 'x\ny');
      expect(r.status, command).toBe(0);
      expect(r.stdout.toString('utf8').split('\n').length, command).toBe(3);
    }
    expect(run(['detect'], fromAliases('a')).stdout.toString()).toBe('unicode\n');
  });

  it('rejects an unknown command and invalid UTF-8 in English and Chinese', () => {
    const unknown = run(['nope'], '');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr.toString()).toMatch(/unknown command/);
    expect(unknown.stderr.toString()).toMatch(/未知命令/);
    const bad = run(['shape-key'], Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.toString()).toMatch(/invalid UTF-8/);
    expect(bad.stderr.toString()).toMatch(/无效/);
  });
});
