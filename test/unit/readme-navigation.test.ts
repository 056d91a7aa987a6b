// The README's table of navigation entries says where the 通报 is made, as the app does (整改函).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rowOf = (label: string) => readme.split('\n').find((l) => l.startsWith(`| ${label} |`)) ?? '';

describe('README and navigation agree', () => {
  it('the 通报 is under 整改函 in both', () => {
    const lettersPage = readFileSync(
      new URL('../../renderer/letters/letters-page.tsx', import.meta.url),
      'utf8',
    );
    expect(lettersPage).toMatch(/<ReportPanel\b/);
    expect(rowOf('整改函')).toContain('通报');
    expect(rowOf('评查结果')).not.toContain('通报');
  });
});
