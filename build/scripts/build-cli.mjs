#!/usr/bin/env node
// Compiles the `pingcha` command (shared/cli/main.ts and everything it imports) to plain JavaScript with
// esbuild, so the command never compiles TypeScript when it starts. Run by `npm install` (the root
// `prepare` script) and, when the sources changed since, by build/bin/pingcha.mjs on first use.
//
// Output: dist/cli/<build>/main.mjs (and ticket-key.mjs for the hashing threads) plus one chunk per lazily loaded command (code splitting keeps
// `--help` from loading any command), and dist/cli/current.json naming the build and the source files
// it was made from (with size and mtime), so a stale build is noticed. A build is written into a fresh
// folder and published by renaming current.json over the old one: a process starting meanwhile reads
// either the old build or the new one, never half of one.
import { build } from 'esbuild';
import { readdirSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where builds go: dist/cli, or PINGCHA_CLI_CACHE (tests use a temporary folder). */
export const CLI_OUT = process.env.PINGCHA_CLI_CACHE || path.join(root, 'dist', 'cli');
const SELF = path.relative(root, fileURLToPath(import.meta.url));

/** Size and mtime of each project file (relative path) the build depends on. */
export function sourceStamps(files) {
  return files.map((f) => {
    const s = statSync(path.join(root, f));
    return [f, s.size, s.mtimeMs];
  });
}

/** Builds the CLI into a new folder under dist/cli and publishes it; returns the manifest. */
export async function buildCli() {
  mkdirSync(CLI_OUT, { recursive: true });
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  const outdir = path.join(CLI_OUT, dir);
  const result = await build({
    absWorkingDir: root,
    // ticket-key: the hashing of `pingcha sample`, loaded by its worker threads (build/bin/pingcha.mjs).
    entryPoints: { main: 'shared/cli/main.ts', 'ticket-key': 'shared/draw/ticket-key.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  // Project sources only: node_modules changes only through npm, which runs this build again.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/') && !f.includes(':'))
    .concat(SELF)
    .sort();
  const manifest = { dir, builtAt: new Date().toISOString(), inputs: sourceStamps(inputs) };
  const tmp = path.join(CLI_OUT, `current.json.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, path.join(CLI_OUT, 'current.json'));
  // Old builds go after a while (a process that read the old current.json may still be loading one).
  const now = Date.now();
  for (const name of readdirSync(CLI_OUT)) {
    if (name === dir || !name.startsWith('b-')) continue;
    try {
      if (now - statSync(path.join(CLI_OUT, name)).mtimeMs > 10 * 60_000) {
        rmSync(path.join(CLI_OUT, name), { recursive: true, force: true });
      }
    } catch {
      // Another process removed it first.
    }
  }
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const m = await buildCli();
    console.log(
      `pingcha 命令行已编译 / CLI compiled: ${path.relative(root, path.join(CLI_OUT, m.dir))} (${m.inputs.length} source files)`,
    );
  } catch (e) {
    console.error(`pingcha 命令行编译失败 / CLI build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
