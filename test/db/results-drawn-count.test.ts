// Issue 30: every count of drawn files reads the draw as it stands (currentRecord with its events): files added
// by 追加抽取 and a replacement count in the letters' "抽取案卷N件" and in the 通报.
import { describe, expect, it } from 'vitest';
import { computeResults } from '../../renderer/results/use-campaign-results';
import type { DrawEventRow, DrawRow } from '../../renderer/db/workflow-records';
import type { DrawRecord } from '../../shared/draw/draw-record';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { letterFactsFor, buildRectificationLetter } from '../../shared/letters/rectification-letter';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';
import { blankCampaign } from '../ui/letters-seed';

const files = sampleReviewedFiles({ departments: 2, filesPerDepartment: 4, seed: 7 });
const [depA, depB] = [...new Set(files.map((f) => f.department))] as [string, string];
const ofA = files.filter((f) => f.department === depA);
const ofB = files.filter((f) => f.department === depB);
const pick = (itemId: string, department: string, order: number) => ({
  order,
  ticket: String(order),
  fullTicket: String(order),
  itemId,
  stratum: department,
  caseNo: itemId,
  department,
  caseType: '行政处罚',
});

// Drawn: A's first three files and one file of A later replaced by A's fourth; B's first file only.
// 追加抽取 in B: its other three files and one more file not reviewed yet.
const record = {
  seed: '12345',
  drawnAt: '2026-12-08T03:09:00Z',
  algorithm: { version: '1' },
  population: { size: 400 },
  stratification: { by: 'department' },
  strata: [
    { key: depA, size: 200, quota: 4 },
    { key: depB, size: 200, quota: 1 },
  ],
  drawn: [
    ...ofA.slice(0, 3).map((f, i) => pick(f.itemId, depA, i + 1)),
    pick('A-replaced', depA, 4),
    pick(ofB[0]!.itemId, depB, 5),
  ],
  replacements: [],
  extras: [],
} as unknown as DrawRecord;
const draw: DrawRow = { id: 'd1', campaignId: 'c1', createdAt: '2026-12-08T03:09:00Z', record };
const ev = (seq: number, kind: DrawEventRow['kind'], payload: unknown): DrawEventRow => ({
  id: `e${seq}`,
  drawId: 'd1',
  seq,
  at: '2026-12-09T01:00:00Z',
  by: '测试',
  kind,
  payload,
});
const events: DrawEventRow[] = [
  ev(2, 'more', {
    seq: 2,
    stratum: depB,
    count: 4,
    itemIds: [...ofB.slice(1).map((f) => f.itemId), 'B-unfinished'],
    reason: '追加',
    at: '2026-12-09T01:00:00Z',
    by: '测试',
  }),
  ev(1, 'replace', {
    seq: 1,
    itemId: 'A-replaced',
    replacedBy: ofA[3]!.itemId,
    stratum: depA,
    reason: '案卷缺失',
    at: '2026-12-09T00:00:00Z',
    by: '测试',
  }),
];

const finals = files.map((f) => ({
  campaignId: 'c1',
  itemId: f.itemId,
  department: f.department,
  caseNo: f.caseNo,
  caseType: f.caseType,
  standardId: f.standard.id,
  standardVersion: f.standard.version,
  sheet: f.sheet,
  score: f.score,
  reconciliation: null,
  finalisedAt: '2026-10-20T00:00:00Z',
  finalisedBy: '组长',
}));

describe('drawn counts read the draw with its events', () => {
  const computed = computeResults({
    campaign: blankCampaign({ id: 'c1', name: '2026年度行政执法案卷评查' }),
    finals,
    standards: [...new Map(files.map((f) => [f.standard.id, f.standard])).values()],
    draw,
    drawEvents: events,
  });

  it('counts replacements in place and files added by 追加抽取', () => {
    expect(computed.drawnByDepartment?.get(depA)).toBe(4);
    expect(computed.drawnByDepartment?.get(depB)).toBe(5);
    expect(computed.reportDraw?.drawnCount).toBe(9);
  });

  it('the letter and the 通报 say the same counts', () => {
    const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局' };
    const facts = letterFactsFor(
      { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 },
      computed.results,
      computed.basis,
      computed.drawnByDepartment,
    );
    const letterB = facts.find((f) => f.department.department === depB);
    expect(letterB).toBeDefined();
    const text = documentText(
      buildRectificationLetter(letterB!, settings, { docNumber: null, issueDate: '2026-12-10' }),
    );
    expect(text).toContain('从你单位抽取案卷5件，已完成评查4件');
    const report = documentText(
      buildCampaignReport({
        campaign: {
          id: 'c1',
          name: '2026年度行政执法案卷评查',
          year: 2026,
          periodFrom: null,
          periodTo: null,
        },
        results: computed.results,
        draw: computed.reportDraw,
        estimates: computed.estimates,
        settings,
        issueDate: '2026-12-10',
      }),
    );
    expect(report).toMatch(/抽取9件/u);
  });
});
