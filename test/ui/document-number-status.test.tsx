// 通报 and 年审通知 show the 发文字号 they hold and can void it with a reason (kept on record as void).
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DocumentNumberStatus } from '../../renderer/letters/document-number-status';
import { getDatabase } from '../../renderer/db/database';
import {
  allocateDocumentNumber,
  documentObjectId,
  listLetterNumbers,
} from '../../renderer/db/letters-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { renderWithApp } from './render-app';

describe('文号 of a 通报', () => {
  it('shows the number, refuses to void without a reason and voids it with one', async () => {
    const db = getDatabase();
    await Promise.all(db.tables.map((t) => t.clear()));
    const objectId = documentObjectId('report', 'c1');
    await allocateDocumentNumber(db, {
      docType: 'report',
      objectId,
      prefix: '德法通',
      issueDate: '2026-12-01',
      actor: '王五',
      label: '2026年度行政执法案卷评查',
      campaignId: 'c1',
    });
    const user = userEvent.setup();
    renderWithApp(
      <DocumentNumberStatus docType="report" objectId={objectId} label="2026年度行政执法案卷评查" />,
    );
    await waitFor(() =>
      expect(screen.getByTestId('number-status-report')).toHaveTextContent('德法通〔2026〕1号'),
    );
    await user.click(screen.getByRole('button', { name: '作废文号' }));
    const dialog = await screen.findByRole('dialog');
    const ok = within(dialog).getByRole('button', { name: /^作\s?废$/ });
    expect(ok).toBeDisabled();
    await user.type(within(dialog).getByLabelText('作废原因'), '单位名称有误');
    await user.click(ok);
    await waitFor(() => expect(screen.getByTestId('number-status-report')).toHaveTextContent('尚未编号'));
    expect((await listLetterNumbers(db))[0]).toMatchObject({ status: 'void', voidReason: '单位名称有误' });
    expect((await readAuditLog(db)).map((e) => e.action)).toEqual(['number.allocate', 'number.void']);
  });
});
