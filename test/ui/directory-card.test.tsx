import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DirectoryCard } from '../../renderer/settings/directory-card';
import { getDatabase } from '../../renderer/db/database';
import { listDirectory, saveDepartment } from '../../renderer/db/directory-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { renderWithApp } from './render-app';

describe('设置 → 机构名录', () => {
  it('lists the directory and merges a variant into the real department in one logged step', async () => {
    const db = getDatabase();
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: ['德应急罚'], kind: 'municipal' },
      '测试',
    );
    await saveDepartment(
      db,
      { name: '市应急管理局执法支队', aliases: [], caseNoPrefixes: [], kind: 'municipal' },
      '测试',
    );
    const user = userEvent.setup();
    renderWithApp(<DirectoryCard />);
    const card = await screen.findByTestId('directory-card');
    await within(card).findByText('德阳市应急管理局');
    expect(within(card).getByText('德应急罚')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: '合并“市应急管理局执法支队”' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: '合并到' }));
    await user.click(await screen.findByTitle('德阳市应急管理局'));
    await user.click(within(dialog).getByRole('button', { name: /合\s*并/ }));
    await waitFor(async () => expect(await listDirectory(db)).toHaveLength(1));
    const [e] = await listDirectory(db);
    expect(e!.aliases).toEqual(['应急局', '市应急管理局执法支队']);
    expect((await readAuditLog(db)).at(-1)!.action).toBe('directory.merge');
  });
});
