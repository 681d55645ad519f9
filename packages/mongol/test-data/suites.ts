// Loads the conformance suites for tests (Node only; not part of the published package).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALIASES } from '../src/tables/aliases.js';

const codeOf = new Map(ALIASES.map(([alias, code]) => [alias, code]));

/** Converts space-separated UTN aliases to text. */
export function fromAliases(aliases: string): string {
  return aliases.split(' ').map((alias) => String.fromCharCode(codeOf.get(alias)!)).join('');
}

/** Reads a suite as [id, text, expected written units]. */
export function loadSuite(name: 'core-hud' | 'eac-hud'): [string, string, string][] {
  const path = fileURLToPath(new URL(`./${name}.tsv`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [id, input, expected] = line.split('\t') as [string, string, string];
      return [id, fromAliases(input), expected];
    });
}

/** Every Hudum word of both suites (split at spaces), deduplicated. */
export function suiteWords(): string[] {
  const words = new Set<string>();
  for (const suite of ['core-hud', 'eac-hud'] as const) {
    for (const [, text] of loadSuite(suite)) for (const w of text.split(' ')) if (w) words.add(w);
  }
  return [...words];
}
