#!/usr/bin/env node
// `pingcha` CLI entry. Runs the compiled JavaScript in dist/cli (made by `npm install`, see
// build/scripts/build-cli.mjs); no TypeScript is compiled when the command starts. If the build is
// missing or older than the sources (a developer edited shared/, or pulled new commands), it is
// rebuilt once, here, with esbuild, and the result is reused by every later start.
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

let buildDir = null;

/**
 * First-ticket keys of many ids, the work shared between this thread and (cores - 1) worker threads,
 * all running the same compiled firstTicketKeysOfRanges on shared memory.
 */
async function firstTicketKeys(seedHashHex, bytes, starts, ends) {
  const url = pathToFileURL(path.join(buildDir, 'ticket-key.mjs')).href;
  const { firstTicketKeysOfRanges } = await import(url);
  const { availableParallelism } = await import('node:os');
  const n = starts.length;
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  if (threads === 1) return firstTicketKeysOfRanges(seedHashHex, bytes, starts, ends);
  const { Worker } = await import('node:worker_threads');
  const shared = (src, Type) => {
    const a = new Type(new SharedArrayBuffer(src.byteLength));
    a.set(src);
    return a;
  };
  const sBytes = shared(bytes, Uint8Array);
  const sStarts = shared(starts, Uint32Array);
  const sEnds = shared(ends, Uint32Array);
  const keys = new Float64Array(new SharedArrayBuffer(n * 8));
  const cut = (t) => Math.floor((n * t) / threads);
  const code = `const { workerData: d, parentPort } = require('node:worker_threads');
import(d.url).then((m) => {
  m.firstTicketKeysOfRanges(d.seed, new Uint8Array(d.bytes), new Uint32Array(d.starts), new Uint32Array(d.ends), new Float64Array(d.keys), d.from, d.to);
  parentPort.postMessage('done');
});`;
  const done = [];
  for (let t = 1; t < threads; t++) {
    const range = { from: cut(t), to: cut(t + 1) };
    const workerData = {
      url,
      seed: seedHashHex,
      bytes: sBytes.buffer,
      starts: sStarts.buffer,
      ends: sEnds.buffer,
      keys: keys.buffer,
      ...range,
    };
    done.push(
      new Promise((resolve) => {
        const w = new Worker(code, { eval: true, workerData });
        let ok = false;
        w.once('message', () => (ok = true));
        w.once('error', () => {});
        w.once('exit', () => resolve(ok ? null : range));
      }),
    );
  }
  firstTicketKeysOfRanges(seedHashHex, sBytes, sStarts, sEnds, keys, 0, cut(1));
  // A range whose thread failed is hashed here.
  for (const failed of await Promise.all(done)) {
    if (failed) firstTicketKeysOfRanges(seedHashHex, sBytes, sStarts, sEnds, keys, failed.from, failed.to);
  }
  return keys;
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
  buildDir = path.join(cliOut, manifest.dir);
  return (await import(pathToFileURL(path.join(buildDir, 'main.mjs')).href)).runCli;
}

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
  readFile: async (p) => {
    const b = await readFile(p);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  fileSize: async (p) => (await stat(p)).size,
  readStdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  sha256Hex: (s) => createHash('sha256').update(s, 'utf8').digest('hex'),
  isUtf8: (bytes) => isUtf8(bytes),
  firstTicketKeys,
};

try {
  const runCli = await loadRunCli();
  process.exitCode = runCli ? await runCli(process.argv.slice(2), io) : 2;
} catch (e) {
  // no stack trace for a user (PINGCHA_DEBUG=1 shows it)
  const detail =
    e instanceof Error ? (process.env.PINGCHA_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
  process.stderr.write(`pingcha 内部错误 / internal error: ${detail}\n`);
  process.exitCode = 2;
}
