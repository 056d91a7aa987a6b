#!/usr/bin/env node
// `pingcha` CLI entry. Runs the TypeScript sources in shared/ through tsx's loader, so `npx pingcha`
// works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';

register();

const { runCli } = await import('../../shared/cli/main.ts');

// Standard input is read up to just past the largest accepted file (200 MB), so the size check refuses it.
const STDIN_LIMIT = 200 * 1024 * 1024 + 1;

async function readStdin() {
  const chunks = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= STDIN_LIMIT) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const io = {
  // a view on the Buffer, not a copy: a 200 MB file must not cost 400 MB
  readFile: async (path) => {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  fileSize: async (path) => (await stat(path)).size,
  readStdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  sha256Hex: (s) => createHash('sha256').update(s, 'utf8').digest('hex'),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (e) {
  // no stack trace for a user (PINGCHA_DEBUG=1 shows it)
  const detail =
    e instanceof Error ? (process.env.PINGCHA_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
  process.stderr.write(`pingcha 内部错误 / internal error: ${detail}\n`);
  process.exitCode = 2;
}
