// Backups carry the 电子案卷 and their pins (issue 27); a restore checks every file against the
// SHA-256 it was attached with and refuses a backup whose file was swapped (store unchanged), and
// `pingcha log verify` reports it.
import { describe, expect, it } from 'vitest';
import { exportDatabase, restoreBackup } from '../../renderer/db/backup-repository';
import { attachCaseFile, readCaseFileBytes } from '../../renderer/db/case-file-repository';
import { readBackupManifest } from '../../shared/backup/backup-format';
import {
  BACKUP_SETTINGS_AREA,
  backupSettingsSchema,
  makeBackup,
} from '../../renderer/workers/backup-service';
import { writeSettings } from '../../renderer/db/settings-repository';
import type { Platform } from '../../renderer/platform';
import { saveSheet } from '../../renderer/db/score-repository';
import { runLogVerify } from '../../shared/cli/log-verify-command';
import type { CliIo } from '../../shared/cli/cli-io';
import { sha256Hex, sha256BytesHex } from '../../shared/crypto/sha256';
import { makeTextPdf } from '../fixtures/case-files';
import { rewriteParts } from './backup-forgery';
import { confirmingTrust, freshDb, snapshot } from './helpers';
import { attachReviewerCaseFiles, CAMPAIGN, setupCoordinator, std } from './package-fixtures';

const opts = { appVersion: '0.1.0', actor: '管理员' };

async function officeBackup(caseFiles = true) {
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
  const { bytes } = await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual', caseFiles });
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

  it('a backup without the case files: far smaller, says so; restore keeps records, hashes and pins and the files come back by re-attaching', async () => {
    const whole = await officeBackup();
    const { bytes, pdfs, pin, mine, db } = await officeBackup(false);
    const manifest = readBackupManifest(bytes);
    expect(manifest.caseFilesOmitted).toBe(true);
    expect(manifest.counts.caseFileBytes).toBe(0);
    expect(manifest.counts.caseFiles).toBe(3);
    expect(readBackupManifest(whole.bytes).caseFilesOmitted).toBeUndefined();
    const filesBytes = pdfs.reduce((a, p) => a + p.length, 0);
    expect(bytes.length).toBeLessThan(whole.bytes.length - filesBytes / 2);
    // The office's own store still holds the files: only the backup left them out.
    expect(await readCaseFileBytes(db, sha256BytesHex(pdfs[0]!))).toEqual(pdfs[0]);

    const target = freshDb();
    await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    const rows = await target.caseFiles.toArray();
    expect(rows.map((r) => r.sha256).sort()).toEqual(
      (await db.caseFiles.toArray()).map((r) => r.sha256).sort(),
    );
    expect(await target.caseFileBytes.count()).toBe(0);
    expect(await readCaseFileBytes(target, sha256BytesHex(pdfs[0]!))).toBeNull();
    const sheet = (await target.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`))!;
    expect(sheet.sheet.deductions[0]!.pins).toEqual([pin]);

    // Re-attaching the same scan puts its content back under the recorded row (no second row), logged.
    await target.draws.put({
      id: 'd1',
      campaignId: CAMPAIGN,
      createdAt: '2026-01-01T00:00:00Z',
      record: { drawn: mine.map((itemId) => ({ itemId })), replacements: [], extras: [] },
    } as never);
    const row = rows.find((r) => r.sha256 === sha256BytesHex(pdfs[0]!))!;
    const back = await attachCaseFile(target, {
      campaignId: CAMPAIGN,
      itemId: row.itemId,
      caseNo: 'X',
      name: 'again.pdf',
      bytes: pdfs[0]!,
      actor: '管理员',
    });
    expect(back.id).toBe(row.id);
    expect(await target.caseFiles.count()).toBe(3);
    expect(await readCaseFileBytes(target, row.sha256)).toEqual(pdfs[0]);
    const last = await target.auditLog.orderBy('seq').last();
    expect(last?.summary).toContain('补回');
    // Once back, the same scan again is a duplicate.
    await expect(
      attachCaseFile(target, {
        campaignId: CAMPAIGN,
        itemId: row.itemId,
        caseNo: 'X',
        name: 'x.pdf',
        bytes: pdfs[0]!,
        actor: '管理员',
      }),
    ).rejects.toThrow(/内容相同，未重复导入/);

    let out = '';
    const io: CliIo = {
      readFile: async () => bytes,
      readStdin: async () => new Uint8Array(),
      out: (t) => (out += t),
      err: (t) => (out += t),
      sha256Hex,
    };
    await runLogVerify(['b.pingcha-backup'], io);
    expect(out).not.toContain('缺少文件内容');
  });

  it('a whole backup whose file content was taken out is refused: only a backup made without files may lack it', async () => {
    const { bytes } = await officeBackup();
    const stripped = rewriteParts(bytes, (table, records) => (table === 'caseFileBytes' ? [] : records));
    const target = freshDb();
    const before = await snapshot(target);
    await expect(restoreBackup(target, stripped, confirmingTrust(stripped, opts))).rejects.toThrow(
      /备份未恢复：电子案卷“.+\.pdf”缺少文件内容/,
    );
    expect(await snapshot(target)).toEqual(before);
  });

  it('manual and daily backups follow the setting; the backup before a restore always carries the files', async () => {
    const { db } = await officeBackup();
    const saved: Uint8Array[] = [];
    const platform: Platform = {
      kind: 'browser',
      openFiles: async () => [],
      saveFile: async (r) => {
        saved.push(r.bytes);
        return true;
      },
      appVersion: async () => '0.1.0',
      dataPaths: async () => null,
    };
    await makeBackup(db, platform, 'manual');
    expect(readBackupManifest(saved[0]!).counts.caseFileBytes).toBe(3);
    await writeSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema, { caseFiles: false });
    await makeBackup(db, platform, 'manual');
    expect(readBackupManifest(saved[1]!).caseFilesOmitted).toBe(true);
    await makeBackup(db, platform, 'before-restore');
    expect(readBackupManifest(saved[2]!).counts.caseFileBytes).toBe(3);
  });
});
