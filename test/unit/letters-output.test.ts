// A real letter built from review results, checked in its PDF (poppler) and DOCX (LibreOffice) forms.
// Each check skips, saying why, when its tool is not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { documentText } from '../../shared/documents/sample';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
} from '../../shared/letters/rectification-letter';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { defaultStandards } from '../../shared/standards/default-standards';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const fonts = {
  body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
};

function has(tool: string, arg = '-v'): boolean {
  return !spawnSync(tool, [arg], { encoding: 'utf8' }).error;
}
const HAS_POPPLER = has('pdftotext') && has('pdffonts') && has('pdfinfo');
const HAS_LIBREOFFICE = has('libreoffice', '--version');
if (!HAS_POPPLER)
  console.log('[letters-output] 跳过 PDF 输出检查：未安装 poppler-utils（pdftotext/pdffonts/pdfinfo）。');
if (!HAS_LIBREOFFICE) console.log('[letters-output] 跳过 DOCX 转换检查：未安装 libreoffice。');

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const squash = (s: string): string => s.replace(/\s+/g, '');
const withoutPageNumbers = (s: string): string => s.replace(/[—–-]\d+[—–-]/g, '');

const files = sampleReviewedFiles({ departments: 4, filesPerDepartment: 5, seed: 21, cleanShare: 0 });
const results = buildCampaignResults(files);
const facts = letterFactsFor(
  { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 },
  results,
  basisFromStandards(defaultStandards()),
  new Map(results.departments.map((d) => [d.department, d.fileCount])),
);
const settings = {
  ...defaultLetterSettings(),
  issuer: '德阳市司法局',
  prefix: '德法函',
  contact: '联系人：张三，电话：0838-1234567',
};
const letter = buildRectificationLetter(facts[0]!, settings, {
  docNumber: '德法函〔2026〕12号',
  issueDate: '2026-11-26',
});

describe.skipIf(!HAS_POPPLER)('letter PDF built from results (poppler)', () => {
  let dir: string;
  let pdfPath: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'pingcha-letter-'));
    pdfPath = join(ARTIFACTS, 'letters-letter.pdf');
    writeFileSync(
      pdfPath,
      await renderPdf(letter, fonts, { creationDate: new Date('2026-11-26T09:00:00+08:00') }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('contains exactly the source text (whitespace and page numbers aside)', () => {
    const text = run('pdftotext', ['-layout', pdfPath, '-']);
    expect(withoutPageNumbers(squash(text))).toBe(squash(documentText(letter)));
    expect(text).toContain('德法函〔2026〕12号');
  });

  it('embeds subset fonts and stays small', () => {
    const rows = run('pdffonts', [pdfPath])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      expect(cols[0]).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
      expect(cols.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    expect(readFileSync(pdfPath).length).toBeLessThan(400 * 1024);
    expect(run('pdfinfo', [pdfPath])).toMatch(/Page size:\s+595\.28 x 841\.89 pts/);
  });
});

describe.skipIf(!HAS_LIBREOFFICE || !HAS_POPPLER)('letter DOCX built from results (LibreOffice)', () => {
  let dir: string;
  let converted: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingcha-letter-docx-'));
    const path = join(dir, 'letters-letter.docx');
    writeFileSync(path, await renderDocx(letter));
    const profile = `file://${join(dir, 'lo-profile')}`;
    run('libreoffice', [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      path,
    ]);
    converted = join(dir, 'letters-letter.pdf');
  }, 200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts with the same text', () => {
    // A table split over two pages repeats its header row (w:tblHeader): keep the first one only.
    const header = '序号案卷编号得分等次问题数';
    const raw = withoutPageNumbers(squash(run('pdftotext', ['-layout', converted, '-'])));
    const at = raw.indexOf(header) + header.length;
    const text = raw.slice(0, at) + raw.slice(at).split(header).join('');
    // LibreOffice hangs some pause marks past the margin and drops them from the extracted text (see
    // documents-output.test.ts): compare without punctuation, and allow only a few missing marks.
    const noPunct = (s: string): string => s.replace(/\p{P}/gu, '');
    const expected = squash(documentText(letter));
    expect(noPunct(text)).toBe(noPunct(expected));
    expect(expected.length - text.length).toBeLessThanOrEqual(12);
  });
});
