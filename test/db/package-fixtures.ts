// A coordinator's campaign ready for panel packages, shared by the db and ui tests.
import { assignReviewers } from '../../shared/assignment/assign-reviewers';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import type { PackageCase } from '../../shared/packages/panel-package';
import type { PingchaDatabase } from '../../renderer/db/database';
import type { CampaignRecord } from '../../renderer/db/workflow-records';
import { attachCaseFile, setPageLabel } from '../../renderer/db/case-file-repository';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import { makeTextPdf } from '../fixtures/case-files';

export const CAMPAIGN = 'camp-2025';
export const std = { ...defaultPenaltyStandard(), status: 'published' as const };

export function cases(n: number): PackageCase[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `${i % 2 ? '市场监督管理局' : '交通运输局'}|X-${i + 1}`,
    caseNo: `X-${i + 1}`,
    department: i % 2 ? '市场监督管理局' : '交通运输局',
    caseType: '行政处罚',
    cause: '案由' + i,
    party: '当事人' + i,
    filedDate: '2025-01-02',
    closedDate: '2025-03-04',
    amountFen: 1000 * i,
    officer: '张三',
    certNo: '5100' + i,
    sourceRow: i + 2,
    raw: ['X-' + (i + 1), '原始单元格' + i],
  }));
}

/** A coordinator's store: a campaign with a frozen standard, two reviewers and a seeded assignment. */
export async function setupCoordinator(db: PingchaDatabase, files = 12): Promise<PackageCase[]> {
  const all = cases(files);
  const campaign: CampaignRecord = {
    id: CAMPAIGN,
    name: '2025 年度行政处罚案卷评查',
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: '组织者',
    isDemo: false,
    standards: [{ caseType: '行政处罚', standardId: std.id, version: std.version }],
    standardsFrozenAt: '2026-01-02T00:00:00Z',
  };
  await db.campaigns.put(campaign);
  await db.standards.put(std);
  const reviewers = [
    { id: 'r1', name: '王评查', unit: '司法局', role: '机关工作人员', conflicts: [] },
    { id: 'r2', name: '李律师', unit: '律师事务所', role: '律师', conflicts: [] },
  ];
  await db.reviewers.bulkPut(reviewers.map((r) => ({ ...r, campaignId: CAMPAIGN })));
  const result = assignReviewers({
    files: all.map((c) => ({ itemId: c.itemId, department: c.department, caseNo: c.caseNo })),
    reviewers,
    perFile: 1,
    seed: 'seed',
  });
  if (!result.ok) throw new Error(result.errors.join());
  await db.assignments.put({ campaignId: CAMPAIGN, record: result.record });
  return all;
}

/**
 * 电子案卷 on the coordinator's store (after setupCoordinator): a draw of every file, `fileCount` PDFs
 * attached to r1's first files (the first with 送达回证 on page 3) and one to a file of r2.
 */
export async function attachReviewerCaseFiles(
  db: PingchaDatabase,
  all: readonly PackageCase[],
  fileCount = 2,
  pages = 3,
): Promise<{ mine: string[]; pdfs: Uint8Array[] }> {
  await db.draws.put({
    id: 'd1',
    campaignId: CAMPAIGN,
    createdAt: '2026-01-01T00:00:00Z',
    record: { drawn: all.map((c) => ({ itemId: c.itemId })), replacements: [], extras: [] },
  } as never);
  const mine = (await db.assignments.get(CAMPAIGN))!.record.result
    .filter((e) => e.reviewerIds.includes('r1'))
    .map((e) => e.itemId);
  const theirs = all.find((c) => !mine.includes(c.itemId))!.itemId;
  const pdfs: Uint8Array[] = [];
  for (let i = 0; i < fileCount; i++) {
    const pdf = await makeTextPdf(pages + i, `file ${i}`);
    pdfs.push(pdf);
    const caseNo = mine[i]!.split('|')[1]!;
    await attachCaseFile(db, {
      campaignId: CAMPAIGN,
      itemId: mine[i]!,
      caseNo,
      name: `${caseNo}.pdf`,
      bytes: pdf,
      actor: '组织者',
    });
  }
  // Another reviewer's file: never in r1's package.
  await attachCaseFile(db, {
    campaignId: CAMPAIGN,
    itemId: theirs,
    caseNo: theirs.split('|')[1]!,
    name: 'other.pdf',
    bytes: await makeTextPdf(1, 'other'),
    actor: '组织者',
  });
  await setPageLabel(db, { sha256: sha256BytesHex(pdfs[0]!), page: 2, kind: '送达回证', actor: '组织者' });
  return { mine, pdfs };
}
