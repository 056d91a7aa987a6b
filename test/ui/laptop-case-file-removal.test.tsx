// A reviewer's laptop with 电子案卷 from the package (issue 27): once the results package is saved it
// offers to remove the case files (personal data), and the removal is logged.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PingchaDatabase, getDatabase } from '../../renderer/db/database';
import { exportAssignmentPackage, openWorkspacePackage } from '../../renderer/db/package-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { PackagesPage } from '../../renderer/packages/packages-page';
import { attachReviewerCaseFiles, CAMPAIGN, setupCoordinator } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

describe('reviewer laptop case files', () => {
  it('after the results package is saved the laptop asks, then removes its case files and logs it', async () => {
    const office = new PingchaDatabase('case-files-office-ui');
    const all = await setupCoordinator(office, 6);
    await attachReviewerCaseFiles(office, all);
    const pkg = await exportAssignmentPackage(office, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases: all,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const laptop = getDatabase();
    await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '王评查' });
    expect(await laptop.caseFiles.count()).toBe(2);
    const { platform } = renderWithApp(<PackagesPage />);
    fireEvent.click(await screen.findByTestId('export-results', {}, { timeout: 20_000 }));
    const confirm = await screen.findByTestId('remove-case-files-confirm', {}, { timeout: 20_000 });
    expect(platform.saved).toHaveLength(1);
    expect(document.body.textContent).toContain('本机还存有 2 个电子案卷');
    fireEvent.click(confirm);
    await waitFor(async () => expect(await laptop.caseFiles.count()).toBe(0));
    expect(await laptop.caseFileBytes.count()).toBe(0);
    const removals = (await readAuditLog(laptop)).filter((e) => e.action === 'casefile.remove');
    expect(removals).toHaveLength(2);
  });
});
