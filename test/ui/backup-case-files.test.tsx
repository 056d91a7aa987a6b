// Backups and the 电子案卷 (issue 27): the backup page offers leaving the case files out, with the bytes
// they add; the choice is stored with the backup settings; restoring a backup made without them says,
// before anything is replaced, that the files' records and pins stay and their content is missing.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackupPage } from '../../renderer/backup/backup-page';
import { getDatabase } from '../../renderer/db/database';
import { exportDatabase } from '../../renderer/db/backup-repository';
import { readSettings } from '../../renderer/db/settings-repository';
import { BACKUP_SETTINGS_AREA, backupSettingsSchema } from '../../renderer/workers/backup-service';
import { formatBytes } from '../../shared/util/number-format';
import { attachReviewerCaseFiles, setupCoordinator } from '../db/package-fixtures';
import { freshDb } from '../db/helpers';
import { renderWithApp } from './render-app';

describe('backups and case files', () => {
  it('offers leaving the case files out, with their size, and keeps the choice', async () => {
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    const { pdfs } = await attachReviewerCaseFiles(db, await setupCoordinator(db));
    // The reviewer's two PDFs and the other reviewer's file (whichever record that is: ids are random).
    const other = (await db.caseFiles.toArray()).find((r) => !pdfs.some((p) => p.length === r.size))!;
    const size = formatBytes(pdfs.reduce((a, p) => a + p.length, 0) + other.size);
    const user = userEvent.setup();
    renderWithApp(<BackupPage />);
    const option = await screen.findByTestId('backup-case-files');
    expect(option).toHaveTextContent(`备份包含电子案卷文件（3 个文件，备份约增加 ${size}）`);
    const box = within(option).getByRole('checkbox');
    expect(box).toBeChecked();
    await user.click(box);
    await waitFor(() => expect(box).not.toBeChecked());
    expect(option).toHaveTextContent('从这样的备份恢复后需重新导入文件');
    expect((await readSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema)).caseFiles).toBe(false);
  });

  it('the restore preview says a backup holds no case file content', async () => {
    const office = freshDb();
    await attachReviewerCaseFiles(office, await setupCoordinator(office));
    await office.draws.delete('d1');
    const { bytes } = await exportDatabase(office, {
      appVersion: '0.0.0-test',
      reason: 'manual',
      caseFiles: false,
    });
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    const user = userEvent.setup();
    renderWithApp(<BackupPage />, [{ name: '无文件.pingcha-backup', bytes }]);
    await user.click(screen.getByTestId('restore-choose'));
    const preview = await screen.findByTestId('restore-preview', {}, { timeout: 10_000 });
    expect(within(preview).getByTestId('restore-no-case-files')).toHaveTextContent(
      '此备份不含电子案卷文件：恢复后 3 个电子案卷的登记、SHA-256、页面标记和扣分标注保留，文件内容缺失',
    );
  });
});
