// Page components stay small: a page is a composition of hooks and parts, so each top-level component
// function in renderer/ stays under 250 lines, with no exceptions (a component that grows past it is split
// into use-*.ts hooks and parts in their own files).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(__dirname, '../../renderer');
const MAX_LINES = 250;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

/** Lines of each top-level component function (`function Name(` at the margin to its closing `}`). */
export function componentSizes(text: string): Map<string, number> {
  const lines = text.split('\n');
  const out = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:export )?(?:default )?function ([A-Z]\w*)\s*[(<]/.exec(lines[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== '}') j++;
    out.set(m[1]!, j - i + 1);
    i = j;
  }
  return out;
}

describe('page component size', () => {
  const sizes = new Map<string, number>();
  for (const file of tsxFiles(RENDERER)) {
    const rel = relative(RENDERER, file).split('\\').join('/');
    for (const [name, n] of componentSizes(readFileSync(file, 'utf8'))) sizes.set(`${rel}#${name}`, n);
  }

  it(`keeps every component under ${MAX_LINES} lines`, () => {
    expect(sizes.size).toBeGreaterThan(100);
    const over = [...sizes].filter(([, n]) => n > MAX_LINES).map(([key, n]) => `${key}: ${n} lines`);
    expect(over).toEqual([]);
  });

  it('measures a component from its signature to its closing brace', () => {
    const text =
      'export function Page() {\n  const a = 1;\n  return a;\n}\nfunction part() {\n}\nfunction Part<T>() {\n}\n';
    expect([...componentSizes(text)]).toEqual([
      ['Page', 4],
      ['Part', 2],
    ]);
  });
});
