// The ledgers page opens in two renders (issue 26, no UI task over 200 ms when the page opens): the tabs
// first, the case browser (its selects, date range and the table over every row) in a later render, so the
// first paint never waits for it.
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { LedgersPage } from '../../renderer/ledgers/ledgers-page';
import { useCaseIndex } from '../../renderer/ledgers/case-index-context';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { renderWithApp } from './render-app';

function OnceLoaded({ commits }: { commits: boolean[] }) {
  const { index } = useCaseIndex();
  if (!index.size) return null;
  return (
    <Profiler
      id="ledgers"
      onRender={() => commits.push(document.querySelector('[data-testid="browse-count"]') !== null)}
    >
      <LedgersPage />
    </Profiler>
  );
}

describe('LedgersPage', () => {
  it('commits the tabs before the case browser, then shows the case browser', async () => {
    const service = new LedgerImportService(getDatabase());
    const bytes = ledgerCsvBytes(generateLedgerRows({ rows: 50, seed: 7 }), 'utf-8');
    const opened = await service.open({ name: '台账.csv', bytes }, 'auto');
    await service.analyse({
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    await service.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
    const commits: boolean[] = [];
    renderWithApp(<OnceLoaded commits={commits} />);
    await waitFor(() => expect(screen.getByTestId('browse-count')).toBeTruthy());
    expect(commits[0]).toBe(false);
    expect(commits.at(-1)).toBe(true);
  });
});
