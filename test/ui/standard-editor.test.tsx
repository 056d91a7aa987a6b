import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StandardEditor } from '../../renderer/standards/standard-editor';
import { getDatabase } from '../../renderer/db/database';
import { ensureDefaultStandards, listStandards } from '../../renderer/db/standards-repository';
import type { ReviewStandard } from '../../shared/standards/standard-model';
import { renderWithApp } from './render-app';

async function firstDefault(): Promise<ReviewStandard> {
  const db = getDatabase();
  await ensureDefaultStandards(db);
  return (await listStandards(db))[0]!;
}

describe('评查标准 → 编辑', () => {
  it('edits name, an item, a deduction, a veto and a band; refuses an incomplete one and saves a complete one', async () => {
    const initial = await firstDefault();
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<StandardEditor initial={initial} onClose={onClose} />);
    const drawer = await screen.findByRole('dialog');
    fireEvent.change(within(drawer).getByLabelText('标准名称'), { target: { value: '改过的标准' } });
    // The first category opens and its first item is edited.
    await user.click(within(drawer).getAllByRole('button', { expanded: false })[0]!);
    const title = (await within(drawer).findAllByLabelText('评查项名称'))[0]!;
    fireEvent.change(title, { target: { value: '改过的评查项' } });
    const deductions = within(drawer).getAllByLabelText('扣分情形').length;
    await user.click(within(drawer).getAllByRole('button', { name: '添加扣分情形' })[0]!);
    await waitFor(() => expect(within(drawer).getAllByLabelText('扣分情形')).toHaveLength(deductions + 1));
    const vetoes = within(drawer).queryAllByLabelText('否决项内容').length;
    await user.click(within(drawer).getByRole('button', { name: '添加否决项' }));
    await waitFor(() => expect(within(drawer).getAllByLabelText('否决项内容')).toHaveLength(vetoes + 1));
    const bands = within(drawer).getAllByLabelText('等次名称').length;
    await user.click(within(drawer).getByRole('button', { name: '添加等次' }));
    await waitFor(() => expect(within(drawer).getAllByLabelText('等次名称')).toHaveLength(bands + 1));
    // The new veto and band are empty: the editor says what is missing and saving is refused.
    await user.click(within(drawer).getByTestId('standard-save'));
    expect(await within(drawer).findByText('未能保存')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    // Take the empty veto and band away again, then save.
    const vetoRemove = within(drawer).getAllByLabelText('否决项内容').at(-1)!.closest('.ant-space')!;
    await user.click(within(vetoRemove as HTMLElement).getByRole('button', { name: /删\s*除/ }));
    const bandRemove = within(drawer).getAllByLabelText('等次名称').at(-1)!.closest('.ant-space')!;
    await user.click(within(bandRemove as HTMLElement).getByRole('button', { name: /删\s*除/ }));
    const deductionInputs = within(drawer).getAllByLabelText('扣分情形');
    fireEvent.change(
      deductionInputs.find((i) => (i as HTMLInputElement).value === '')!,
      { target: { value: '新增的扣分情形' } },
    );
    await user.click(within(drawer).getByTestId('standard-save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const saved = (await listStandards(getDatabase()))
      .filter((s) => s.id === initial.id)
      .sort((a, b) => a.version - b.version)
      .at(-1);
    expect(saved?.name).toBe('改过的标准');
    expect(saved?.categories[0]!.items[0]!.title).toBe('改过的评查项');
    expect(saved?.categories[0]!.items[0]!.deductions.at(-1)!.label).toBe('新增的扣分情形');
  });
});
