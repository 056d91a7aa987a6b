// Rooms of renderer/ and which way their imports may point. The shell (app/) sits on top and may use
// anything; the workflow folders (ledgers, campaigns, review …) use each other, the shared widgets
// (ui/), the store's one door (db/), the workers and the platform; below them ui/, db/, workers/ and
// platform/ never import a room above them. So a widget never reaches into a page, the store never
// into the UI, and nothing but the shell imports the shell.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(__dirname, '../../renderer');

/** What each lower room may import besides itself (shared/ and packages are always allowed). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  ui: ['platform'],
  db: [],
  platform: [],
  workers: ['db', 'platform'],
};
const SHELL = 'app';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The room of a renderer path: its top folder (a folder imported by its index too), '' at the root (main.tsx). */
function roomOf(path: string): string {
  const rel = relative(RENDERER, path).split(sep);
  if (rel.length > 1) return rel[0]!;
  return existsSync(path) && statSync(path).isDirectory() ? rel[0]! : '';
}

/** Relative import specifiers of a file (static, dynamic and re-exports). */
function relativeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) out.push(m[1]!);
  return out;
}

/** Every import of the given renderer files that points from a room to one above it. */
function upwardImports(files: readonly { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path: file, text } of files) {
    const from = roomOf(file);
    if (from === '' || from === SHELL) continue;
    for (const spec of relativeImports(text)) {
      const target = resolve(file, '..', spec);
      if (!target.startsWith(RENDERER + sep)) continue;
      const to = roomOf(target);
      if (to === from) continue;
      const lower = MAY_IMPORT[from];
      const allowed = lower ? lower.includes(to) : to !== SHELL && to !== '';
      if (!allowed) found.push(`${relative(RENDERER, file)} → ${spec}`);
    }
  }
  return found;
}

describe('renderer rooms', () => {
  it('no file imports a room above its own (features never the shell; ui, db, workers, platform never a feature)', () => {
    const files = sourceFiles(RENDERER).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    expect(upwardImports(files)).toEqual([]);
  });

  it('refuses a widget reaching into a page, the store into the UI, a page into the shell', () => {
    const at = (p: string) => join(RENDERER, p);
    const files = [
      { path: at('ui/virtual-table.tsx'), text: "import { x } from '../ledgers/case-browser';" },
      { path: at('db/letters-repository.ts'), text: "const m = await import('../letters/use-letters');" },
      {
        path: at('letters/letters-page.tsx'),
        text: "import { App } from '../app/app';\nimport { y } from '../ui/confirm';",
      },
      {
        path: at('workers/draw-service.ts'),
        text: "export { z } from '../campaigns/seed';\nimport { d } from '../db/database';",
      },
      {
        path: at('results/results-page.tsx'),
        text: "import { l } from '../letters/letter-batch';\nimport { p } from '../platform';",
      },
    ];
    expect(upwardImports(files)).toEqual([
      'ui/virtual-table.tsx → ../ledgers/case-browser',
      'db/letters-repository.ts → ../letters/use-letters',
      'letters/letters-page.tsx → ../app/app',
      'workers/draw-service.ts → ../campaigns/seed',
    ]);
  });
});
