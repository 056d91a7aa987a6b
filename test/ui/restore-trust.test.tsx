// The restore preview runs the full trust check: a backup whose final result was edited and covered
// by an appended unsigned entry is named problem by problem, and restoring it needs a second
// confirmation; the key question is asked when this machine holds another key (issue 23, 25 item 8).
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackupPage } from '../../renderer/backup/backup-page';
import { getDatabase } from '../../renderer/db/database';
import { appendAudit } from '../../renderer/db/audit-repository';
import { exportDatabase } from '../../renderer/db/backup-repository';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import { freshDb } from '../db/helpers';
import { rewriteParts } from '../db/backup-forgery';
import { CAMPAIGN, setupCoordinator, std } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

async function forgedBackup(): Promise<Uint8Array> {
  const office = freshDb();
  await ensureOfficeKey(office, '组织者');
  await setupCoordinator(office);
  const row = {
    campaignId: CAMPAIGN,
    itemId: 'f1',
    department: '交通运输局',
    caseNo: 'X-1',
    caseType: '行政处罚',
    standardId: std.id,
    standardVersion: std.version,
    sheet: { standardId: std.id, standardVersion: std.version, deductions: [], vetoes: [] },
    score: { totalHalfPoints: 196 },
    reconciliation: null,
    finalisedAt: '2026-11-30T00:00:00.000Z',
    finalisedBy: '组长',
  };
  await office.transaction('rw', [office.auditLog, office.finalResults], async () => {
    await office.finalResults.put(row as never);
    await appendAudit(office, {
      actor: '组长',
      action: 'review.finalise',
      objectType: 'final',
      objectId: 'f1',
      summary: '复核定稿：98 分',
      content: row,
      records: [{ table: 'finalResults', key: `${CAMPAIGN}|f1`, row, campaignId: CAMPAIGN }],
    });
  });
  const { bytes } = await exportDatabase(office, { appVersion: '0.0.0-test', reason: 'manual' });
  const changed = { ...row, score: { totalHalfPoints: 110 } };
  return rewriteParts(bytes, (table, records) => {
    if (table === 'finalResults') return [changed];
    if (table !== 'auditLog') return records;
    const log = records as AuditEntry[];
    const forged = makeAuditEntry(log.at(-1)!, {
      at: '2026-12-01T00:00:00.000Z',
      actor: '组长',
      action: 'letter.reply',
      objectType: 'letter',
      objectId: 'x',
      summary: '收到回复',
      content: null,
      records: [{ table: 'finalResults', key: `${CAMPAIGN}|f1`, row: changed, campaignId: CAMPAIGN }],
    });
    return [...log, forged];
  });
}

describe('the restore preview', () => {
  it('names each trust problem, asks the key question, and needs the second confirmation', async () => {
    const bytes = await forgedBackup();
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    await ensureOfficeKey(db, '系统');
    const user = userEvent.setup();
    renderWithApp(<BackupPage />, [{ name: '改过的备份.pingcha-backup', bytes }]);
    await user.click(screen.getByTestId('restore-choose'));
    const preview = await screen.findByTestId('restore-preview', {}, { timeout: 10_000 });
    const trust = within(preview).getByTestId('restore-trust');
    expect(trust).toHaveTextContent('不能证明其中的数据未被改动');
    expect(trust).toHaveTextContent('没有本单位密钥的签名');
    expect(trust).toHaveTextContent('无权写入复核定稿结果');
    expect(trust).toHaveTextContent(`复核定稿结果“${CAMPAIGN}|f1”与第`);
    expect(within(preview).queryByText(/备份文件完整/)).toBeNull();
    expect(within(preview).getByTestId('restore-key-question')).toHaveTextContent(
      '不是备份中本单位的签名密钥',
    );
    // A new installation: no word of what the restore would 撤销 (there is nothing).
    expect(within(preview).queryByTestId('restore-loss')).toBeNull();
    const confirm = screen.getByTestId('restore-confirm');
    expect(confirm).toBeDisabled();
    await user.click(within(preview).getByTestId('restore-trust-confirm'));
    await waitFor(() => expect(confirm).toBeEnabled());
  }, 30_000);
});
