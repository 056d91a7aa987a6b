#!/usr/bin/env node
// `pingcha` CLI entry. Runs the compiled JavaScript in dist/cli (made by `npm install`, see
// build/scripts/build-cli.mjs); no TypeScript is compiled when the command starts. If the build is
// missing or older than the sources (a developer edited shared/, or pulled new commands), it is
// rebuilt once, here, with esbuild, and the result is reused by every later start.
import { fstatSync, readFileSync, readSync, statSync } from 'node:fs';
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

// Ids are hashed in chunks that this thread and the worker threads claim from a shared counter, so
// a thread that started late or runs slower simply takes fewer chunks: nobody waits idle at the end.
const KEY_CHUNK = 16384;
const WORKER_CODE = `const { workerData: d, parentPort } = require('node:worker_threads');
const ready = import(d.url);
parentPort.once('message', (j) => {
  ready.then((m) => {
    const bytes = new Uint8Array(j.bytes), starts = new Uint32Array(j.starts), ends = new Uint32Array(j.ends);
    const keys = new Float64Array(j.keys), next = new Int32Array(j.next), n = starts.length;
    for (;;) {
      const from = Atomics.add(next, 0, j.chunk);
      if (from >= n) break;
      m.firstTicketKeysOfRanges(j.seed, bytes, starts, ends, keys, from, Math.min(n, from + j.chunk));
      Atomics.add(next, 1, 1);
    }
    parentPort.postMessage('done');
  });
});`;

/** Hashing threads started early (see `prewarm`): they load the compiled hashing code while input is read. */
let warmWorkers = null;

/** Starts (cores - 1) hashing threads before the input is read, when the command will hash many ids. */
async function prewarm() {
  const { availableParallelism } = await import('node:os');
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  if (threads === 1) return;
  const { Worker } = await import('node:worker_threads');
  const url = pathToFileURL(path.join(buildDir, 'ticket-key.mjs')).href;
  warmWorkers = [];
  for (let t = 1; t < threads; t++) {
    const w = new Worker(WORKER_CODE, { eval: true, workerData: { url } });
    w.unref();
    w.on('error', () => {});
    warmWorkers.push(w);
  }
}

/** A copy of `src` on shared memory, unless it already is. */
function shared(src, Type) {
  if (src.buffer instanceof SharedArrayBuffer) return src;
  const a = new Type(new SharedArrayBuffer(src.byteLength));
  a.set(src);
  return a;
}

/**
 * First-ticket keys of many ids, the work shared between this thread and the hashing threads, all
 * running the same compiled firstTicketKeysOfRanges on shared memory.
 */
async function firstTicketKeys(seedHashHex, bytes, starts, ends) {
  const url = pathToFileURL(path.join(buildDir, 'ticket-key.mjs')).href;
  const { firstTicketKeysOfRanges } = await import(url);
  const n = starts.length;
  const workers = warmWorkers ?? [];
  warmWorkers = null;
  if (workers.length === 0) return firstTicketKeysOfRanges(seedHashHex, bytes, starts, ends);
  const job = {
    seed: seedHashHex,
    bytes: shared(bytes, Uint8Array).buffer,
    starts: shared(starts, Uint32Array).buffer,
    ends: shared(ends, Uint32Array).buffer,
    keys: new SharedArrayBuffer(n * 8),
    // [next id to claim, chunks finished]
    next: new SharedArrayBuffer(8),
    chunk: KEY_CHUNK,
  };
  const sBytes = new Uint8Array(job.bytes);
  const sStarts = new Uint32Array(job.starts);
  const sEnds = new Uint32Array(job.ends);
  const keys = new Float64Array(job.keys);
  const next = new Int32Array(job.next);
  const done = workers.map(
    (w) =>
      new Promise((resolve) => {
        w.once('message', () => resolve());
        w.once('exit', () => resolve());
        w.postMessage(job);
      }),
  );
  const chunks = Math.ceil(n / KEY_CHUNK);
  for (;;) {
    const from = Atomics.add(next, 0, KEY_CHUNK);
    if (from >= n) break;
    firstTicketKeysOfRanges(seedHashHex, sBytes, sStarts, sEnds, keys, from, Math.min(n, from + KEY_CHUNK));
    Atomics.add(next, 1, 1);
  }
  await Promise.all(done);
  for (const w of workers) void w.terminate();
  // A thread that died mid-chunk leaves its chunk unfinished: hash everything here again to be sure.
  if (Atomics.load(next, 1) !== chunks)
    return firstTicketKeysOfRanges(seedHashHex, sBytes, sStarts, sEnds, keys);
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

/**
 * Reads standard input into shared memory (the hashing threads read it there without a copy). A regular
 * file is read in one go at its size; a pipe grows the buffer by doubling.
 */
async function readStdin() {
  let st = null;
  try {
    st = fstatSync(0);
  } catch {
    st = null;
  }
  if (st && st.isFile() && st.size < STDIN_LIMIT) {
    const buf = new Uint8Array(new SharedArrayBuffer(st.size));
    let off = 0;
    while (off < buf.length) {
      const got = readSync(0, buf, off, buf.length - off, null);
      if (got === 0) break;
      off += got;
    }
    return off === buf.length ? buf : buf.slice(0, off);
  }
  let buf = new Uint8Array(new SharedArrayBuffer(1 << 20));
  let total = 0;
  for await (const chunk of process.stdin) {
    const take = Math.min(chunk.length, STDIN_LIMIT - total);
    if (total + take > buf.length) {
      const grown = new Uint8Array(new SharedArrayBuffer(Math.max(buf.length * 2, total + take)));
      grown.set(buf.subarray(0, total));
      buf = grown;
    }
    buf.set(chunk.subarray(0, take), total);
    total += take;
    if (total >= STDIN_LIMIT) break;
  }
  return buf.subarray(0, total);
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
  // `sample` hashes every id: start the hashing threads now, so they load while the input is read.
  if (runCli && process.argv[2] === 'sample' && !process.argv.includes('--help')) await prewarm();
  process.exitCode = runCli ? await runCli(process.argv.slice(2), io) : 2;
} catch (e) {
  // no stack trace for a user (PINGCHA_DEBUG=1 shows it)
  const detail =
    e instanceof Error ? (process.env.PINGCHA_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
  process.stderr.write(`pingcha 内部错误 / internal error: ${detail}\n`);
  process.exitCode = 2;
}
