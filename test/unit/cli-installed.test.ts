// The installed `pingcha` command runs compiled JavaScript: no TypeScript file and no TypeScript loader
// (tsx) is ever loaded when it starts, and a missing or stale build is rebuilt once, then reused.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const bin = join(root, pkg.bin['pingcha']!);

/** Runs the bin with a module hook that records every module URL Node resolves. */
function runTraced(args: string[], env: Record<string, string> = {}, input?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-trace-'));
  const log = join(dir, 'modules.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});
`,
  );
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(dir, 'register.mjs')).href, bin, ...args],
    {
      encoding: 'utf8',
      input,
      // No NODE_OPTIONS from the test runner (which may carry a loader of its own).
      env: { PATH: process.env['PATH'] ?? '', ...env },
      timeout: 120_000,
    },
  );
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { ...r, modules };
}

const typescriptModules = (urls: string[]): string[] =>
  urls.filter((u) => /\.(c|m)?tsx?$/.test(new URL(u).pathname) || u.includes('/node_modules/tsx/'));

describe('pingcha as installed (compiled, no TypeScript loader)', () => {
  // After an edit of shared/ the first start rebuilds (tested below); the traced runs want the
  // steady state a user has after npm install.
  beforeAll(() => {
    spawnSync(process.execPath, [bin, '--version'], {
      env: { PATH: process.env['PATH'] ?? '' },
      timeout: 120_000,
    });
  });

  it('package.json: the bin is build/bin/pingcha.mjs and npm install compiles the CLI (prepare)', () => {
    expect(pkg.bin['pingcha']).toBe('build/bin/pingcha.mjs');
    expect(pkg.scripts['prepare']).toContain('build/scripts/build-cli.mjs');
  });

  it('--help, sample and ledger check load only compiled JavaScript', () => {
    const help = runTraced(['--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('pingcha sample');
    expect(help.modules.some((u) => /\/dist\/cli\/b-[^/]+\/main\.mjs$/.test(u))).toBe(true);
    expect(typescriptModules(help.modules)).toEqual([]);
    // --help loads no command chunk's dependencies: only the entry's own chunks.
    expect(help.modules.filter((u) => u.includes('/node_modules/'))).toEqual([]);

    const sample = runTraced(['sample', '--seed', '01382438112797316654', '--take', '1'], {}, 'AB-130\nx\n');
    expect(sample.stderr).toBe('');
    expect(sample.status).toBe(0);
    expect(typescriptModules(sample.modules)).toEqual([]);

    const check = runTraced(['ledger', 'check', join(root, 'package.json')]);
    expect(check.status).toBe(2);
    expect(check.stderr + check.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(typescriptModules(check.modules)).toEqual([]);
  });

  it('sample on 60,000 ids (keys hashed on several threads) prints exactly what drawSample gives', async () => {
    const { drawSample } = await import('../../shared/draw/sampler');
    const ids = Array.from(
      { length: 60_000 },
      (_, i) => `德阳市市场监督管理局|德市罚〔2024〕${i + 1}号${i % 7 ? '' : '😀'}`,
    );
    const seed = '01382438112797316654';
    const r = runTraced(['sample', '--seed', seed, '--take', '300'], {}, ids.join('\r\n'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.modules.some((u) => u.endsWith('/ticket-key.mjs'))).toBe(true);
    const expected = drawSample(ids, seed, { take: 300 });
    expect(r.stdout).toBe(expected.map((x) => `${x.ticket}\t${x.id}\t1\n`).join(''));
  });

  it('sample reads standard input redirected from a file (read at its size into shared memory) the same way', async () => {
    const { drawSample } = await import('../../shared/draw/sampler');
    const ids = Array.from({ length: 70_001 }, (_, i) => `德阳市应急管理局|德应急罚〔2025〕${i + 1}号`);
    const seed = '77777777777777777777';
    const dir = mkdtempSync(join(tmpdir(), 'pingcha-stdin-file-'));
    const file = join(dir, 'ids.txt');
    writeFileSync(file, ids.join('\n') + '\n');
    const fd = openSync(file, 'r');
    const r = spawnSync(process.execPath, [bin, 'sample', '--seed', seed, '--take', '250'], {
      stdio: [fd, 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
      timeout: 120_000,
    });
    closeSync(fd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = drawSample(ids, seed, { take: 250 });
    expect(r.stdout).toBe(expected.map((x) => `${x.ticket}\t${x.id}\t1\n`).join(''));
  });

  it('builds into the cache on first use, reuses it, and rebuilds when a source changed', () => {
    const cache = mkdtempSync(join(tmpdir(), 'pingcha-cli-cache-'));
    const env = { PINGCHA_CLI_CACHE: cache };
    const first = runTraced(['--help'], env);
    expect(first.status).toBe(0);
    expect(first.modules.some((u) => u.includes('build-cli.mjs'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8')) as {
      dir: string;
      inputs: [string, number, number][];
    };
    expect(manifest.inputs.map((x) => x[0])).toContain('shared/cli/main.ts');
    expect(manifest.inputs.map((x) => x[0])).toContain('shared/cli/sample-command.ts');

    const second = runTraced(['--help'], env);
    expect(second.status).toBe(0);
    expect(second.modules.some((u) => u.includes('build-cli.mjs') || u.includes('esbuild'))).toBe(false);
    expect(second.modules.some((u) => u.includes(`/${manifest.dir}/main.mjs`))).toBe(true);

    // Pretend shared/cli/main.ts changed since the build: the next start rebuilds.
    const stale = {
      ...manifest,
      inputs: manifest.inputs.map(([f, size, mtime]): [string, number, number] =>
        f === 'shared/cli/main.ts' ? [f, size, mtime - 1000] : [f, size, mtime],
      ),
    };
    writeFileSync(join(cache, 'current.json'), JSON.stringify(stale));
    const third = runTraced(['--help'], env);
    expect(third.status).toBe(0);
    expect(third.modules.some((u) => u.includes('build-cli.mjs'))).toBe(true);
    const rebuilt = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8')) as { dir: string };
    expect(rebuilt.dir).not.toBe(manifest.dir);
    expect(readdirSync(cache)).toContain(rebuilt.dir);
  });
});
