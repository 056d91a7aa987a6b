// 逐卷评查: the current reviewer (身份) follows the person at the keyboard. The operator who is a
// panel member is offered as themselves; when another operator takes over, the previous person's
// choice is not kept.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { ReviewPage } from '../../renderer/review/review-page';
import { OPERATOR_AREA, writeSettings } from '../../renderer/db/settings-repository';
import { operatorSettingsSchema } from '../../shared/util/operator-settings';
import { setupCoordinator } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

const reviewerText = () => screen.getByTestId('current-reviewer').textContent ?? '';

describe('current reviewer on a shared machine', () => {
  it('starts from the operator and forgets the previous person when the operator changes', async () => {
    const db = getDatabase();
    await setupCoordinator(db, 6);
    await writeSettings(db, OPERATOR_AREA, operatorSettingsSchema, { name: '王评查' });
    renderWithApp(<ReviewPage />);
    await screen.findByTestId('current-reviewer', {}, { timeout: 20_000 });
    await waitFor(() => expect(reviewerText()).toContain('王评查'));

    // 王评查 picks 李律师 (e.g. by mistake, or helping): remembered for this operator only.
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '当前评查人员' }));
    fireEvent.click(await screen.findByTitle(/^李律师/));
    await waitFor(() => expect(reviewerText()).toContain('李律师'));

    // Another person takes the keyboard: nobody's identity is carried over.
    await act(() => writeSettings(db, OPERATOR_AREA, operatorSettingsSchema, { name: '赵六' }));
    await waitFor(() => expect(reviewerText()).toContain('请选择本人姓名'));
    expect(reviewerText()).not.toContain('李律师');
  });
});
