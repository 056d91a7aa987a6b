#!/usr/bin/env node
// `pingcha` CLI entry. Runs the TypeScript sources in shared/ through tsx's loader, so `npx pingcha`
// works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';

register();

const { runCli } = await import('../../shared/cli/main.ts');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const io = {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  readStdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  sha256Hex: (s) => createHash('sha256').update(s, 'utf8').digest('hex'),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (e) {
  process.stderr.write(
    `pingcha 内部错误 / internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 2;
}
