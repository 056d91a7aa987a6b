#!/usr/bin/env node
// Runs every benchmark in test/bench/ (files named *.bench.ts), one after another, each in its
// own process, and prints their figures. A benchmark prints lines like
//   name  1.23 s (target <= 3 s)  OK|OVER
// and exits non-zero only when it could not run. `npm run bench -- sampler` runs the matching ones.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/bench');
// `--name value` pairs (e.g. `npm run bench -- province --files 200000`) go to the benchmarks run;
// the other words choose them.
const args = process.argv.slice(2);
const options = [];
const filter = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) options.push(args[i], ...(args[i + 1] !== undefined ? [args[++i]] : []));
  else filter.push(args[i]);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter.length || filter.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, f), ...options], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  if (r.status !== 0) {
    failed++;
    console.log(`!!! ${f} exited with ${r.status}`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed to run`);
process.exit(failed ? 1 : 0);
