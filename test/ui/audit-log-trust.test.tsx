// 操作留痕 → 核对留痕 and 核对数据与留痕 never call an unsigned log 「完整」 (issue 23, attack 2).
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditLogPage } from '../../renderer/audit/audit-log-page';
import { getDatabase } from '../../renderer/db/database';
import { appendAudit, setCheckpointSigner } from '../../renderer/db/audit-repository';
import { ensureOfficeKey, forgetOfficeKeyForTests } from '../../renderer/db/office-key-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { makeRecords, newImportMeta } from '../db/helpers';
import { renderWithApp } from './render-app';

async function writeSome(): Promise<void> {
  const db = getDatabase();
  for (const action of ['campaign.create', 'score.submit'] as const)
    await appendAudit(db, {
      actor: '王五',
      action,
      objectType: 'x',
      objectId: 'o',
      summary: `操作 ${action}`,
      content: { action },
    });
}

describe('the log page checks', () => {
  it('an unsigned log is 「未签名」 in both checks; a signed one is 完整', async () => {
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    await forgetOfficeKeyForTests(db);
    setCheckpointSigner(db, null);
    await writeSome();
    const user = userEvent.setup();
    const { unmount } = renderWithApp(<AuditLogPage />);
    await waitFor(() => expect(screen.getByTestId('audit-verify')).toBeEnabled());
    await user.click(screen.getByTestId('audit-verify'));
    await waitFor(() => expect(screen.getByTestId('audit-result')).toHaveTextContent('留痕未签名'));
    expect(screen.getByTestId('audit-result')).not.toHaveTextContent('留痕完整');
    await user.click(screen.getByTestId('audit-check-data'));
    await waitFor(() => expect(screen.getByTestId('audit-data-result')).toHaveTextContent('操作留痕未签名'));
    unmount();

    await Promise.all(db.tables.map((t) => t.clear()));
    await ensureOfficeKey(db, '王五');
    await writeSome();
    renderWithApp(<AuditLogPage />);
    await waitFor(() => expect(screen.getByTestId('audit-verify')).toBeEnabled());
    await user.click(screen.getByTestId('audit-verify'));
    await waitFor(() => expect(screen.getByTestId('audit-result')).toHaveTextContent('留痕完整'));
    await user.click(screen.getByTestId('audit-check-data'));
    await waitFor(() => expect(screen.getByTestId('audit-data-result')).toHaveTextContent('数据与留痕一致'));
  });

  it('核对数据与留痕 names a department (机构名录) edited behind the app', async () => {
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    await ensureOfficeKey(db, '王五');
    await importCaseFiles(db, newImportMeta(), makeRecords(3, '德阳市交通运输局', 'JT'), { actor: '王五' });
    const user = userEvent.setup();
    const { unmount } = renderWithApp(<AuditLogPage />);
    await waitFor(() => expect(screen.getByTestId('audit-check-data')).toBeEnabled());
    await user.click(screen.getByTestId('audit-check-data'));
    await waitFor(() => expect(screen.getByTestId('audit-data-result')).toHaveTextContent('数据与留痕一致'));
    unmount();
    const [d] = await db.departments.toArray();
    await db.departments.put({ ...d!, caseNoPrefixes: ['德改罚'] });
    renderWithApp(<AuditLogPage />);
    await waitFor(() => expect(screen.getByTestId('audit-check-data')).toBeEnabled());
    await user.click(screen.getByTestId('audit-check-data'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-data-result')).toHaveTextContent(
        `机构名录“${d!.id}”与第 2 条留痕记录的内容不符`,
      ),
    );
  });
});
