// PNG snapshots of the first and last page of each document the office issues (整改函, 通报, 抽取记录, 年审通知),
// with the four faces embedded, written to dist/doc-snapshots for a person to look at (pdftoppm). The test
// checks what a glance would: every snapshot has ink, the heading faces are embedded, the last page is not blank.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { renderPdf } from '../../shared/documents/render-pdf';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
} from '../../shared/letters/rectification-letter';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { defaultStandards } from '../../shared/standards/default-standards';
import { buildDrawRecordDocument } from '../../shared/draw/draw-record-document';
import { computeDrawRecord, type DrawCase } from '../../shared/draw/draw-record';
import { buildReviewNotice } from '../../shared/officers/review-notice';
import {
  REVIEW_REASON_LABELS,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewProposal,
  type ReviewReasonCode,
} from '../../shared/officers/annual-review';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';

const OUT = join(process.cwd(), 'dist', 'doc-snapshots');
const HAS_POPPLER = ['pdftoppm', 'pdfinfo', 'pdffonts'].every((t) => !spawnSync(t, ['-v']).error);
if (!HAS_POPPLER) console.log('[documents-snapshots] 跳过页面快照：未安装 poppler-utils。');

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

function letterDoc(): OfficialDocument {
  const files = sampleReviewedFiles({ departments: 4, filesPerDepartment: 6, seed: 7, cleanShare: 0.1 });
  const results = buildCampaignResults(files);
  const campaign = { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 };
  const drawn = new Map(results.departments.map((d) => [d.department, d.fileCount + 1]));
  const facts = letterFactsFor(campaign, results, basisFromStandards(defaultStandards()), drawn);
  const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局', prefix: '德法函' };
  return buildRectificationLetter(facts[0]!, settings, {
    docNumber: '德法函〔2026〕3号',
    issueDate: '2026-11-26',
  });
}

function reportDoc(): OfficialDocument {
  const files = sampleReviewedFiles({ departments: 8, filesPerDepartment: 5, seed: 11 });
  return buildCampaignReport({
    campaign: {
      id: 'c1',
      name: '2026年度行政执法案卷评查',
      year: 2026,
      periodFrom: '2026-01-01',
      periodTo: '2026-09-30',
    },
    results: buildCampaignResults(files),
    draw: null,
    settings: { ...defaultLetterSettings(), issuer: '德阳市司法局' },
    issueDate: '2026-12-01',
  });
}

function drawRecordDoc(): OfficialDocument {
  const depts = ['市市场监督管理局', '市交通运输局', '市生态环境局'];
  const population: DrawCase[] = Array.from({ length: 90 }, (_, i) => ({
    itemId: `${depts[i % 3]}|德市罚〔2025〕${i + 1}号`,
    caseNo: `德市罚〔2025〕${i + 1}号`,
    department: depts[i % 3]!,
    caseType: i % 2 ? '行政处罚' : '行政检查',
  }));
  const made = computeDrawRecord({
    campaign: {
      id: 'c1',
      name: '第十一次行政执法案卷评查',
      year: 2025,
      period: { from: '2025-01-01', to: '2025-12-31' },
      scope: { departments: [], caseTypes: [] },
    },
    drawnAt: '2026-03-01T02:00:00.000Z',
    operator: '李明',
    witnesses: ['王芳', '赵强'],
    seed: '38204719562038471926',
    stratifyBy: 'department',
    filter: { departments: null, caseTypes: null, closedFrom: null, closedTo: null },
    sources: [
      {
        fileName: '执法台账.xlsx',
        sha256: 'c'.repeat(64),
        sheet: '台账',
        headerRow: 1,
        mapping: { caseNo: '案件编号' },
        defaultDepartment: null,
        defaultCaseType: null,
        encoding: null,
      },
    ],
    population,
    total: 9,
  });
  return buildDrawRecordDocument(made.record, { issuer: '德阳市司法局' });
}

function reviewNoticeDoc(): OfficialDocument {
  const proposal = (
    id: string,
    name: string,
    dept: string,
    outcome: ReviewOutcome,
    codes: ReviewReasonCode[] = [],
  ): ReviewProposal => ({
    officerId: id,
    name,
    department: dept,
    certificateNo: `5106${id.padStart(8, '0')}`,
    year: 2025,
    outcome,
    reasons: codes.map((code) => ({
      code,
      effect: outcome === 'pass' ? 'warn' : outcome,
      label: REVIEW_REASON_LABELS[code],
      message: `${name}：${REVIEW_REASON_LABELS[code]}`,
    })),
    notes: [],
  });
  const proposals = [
    proposal('1', '张三', '市交通运输局', 'pass'),
    proposal('2', '李四', '市交通运输局', 'fail', ['non-formal-staff']),
    proposal('3', '王五', '市交通运输局', 'suspend', ['under-investigation']),
    proposal('4', '赵六', '市市场监督管理局', 'pass'),
    proposal('6', '孙八', '市市场监督管理局', 'fail', ['training-short', 'exam-not-passed']),
  ];
  const decisions = new Map(
    proposals.map((p): [string, ReviewDecision] => [
      p.officerId,
      {
        officerId: p.officerId,
        year: 2025,
        proposed: p.outcome,
        decided: p.outcome,
        reasonCodes: p.reasons.map((r) => r.code),
        reason: '',
        by: '审核人',
        at: '2026-01-10T08:00:00.000Z',
        overridden: false,
      },
    ]),
  );
  return buildReviewNotice(proposals, decisions, { year: 2025, issuer: '德阳市司法局', date: '2026-01-15' });
}

/** Share of dark pixels in a PNG rendered by pdftoppm -gray (read back as PGM for simplicity). */
function inkOf(pgm: Buffer): number {
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('not a PGM');
  const px = pgm.subarray(pgm.length - Number(m[1]) * Number(m[2]));
  let dark = 0;
  for (const p of px) if (p < 128) dark += 1;
  return dark / px.length;
}

const DOCS: [string, () => OfficialDocument][] = [
  ['整改函', letterDoc],
  ['通报', reportDoc],
  ['抽取记录', drawRecordDoc],
  ['年审通知', reviewNoticeDoc],
];

describe.skipIf(!HAS_POPPLER)('document snapshots (dist/doc-snapshots)', () => {
  const fonts = bundledFontsFromNodeModules();
  mkdirSync(OUT, { recursive: true });
  it.each(DOCS)(
    '%s: first and last page as PNG, with ink, faces embedded',
    async (name, build) => {
      const pdfPath = join(OUT, `${name}.pdf`);
      writeFileSync(
        pdfPath,
        await renderPdf(build(), fonts, { creationDate: new Date('2026-11-26T00:00:00Z') }),
      );
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdfPath]))?.[1]);
      expect(pages).toBeGreaterThan(0);
      for (const [label, page] of [
        ['first', 1],
        ['last', pages],
      ] as const) {
        const base = join(OUT, `${name}-${label}`);
        run('pdftoppm', [
          '-png',
          '-r',
          '60',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          pdfPath,
          base,
        ]);
        run('pdftoppm', [
          '-gray',
          '-r',
          '30',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          pdfPath,
          `${base}-gray`,
        ]);
        const ink = inkOf(readFileSync(`${base}-gray.pgm`));
        // A last page may rightly hold only the last body line with the 署名 and 成文日期 (the signature is
        // never alone): about 0.13 % ink. A blank page has none.
        expect(ink, `${name} ${label} page has text`).toBeGreaterThan(0.0008);
        expect(readFileSync(`${base}.png`).subarray(1, 4).toString('latin1')).toBe('PNG');
      }
      const faces = run('pdffonts', [pdfPath]);
      expect(faces).toMatch(/NotoSerifSC-Regular/); // body (仿宋 stand-in) on every document
    },
    120_000,
  );
});
