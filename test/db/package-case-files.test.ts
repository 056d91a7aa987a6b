// 电子案卷 in panel packages (issue 27): an assignment package carries the case files of the
// reviewer's files (signed manifest, hashes checked on opening, split into parts over the limit);
// the results package carries pins, not files; a pin on a file the office does not hold is refused.
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import type { PingchaDatabase } from '../../renderer/db/database';
import {
  assignmentEvidenceSize,
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
  previewResultsPackage,
} from '../../renderer/db/package-repository';
import { readPageLabels, removeCampaignCaseFiles } from '../../renderer/db/case-file-repository';
import { saveSheet } from '../../renderer/db/score-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { decodePackage } from '../../shared/packages/panel-package';
import { unpackPackageFiles } from '../../shared/packages/package-evidence';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import type { CasePin } from '../../shared/case-files/pin-geometry';
import { makeTextPdf } from '../fixtures/case-files';
import { freshDb, snapshot } from './helpers';
import { attachReviewerCaseFiles, CAMPAIGN, setupCoordinator, std } from './package-fixtures';

const opts = { actor: '组织者', appVersion: '0.1.0' };

async function officeWithFiles(fileCount = 2, pages = 3) {
  const db = freshDb();
  const all = await setupCoordinator(db);
  return { db, all, ...(await attachReviewerCaseFiles(db, all, fileCount, pages)) };
}

const exportFor = (
  db: PingchaDatabase,
  all: Awaited<ReturnType<typeof officeWithFiles>>['all'],
  partLimit?: number,
) =>
  exportAssignmentPackage(db, {
    campaignId: CAMPAIGN,
    reviewerId: 'r1',
    cases: all,
    ...opts,
    ...(partLimit ? { partLimit } : {}),
  });

const deduction = (problem: string, pins?: CasePin[]) => ({
  itemId: std.categories[0]!.items[0]!.id,
  optionId: std.categories[0]!.items[0]!.deductions[0]!.id,
  count: 1,
  problem,
  ...(pins ? { pins } : {}),
});

function pinSheet(db: PingchaDatabase, itemId: string, pin: CasePin) {
  return saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: { deductions: [deduction('送达回证缺少受送达人签名', [pin])], vetoes: [] },
    actor: '王评查',
  });
}

describe('assignment packages carry the case files', () => {
  it('office -> laptop (files, hashes, labels) -> pins -> results without files -> merged pins; laptop removal logged', async () => {
    const { db, all, mine, pdfs } = await officeWithFiles();
    const size = await assignmentEvidenceSize(db, CAMPAIGN, 'r1');
    expect(size).toEqual({ files: 2, bytes: pdfs[0]!.length + pdfs[1]!.length, parts: 1, refusal: null });

    const exported = await exportFor(db, all);
    expect(exported.parts).toHaveLength(1);
    expect(exported.fileName).toBe(exported.parts[0]!.name);
    // The manifest is signed content: the codec returns it with its types.
    const unpacked = unpackPackageFiles(exported.parts);
    const pkg = decodePackage(unpacked.packageBytes, unpacked.fileName);
    if (pkg.kind !== 'assignment') throw new Error('kind');
    expect(pkg.content.caseFiles).toEqual(
      [
        {
          itemId: mine[0],
          name: `${mine[0]!.split('|')[1]}.pdf`,
          size: pdfs[0]!.length,
          sha256: sha256BytesHex(pdfs[0]!),
          labels: { '2': '送达回证' },
        },
        {
          itemId: mine[1],
          name: `${mine[1]!.split('|')[1]}.pdf`,
          size: pdfs[1]!.length,
          sha256: sha256BytesHex(pdfs[1]!),
        },
      ].sort((a, b) => a.itemId!.localeCompare(b.itemId!)),
    );
    expect([...unpacked.files.keys()].sort()).toEqual(pdfs.map((p) => sha256BytesHex(p)).sort());

    const laptop = freshDb();
    await openWorkspacePackage(laptop, exported.bytes, exported.fileName, { actor: '王评查' });
    const rows = await laptop.caseFiles.toArray();
    expect(rows.map((r) => [r.itemId, r.sha256]).sort()).toEqual(
      [
        [mine[0], sha256BytesHex(pdfs[0]!)],
        [mine[1], sha256BytesHex(pdfs[1]!)],
      ].sort(),
    );
    expect((await laptop.caseFileBytes.get(sha256BytesHex(pdfs[0]!)))!.bytes).toEqual(pdfs[0]);
    expect(await readPageLabels(laptop, sha256BytesHex(pdfs[0]!))).toEqual({ 2: '送达回证' });
    const opened = (await readAuditLog(laptop)).find((e) => e.action === 'package.import')!;
    expect(opened.summary).toContain('电子案卷 2 个');

    // The reviewer pins a deduction on the laptop; the results package carries the pin, not the file.
    const pin: CasePin = {
      fileSha256: sha256BytesHex(pdfs[0]!),
      page: 2,
      rect: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 },
    };
    await pinSheet(laptop, mine[0]!, pin);
    const results = await exportResultsPackage(laptop, { actor: '王评查', appVersion: '0.1.0' });
    const back = decodePackage(results.bytes, results.fileName);
    expect(back.content).not.toHaveProperty('caseFiles');
    expect(results.bytes.length).toBeLessThan(pdfs[0]!.length);
    expect(back.content.sheets[0]!.sheet.deductions[0]!.pins).toEqual([pin]);

    await importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' });
    const merged = (await db.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`))!;
    expect(merged.sheet.deductions[0]!.pins).toEqual([pin]);

    // Results out: the laptop removes its case files, each removal logged.
    expect(
      await removeCampaignCaseFiles(laptop, {
        campaignId: CAMPAIGN,
        actor: '王评查',
        reason: '评查结果包已导出',
      }),
    ).toBe(2);
    expect(await laptop.caseFiles.count()).toBe(0);
    expect(await laptop.caseFileBytes.count()).toBe(0);
    expect(await laptop.caseFilePages.count()).toBe(0);
    const removals = (await readAuditLog(laptop)).filter((e) => e.action === 'casefile.remove');
    expect(removals).toHaveLength(2);
    expect(removals[0]!.summary).toContain('评查结果包已导出：从本机移除电子案卷');
    expect((await verifyStoredAuditLog(laptop)).ok).toBe(true);
  });

  it('a pin on a file whose hash the office does not hold is refused in Chinese at merge, store unchanged', async () => {
    const { db, all, mine } = await officeWithFiles();
    const exported = await exportFor(db, all);
    const laptop = freshDb();
    await openWorkspacePackage(laptop, exported.bytes, exported.fileName, { actor: '王评查' });
    await pinSheet(laptop, mine[0]!, {
      fileSha256: 'e'.repeat(64),
      page: 0,
      rect: { x: 0, y: 0, w: 0.5, h: 0.5 },
    });
    const results = await exportResultsPackage(laptop, { actor: '王评查', appVersion: '0.1.0' });
    const before = await snapshot(db);
    const text = '与本机为该案卷登记的文件不符，标注无法核对';
    await expect(previewResultsPackage(db, results.bytes, results.fileName)).rejects.toThrow(text);
    await expect(
      importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' }),
    ).rejects.toThrow(text);
    expect(await snapshot(db)).toEqual(before);
  });

  it('over the part limit the package is split into parts; all parts open it, a missing or altered part is refused', async () => {
    const { db, all, pdfs } = await officeWithFiles(3, 300);
    const limit = 2 * Math.max(...pdfs.map((p) => p.length));
    const size = await assignmentEvidenceSize(db, CAMPAIGN, 'r1', limit);
    const exported = await exportFor(db, all, limit);
    expect(exported.parts.length).toBeGreaterThanOrEqual(2);
    expect(size.parts).toBe(exported.parts.length);
    expect(exported.parts[1]!.name).toMatch(/（第2卷，共\d卷）\.pingcha-package$/);
    for (const p of exported.parts) expect(p.bytes.length).toBeLessThanOrEqual(limit);

    // A part left behind: refused, the laptop untouched.
    const laptop = freshDb();
    const empty = await snapshot(laptop);
    const [first, ...rest] = exported.parts;
    await expect(
      openWorkspacePackage(laptop, first!.bytes, first!.name, { actor: '王评查', moreParts: rest.slice(1) }),
    ).rejects.toThrow('还缺第 2 卷');
    expect(await snapshot(laptop)).toEqual(empty);

    // A case file swapped inside a part: refused by the signed hash.
    const entries = unzipSync(rest[0]!.bytes);
    const key = Object.keys(entries).find((k) => k.startsWith('case-files/'))!;
    const swapped = await makeTextPdf(9, 'forged');
    const forged = zipSync({ ...entries, [key]: swapped }, { level: 0 });
    await expect(
      openWorkspacePackage(laptop, first!.bytes, first!.name, {
        actor: '王评查',
        moreParts: [{ name: rest[0]!.name, bytes: forged }, ...rest.slice(1)],
      }),
    ).rejects.toThrow('与签名清单中的 SHA-256 不符');
    expect(await snapshot(laptop)).toEqual(empty);

    // All parts, in any order (the last chosen first): opened, every file there.
    const last = exported.parts.at(-1)!;
    await openWorkspacePackage(laptop, last.bytes, last.name, {
      actor: '王评查',
      moreParts: exported.parts.slice(0, -1),
    });
    expect(await laptop.caseFileBytes.count()).toBe(3);
  });

  it('a file over the part limit, or one altered in the office store, refuses the export; store unchanged', async () => {
    const { db, all, pdfs } = await officeWithFiles();
    const before = await snapshot(db);
    const small = Math.min(...pdfs.map((p) => p.length)) - 1;
    expect((await assignmentEvidenceSize(db, CAMPAIGN, 'r1', small)).refusal).toContain(
      '超过评查包单个分卷的上限',
    );
    await expect(exportFor(db, all, small)).rejects.toThrow('超过评查包单个分卷的上限');
    expect(await snapshot(db)).toEqual(before);

    const sha = sha256BytesHex(pdfs[0]!);
    const stored = (await db.caseFileBytes.get(sha))!;
    const altered = stored.bytes.slice();
    altered[30] = altered[30]! ^ 1;
    await db.caseFileBytes.put({ sha256: sha, bytes: altered });
    const tampered = await snapshot(db);
    await expect(exportFor(db, all)).rejects.toThrow('与附卷时登记的 SHA-256 不符');
    expect(await snapshot(db)).toEqual(tampered);
  });
});
