#!/usr/bin/env node
// `pingcha` CLI entry. Runs the compiled JavaScript in dist/cli (made by `npm install`, see
// build/scripts/build-cli.mjs); no TypeScript is compiled when the command starts. If the build is
// missing or older than the sources (a developer edited shared/, or pulled new commands), it is
// rebuilt once, here, with esbuild, and the result is reused by every later start.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// PINGCHA_CLI_CACHE moves the compiled build (as in build/scripts/build-cli.mjs).
const cliOut = process.env.PINGCHA_CLI_CACHE || path.join(root, 'dist', 'cli');

function readManifest() {
  try {
    return JSON.parse(readFileSync(path.join(cliOut, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
}

function isStale(manifest) {
  if (!manifest || !Array.isArray(manifest.inputs) || typeof manifest.dir !== 'string') return true;
  for (const [f, size, mtime] of manifest.inputs) {
    let s;
    try {
      s = statSync(path.join(root, f));
    } catch {
      return true;
    }
    if (s.size !== size || s.mtimeMs !== mtime) return true;
  }
  return false;
}

async function loadRunCli() {
  let manifest = readManifest();
  if (isStale(manifest)) {
    try {
      const { buildCli } = await import('../scripts/build-cli.mjs');
      manifest = await buildCli();
    } catch (e) {
      if (!manifest) {
        process.stderr.write(
          '错误：pingcha 命令行尚未编译，且无法编译（需要先在项目文件夹运行 npm install）。\n' +
            `Error: the CLI is not compiled and could not be compiled: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        return null;
      }
      // Sources changed but cannot be compiled here (no esbuild): run the last build.
    }
  }
  return (await import(pathToFileURL(path.join(cliOut, manifest.dir, 'main.mjs')).href)).runCli;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const io = {
  readFile: async (p) => new Uint8Array(await readFile(p)),
  readStdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  sha256Hex: (s) => createHash('sha256').update(s, 'utf8').digest('hex'),
  isUtf8: (bytes) => isUtf8(bytes),
};

try {
  const runCli = await loadRunCli();
  process.exitCode = runCli ? await runCli(process.argv.slice(2), io) : 2;
} catch (e) {
  process.stderr.write(
    `pingcha 内部错误 / internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 2;
}
