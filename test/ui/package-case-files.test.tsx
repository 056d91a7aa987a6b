// 评查包 page with 电子案卷 (issue 27): the coordinator sees what each reviewer's package will carry
// before exporting it, and the export carries the files.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { PackagesPage } from '../../renderer/packages/packages-page';
import { formatBytes } from '../../shared/ledger/limits';
import { attachReviewerCaseFiles, setupCoordinator } from '../db/package-fixtures';
import { newImportMeta } from '../db/helpers';
import { renderWithApp } from './render-app';

describe('评查包 with case files', () => {
  it('shows the size each package will carry, and exports the files inside the package', async () => {
    const db = getDatabase();
    const all = await setupCoordinator(db, 6);
    await importCaseFiles(
      db,
      newImportMeta({ counts: { rowsRead: 6, errors: 0, warnings: 0, excluded: 0 } }),
      all,
    );
    const { pdfs } = await attachReviewerCaseFiles(db, all);
    const { platform } = renderWithApp(<PackagesPage />);
    const cell = await screen.findByTestId('package-evidence-r1', {}, { timeout: 20_000 });
    await waitFor(() =>
      expect(cell.textContent).toBe(`2 个，共 ${formatBytes(pdfs[0]!.length + pdfs[1]!.length)}`),
    );
    const row = cell.closest('tr')!;
    fireEvent.click(within(row as HTMLElement).getByRole('button', { name: '导出评查包' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1), { timeout: 20_000 });
    // A ZIP holding the signed package and the files.
    expect([...platform.saved[0]!.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(platform.saved[0]!.bytes.length).toBeGreaterThan(pdfs[0]!.length + pdfs[1]!.length);
  });
});
