// Issue 31: the command the README has users type is the fast, direct one, and it is the one the CLI
// benchmark times (npx spends 1-1.7 s inside npm before pingcha starts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('README shows the direct pingcha command', () => {
  const readme = read('README.md');
  const codeLines = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const cliLines = codeLines.filter((l) => /\bpingcha\b/.test(l) && !l.startsWith('npm '));

  it('every command line of the CLI section runs build/bin/pingcha.mjs with node, never npx', () => {
    expect(cliLines.length).toBeGreaterThanOrEqual(8);
    for (const line of cliLines) expect(line).toMatch(/^node build\/bin\/pingcha\.mjs /);
    expect(codeLines.some((l) => l.startsWith('npx pingcha'))).toBe(false);
  });

  it('the CLI benchmark times that same entry', () => {
    expect(read('test/bench/cli-process.bench.ts')).toContain("'build/bin/pingcha.mjs'");
    expect(JSON.parse(read('package.json')).bin.pingcha).toBe('build/bin/pingcha.mjs');
  });
});
