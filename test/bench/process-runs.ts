// Whole-process timing for the CLI benches: `n` runs after one untimed warm-up, min / median / max, and the
// median CPU seconds from /usr/bin/time where present (load inflates it far less than wall time).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Runs {
  min: number;
  median: number;
  max: number;
  /** Median CPU seconds (user + sys, all threads) from /usr/bin/time, when present: less sensitive to load. */
  cpu: number | null;
  stdout: string;
}

const TIME = '/usr/bin/time';

/** Runs a command `n` times (after one untimed warm-up); stdin from a file when given. */
export function runs(n: number, cmd: string, args: string[], stdinFile?: string, okStatus = [0]): Runs {
  const times: number[] = [];
  const cpus: number[] = [];
  const cpuFile = join(tmpdir(), `pingcha-bench-cpu-${process.pid}.txt`);
  const timed = existsSync(TIME);
  let stdout = '';
  for (let i = 0; i <= n; i++) {
    const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const options: SpawnSyncOptions = {
      stdio: [fd, 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      // The command as a user starts it: no loader or heap flags from the bench runner.
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    };
    const t = performance.now();
    const r = timed
      ? spawnSync(TIME, ['-o', cpuFile, '-f', '%U %S', cmd, ...args], options)
      : spawnSync(cmd, args, options);
    const s = (performance.now() - t) / 1000;
    if (typeof fd === 'number') closeSync(fd);
    if (r.status === null || !okStatus.includes(r.status)) {
      throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    }
    stdout = String(r.stdout);
    if (i > 0) {
      times.push(s); // run 0 is the warm-up (file cache, a stale CLI build rebuilt)
      if (timed) {
        const [u, sys] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
        cpus.push(u! + sys!);
      }
    }
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const cpu = cpus.length ? cpus[Math.floor(cpus.length / 2)]! : null;
  return { min: times[0]!, median, max: times.at(-1)!, cpu, stdout };
}

export const spread = (r: Runs): string =>
  `(min ${r.min.toFixed(3)} / median ${r.median.toFixed(3)} / max ${r.max.toFixed(3)} s` +
  (r.cpu === null ? ')' : `; CPU user+sys median ${r.cpu.toFixed(2)} s)`);
