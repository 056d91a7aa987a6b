import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { PingchaDatabase } from '../../renderer/db/database';
import { getDatabase } from '../../renderer/db/database';
import { exportAssignmentPackage, openWorkspacePackage } from '../../renderer/db/package-repository';
import { ReviewPage } from '../../renderer/review/review-page';
import { CAMPAIGN, setupCoordinator } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

describe('reviewer workspace opened from a panel package', () => {
  it('limits the review page to the package: its reviewer, its files, no panel or re-check', async () => {
    const coordinator = new PingchaDatabase('coordinator-ui');
    const cases = await setupCoordinator(coordinator, 8);
    const { bytes, fileName } = await exportAssignmentPackage(coordinator, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const ws = await openWorkspacePackage(getDatabase(), bytes, fileName, { actor: '王评查' });

    renderWithApp(<ReviewPage />);
    const banner = await screen.findByTestId('workspace-banner', {}, { timeout: 10_000 });
    expect(banner.textContent).toContain('王评查');
    expect(banner.textContent).toContain(`${ws.itemIds.length} 件`);
    // The coordinator's tabs are not offered in a workspace.
    expect(screen.queryByText('评查组与分配')).toBeNull();
    expect(screen.queryByText('复核')).toBeNull();
    const reviewer = await screen.findByTestId('current-reviewer');
    expect(within(reviewer).getByText(/王评查/)).toBeInTheDocument();
    expect(reviewer.className).toContain('disabled');
    expect(await screen.findByText(`待评案卷（${ws.itemIds.length}）`)).toBeInTheDocument();
  });
});
