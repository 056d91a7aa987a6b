// 整改函 cite where each pinned problem was found (issue 27): "德市监罚〔2024〕112号 第12页 送达回证", in the
// letter's text and in its PDF (poppler) and DOCX (LibreOffice) bytes; a long letter cites in 表2.
// The optional 附件 of evidence crops: one picture per pinned problem, downscaled, in both files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { documentText } from '../../shared/documents/sample';
import { buildCampaignResults } from '../../shared/review/results';
import { scoreCaseFile } from '../../shared/review/scoring-engine';
import { sampleReviewedFiles, type SampleReviewedFile } from '../../shared/letters/sample-results';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
} from '../../shared/letters/rectification-letter';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { citePins, pageLabelLookup } from '../../shared/letters/evidence-citations';
import { withSheetPins } from '../../shared/case-files/sheet-pins';
import {
  cropSizeMm,
  evidenceAnnex,
  evidenceCropRequests,
  withEvidenceAnnex,
  type EvidenceCrop,
} from '../../shared/letters/evidence-annex';
import { unzipSync } from 'fflate';
import { makeGreyPng } from '../fixtures/png';
import { defaultStandards } from '../../shared/standards/default-standards';
import type { CasePin } from '../../shared/case-files/pin-geometry';

const SHA = 'a'.repeat(64);
const labels = pageLabelLookup(new Map([[SHA, { 11: '送达回证' }]]));
const pin = (page: number): CasePin => ({ fileSha256: SHA, page, rect: { x: 0.1, y: 0.1, w: 0.2, h: 0.1 } });
const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局', prefix: '德法函' };
const issue = { docNumber: '德法函〔2026〕12号', issueDate: '2026-11-26' };

/** Sample files with pins on the first deduction of the first file that has one; that file's department's letter. */
function pinnedLetter(perDept: number, pins: CasePin[] | null) {
  const files = sampleReviewedFiles({ departments: 2, filesPerDepartment: perDept, seed: 21, cleanShare: 0 });
  const target = files.find((f) => f.sheet.deductions.length > 0)!;
  const withPins: SampleReviewedFile[] = files.map((f) =>
    f === target && pins
      ? {
          ...f,
          sheet: { ...f.sheet, deductions: f.sheet.deductions.map((d, i) => (i === 0 ? { ...d, pins } : d)) },
        }
      : f,
  );
  const results = buildCampaignResults(withPins);
  const facts = letterFactsFor(
    { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 },
    results,
    basisFromStandards(defaultStandards()),
    null,
    labels,
  ).find((f) => f.department.department === target.department)!;
  return { letter: buildRectificationLetter(facts, settings, issue), caseNo: target.caseNo, facts };
}

const squash = (s: string): string => s.replace(/\s+/g, '');
const noPunct = (s: string): string => s.replace(/\p{P}/gu, '');

describe('page citations', () => {
  it('cite case number, page and the page label; pages in order, each once', () => {
    expect(citePins('德市监罚〔2024〕112号', [pin(11), pin(2), pin(11)], labels)).toEqual([
      '德市监罚〔2024〕112号 第3页',
      '德市监罚〔2024〕112号 第12页 送达回证',
    ]);
  });

  it('a short letter states where each pinned problem was found; without pins it says no page', () => {
    const { letter, caseNo } = pinnedLetter(4, [pin(11), pin(2)]);
    const text = documentText(letter);
    expect(text).toContain(`（见${caseNo} 第3页、${caseNo} 第12页 送达回证）`);
    const plain = pinnedLetter(4, null);
    expect(documentText(plain.letter)).not.toMatch(/第\d+页/);
  });

  it('a long letter cites in its attachment table (表2 具体情况)', () => {
    const { letter, caseNo } = pinnedLetter(12, [pin(11)]);
    const annex = JSON.stringify(letter.annexes);
    expect(annex).toContain(`（见${caseNo} 第12页 送达回证）`);
  });

  it('a score frozen without pins takes them from its sheet', () => {
    const f = sampleReviewedFiles({ departments: 1, filesPerDepartment: 3, seed: 5, cleanShare: 0 }).find(
      (x) => x.sheet.deductions.length > 0,
    )!;
    const score = scoreCaseFile(f.standard, f.sheet);
    const sheet = {
      ...f.sheet,
      deductions: f.sheet.deductions.map((d, i) => (i === 0 ? { ...d, pins: [pin(4)] } : d)),
    };
    const d0 = sheet.deductions[0]!;
    const withPins = withSheetPins(score, sheet);
    expect(withPins.problems.find((p) => p.itemId === d0.itemId && p.optionId === d0.optionId)!.pins).toEqual(
      [pin(4)],
    );
    expect(withSheetPins(score, f.sheet)).toBe(score);
  });
});

function has(tool: string, arg = '-v'): boolean {
  return !spawnSync(tool, [arg], { encoding: 'utf8' }).error;
}
const HAS_POPPLER = has('pdftotext');
const HAS_LIBREOFFICE = has('libreoffice', '--version');
function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const fonts = {
  body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
};

describe.skipIf(!HAS_POPPLER)('page citations in the letter files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-citations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { letter, caseNo } = pinnedLetter(4, [pin(11)]);
  const citation = `${caseNo} 第12页 送达回证`;

  it('the PDF holds the citation (pdftotext)', async () => {
    const path = join(dir, 'letter.pdf');
    writeFileSync(
      path,
      await renderPdf(letter, fonts, { creationDate: new Date('2026-11-26T09:00:00+08:00') }),
    );
    expect(squash(run('pdftotext', [path, '-']))).toContain(squash(citation));
  });

  it.skipIf(!HAS_LIBREOFFICE)(
    'the DOCX holds the citation (LibreOffice)',
    async () => {
      const path = join(dir, 'letter.docx');
      writeFileSync(path, await renderDocx(letter));
      run('libreoffice', [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path,
      ]);
      expect(noPunct(squash(run('pdftotext', [join(dir, 'letter.pdf'), '-'])))).toContain(
        noPunct(squash(citation)),
      );
    },
    200_000,
  );
});

describe('evidence crops annex', () => {
  it('asks for one crop per pinned problem (its first page), captioned with the citation', () => {
    const { facts, caseNo } = pinnedLetter(4, [pin(11), pin(2)]);
    const requests = evidenceCropRequests(facts);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.pin.page).toBe(2);
    expect(requests[0]!.caption).toContain(`（${caseNo} 第3页）`);
    expect(evidenceCropRequests(pinnedLetter(4, null).facts)).toEqual([]);
    // Nothing drawn: no annex, the letter unchanged.
    expect(evidenceAnnex(requests, new Map())).toBeNull();
  });

  it('keeps the aspect and never prints a crop wider than the text block or taller than 80 mm', () => {
    expect(cropSizeMm({ width: 1200, height: 300 })).toEqual({ widthMm: 150, heightMm: 37.5 });
    expect(cropSizeMm({ width: 300, height: 1200 })).toEqual({ widthMm: 20, heightMm: 80 });
    expect(cropSizeMm({ width: 96, height: 48 })).toEqual({ widthMm: 25.4, heightMm: 12.7 });
  });
});

describe.skipIf(!HAS_POPPLER)('evidence crops in the letter files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-crops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { letter, facts, caseNo } = pinnedLetter(4, [pin(11)]);
  const requests = evidenceCropRequests(facts);
  const crop: EvidenceCrop = { png: makeGreyPng(320, 120), width: 320, height: 120 };
  const withCrops = withEvidenceAnnex(letter, evidenceAnnex(requests, new Map([[requests[0]!.key, crop]])));
  const caption = `图1\u3000${requests[0]!.caption}`;

  it('the PDF holds the picture and its caption (pdfimages, pdftotext)', async () => {
    const path = join(dir, 'crops.pdf');
    writeFileSync(
      path,
      await renderPdf(withCrops, fonts, { creationDate: new Date('2026-11-26T09:00:00+08:00') }),
    );
    const list = run('pdfimages', ['-list', path])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(list).toHaveLength(1);
    expect(list[0]!.trim().split(/\s+/).slice(3, 5)).toEqual(['320', '120']);
    const text = squash(run('pdftotext', [path, '-']));
    expect(text).toContain(squash(caption));
    expect(text).toContain(squash(`${caseNo} 第12页 送达回证`));
    expect(text).toContain('附件');
  });

  it.skipIf(!HAS_LIBREOFFICE)(
    'the DOCX holds the picture and its caption (LibreOffice)',
    async () => {
      const path = join(dir, 'crops.docx');
      const bytes = await renderDocx(withCrops);
      writeFileSync(path, bytes);
      const media = Object.keys(unzipSync(bytes)).filter((k) => k.startsWith('word/media/'));
      expect(media).toHaveLength(1);
      run('libreoffice', [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path,
      ]);
      const converted = join(dir, 'crops.pdf');
      expect(
        run('pdfimages', ['-list', converted])
          .split('\n')
          .slice(2)
          .filter((l) => l.trim() !== ''),
      ).toHaveLength(1);
      expect(noPunct(squash(run('pdftotext', [converted, '-'])))).toContain(noPunct(squash(caption)));
    },
    200_000,
  );
});
