#!/usr/bin/env node
/**
 * Command line: `gerel-mongol COMMAND` reads UTF-8 lines on stdin and writes one result line per
 * input line. Streams in constant memory, rejects invalid UTF-8, respects stdout backpressure.
 */
import { once } from 'node:events';
import { fromLatin, toLatin } from './latin.js';
import { fromMenksoft, toMenksoft } from './menksoft.js';
import { detectEncoding } from './detect.js';
import { normalize } from './normalize.js';
import { describeKey, shapeKey } from './shape-key.js';
import { tokenize } from './tokenize.js';
import { writtenUnits } from './written-units.js';

const COMMANDS: Record<string, (line: string) => string> = {
  'written-units': (line) => writtenUnits(line).join(' '),
  'shape-key': (line) => describeKey(shapeKey(line)),
  normalize,
  'to-menksoft': toMenksoft,
  'from-menksoft': fromMenksoft,
  'to-latin': (line) => toLatin(line),
  'from-latin': fromLatin,
  detect: detectEncoding,
  tokens: (line) => tokenize(line).map(describeKey).join(' '),
};

function fail(english: string, chinese: string): never {
  process.stderr.write(`gerel-mongol: ${english}\ngerel-mongol：${chinese}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const command = COMMANDS[name];
  if (!command) {
    fail(
      `unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}`,
      `未知命令“${name}”。可用命令：${Object.keys(COMMANDS).join('、')}`,
    );
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let lineNumber = 0;
  const write = async (s: string): Promise<void> => {
    if (!process.stdout.write(s)) await once(process.stdout, 'drain');
  };
  const emit = async (text: string, final: boolean): Promise<void> => {
    pending += text;
    let start = 0;
    let out = '';
    for (let nl = pending.indexOf('\n', start); nl >= 0; nl = pending.indexOf('\n', start)) {
      let line = pending.slice(start, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      out += command(line) + '\n';
      lineNumber++;
      start = nl + 1;
      if (out.length > 1 << 16) { await write(out); out = ''; }
    }
    pending = pending.slice(start);
    if (final && pending) { out += command(pending) + '\n'; pending = ''; }
    if (out) await write(out);
  };
  try {
    for await (const chunk of process.stdin) {
      await emit(decoder.decode(chunk as Uint8Array, { stream: true }), false);
    }
    await emit(decoder.decode(), true);
  } catch (error) {
    if (error instanceof TypeError) {
      fail(`invalid UTF-8 in the input after line ${lineNumber}`, `输入在第 ${lineNumber} 行之后含有无效的 UTF-8 编码`);
    }
    throw error;
  }
}

void main();
