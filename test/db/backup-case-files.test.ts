// Backups carry the 电子案卷 and their pins (issue 27); a restore checks every file against the
// SHA-256 it was attached with and refuses a backup whose file was swapped (store unchanged), and
// `pingcha log verify` reports it.
import { describe, expect, it } from 'vitest';
import { exportDatabase, restoreBackup } from '../../renderer/db/backup-repository';
import { readCaseFileBytes } from '../../renderer/db/case-file-repository';
import { saveSheet } from '../../renderer/db/score-repository';
import { runLogVerify } from '../../shared/cli/log-verify-command';
import type { CliIo } from '../../shared/cli/cli-io';
import { sha256Hex, sha256BytesHex } from '../../shared/crypto/sha256';
import { makeTextPdf } from '../fixtures/case-files';
import { rewriteParts } from './backup-forgery';
import { confirmingTrust, freshDb, snapshot } from './helpers';
import { attachReviewerCaseFiles, CAMPAIGN, setupCoordinator, std } from './package-fixtures';

const opts = { appVersion: '0.1.0', actor: '管理员' };

async function officeBackup() {
  const db = freshDb();
  const all = await setupCoordinator(db);
  const { mine, pdfs } = await attachReviewerCaseFiles(db, all);
  const pin = { fileSha256: sha256BytesHex(pdfs[0]!), page: 2, rect: { x: 0.2, y: 0.3, w: 0.4, h: 0.1 } };
  await saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId: mine[0]!,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: {
      deductions: [
        {
          itemId: std.categories[0]!.items[0]!.id,
          optionId: std.categories[0]!.items[0]!.deductions[0]!.id,
          count: 1,
          problem: '送达回证缺少签名',
          pins: [pin],
        },
      ],
      vetoes: [],
    },
    actor: '王评查',
  });
  // The fixture's bare draw (enough to attach files) is not a whole draw record: a backup refuses it.
  await db.draws.delete('d1');
  const { bytes } = await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual' });
  return { db, bytes, pdfs, pin, mine };
}

describe('backups and case files', () => {
  it('backup -> restore keeps the files (hashes verified) and the pins', async () => {
    const { bytes, pdfs, pin, mine } = await officeBackup();
    const target = freshDb();
    await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    expect(await target.caseFiles.count()).toBe(3);
    expect(await readCaseFileBytes(target, sha256BytesHex(pdfs[0]!))).toEqual(pdfs[0]);
    const sheet = (await target.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`))!;
    expect(sheet.sheet.deductions[0]!.pins).toEqual([pin]);
  });

  it('a backup whose case file was swapped (manifest hashes redone) is refused; store unchanged; log verify says so', async () => {
    const { bytes, pdfs } = await officeBackup();
    const forged = await makeTextPdf(5, 'forged');
    const swapped = rewriteParts(bytes, (table, records) =>
      table === 'caseFileBytes'
        ? records.map((r) => {
            const row = r as { sha256: string; bytes: Uint8Array };
            return row.sha256 === sha256BytesHex(pdfs[0]!) ? { ...row, bytes: forged } : row;
          })
        : records,
    );
    const target = freshDb();
    const before = await snapshot(target);
    await expect(restoreBackup(target, swapped, confirmingTrust(swapped, opts))).rejects.toThrow(
      /备份未恢复：电子案卷“.+\.pdf”的内容与附卷时登记的 SHA-256 不符/,
    );
    expect(await snapshot(target)).toEqual(before);

    let out = '';
    const io: CliIo = {
      readFile: async () => swapped,
      readStdin: async () => new Uint8Array(),
      out: (t) => (out += t),
      err: (t) => (out += t),
      sha256Hex,
    };
    const code = await runLogVerify(['b.pingcha-backup'], io);
    expect(code).toBe(1);
    expect(out).toContain('的内容与附卷时登记的 SHA-256 不符');
  });
});
