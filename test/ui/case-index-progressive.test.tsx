// Reload to usable (issue 16): with a large import stored, the case index publishes its rows as soon as
// the first chunk is loaded (and then every few hundred milliseconds), not only once all are in. An import
// committed from the page joins the index with the rows its worker packed, no chunk read back (issue 31).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { ledgerStore } from '../../renderer/db/hooks/ledgers';
import { useCaseIndex } from '../../renderer/ledgers/case-index-context';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { renderWithApp } from './render-app';
import { ledgerImportMeta } from './ledger-import-meta';

const ROWS = 12_000; // six chunks of 2,000

function records(n: number): CaseFileRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `市场监督管理局|罚-${i + 1}`,
    caseNo: `罚-${i + 1}`,
    department: '市场监督管理局',
    caseType: '行政处罚',
    cause: '案由',
    party: `当事人${i + 1}`,
    filedDate: '2025-01-02',
    closedDate: '2025-06-01',
    amountFen: null,
    officer: '',
    certNo: '',
    sourceRow: i + 2,
    raw: [],
  }));
}

const meta = ledgerImportMeta('大台账.xlsx', 'f'.repeat(64));

beforeAll(async () => {
  await importCaseFiles(getDatabase(), meta, records(ROWS));
}, 120_000);

describe('case index loading', () => {
  it('shows the first rows while the rest of a large import is still loading', async () => {
    const seen: { size: number; loading: boolean; version: number }[] = [];
    function Probe() {
      const { index, loading, version } = useCaseIndex();
      seen.push({ size: index.size, loading, version });
      return null;
    }
    renderWithApp(<Probe />);
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ size: ROWS, loading: false }), {
      timeout: 60_000,
    });
    // Version 1 announces the import (nothing loaded yet); a later version, still loading, publishes
    // the rows of the first chunk(s). Before issue 16 the next version came only with everything.
    const publishedWhileLoading = seen.filter((s) => s.loading && s.version >= 2);
    expect(publishedWhileLoading.length).toBeGreaterThan(0);
    expect(publishedWhileLoading[0]!.size).toBeGreaterThan(0);
  }, 120_000);

  it('stops reading chunks and publishing once the provider is unmounted mid-load', async () => {
    // The first read is held until the provider is gone; then the loop must not read the next chunks.
    const original = ledgerStore.readCaseChunks;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reads = vi.spyOn(ledgerStore, 'readCaseChunks').mockImplementation(async (keys) => {
      await gate;
      return original(keys);
    });
    let renders = 0;
    function Probe() {
      const { index } = useCaseIndex();
      renders += 1;
      return <span>{index.size}</span>;
    }
    const view = renderWithApp(<Probe />);
    await waitFor(() => expect(reads).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    view.unmount();
    const rendersAtUnmount = renders;
    release();
    await new Promise((r) => setTimeout(r, 500));
    // 12,000 rows are 6 chunks, read 4 at a time: a loop still running would have read again.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(renders).toBe(rendersAtUnmount);
    reads.mockRestore();
  }, 120_000);

  it('appends an import committed from this page from the rows the importer handed over, reading no chunk of it', async () => {
    let latest: ReturnType<typeof useCaseIndex> | null = null;
    function Probe() {
      latest = useCaseIndex();
      return null;
    }
    const view = renderWithApp(<Probe />);
    await waitFor(() => expect(latest).toMatchObject({ loading: false }), { timeout: 60_000 });
    const before = latest!.index.size;
    const reads = vi.spyOn(ledgerStore, 'readCaseChunks');
    const importer = createInProcessImporter(getDatabase());
    const csv = ['案件编号,执法部门,案件类型,当事人,结案日期', '交-1,交通运输局,行政检查,甲公司,2025-02-03']
      .concat(Array.from({ length: 2999 }, (_, i) => `交-${i + 2},交通运输局,行政处罚,乙${i},2025-03-04`))
      .join('\r\n');
    const opened = await importer.open({ name: '交通.csv', bytes: new TextEncoder().encode(csv) }, 'auto');
    await importer.analyse({
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    const record = await importer.commit({
      fileKey: opened.fileKey,
      isDemo: false,
      insistedDuplicate: false,
    });
    expect(record).not.toHaveProperty('caseIndex'); // the page gets the record; the rows went to the index
    await waitFor(() => expect(latest).toMatchObject({ loading: false, index: { size: before + 3000 } }), {
      timeout: 60_000,
    });
    const index = latest!.index;
    expect(index.row(before)).toMatchObject({
      importId: record.id,
      caseNo: '交-1',
      department: '交通运输局',
      caseType: '行政检查',
      party: '甲公司',
      closedDate: '2025-02-03',
    });
    expect(index.indexOfItemId(index.itemIdAt(before + 2999))).toBe(before + 2999);
    expect(index.filter({ departments: ['交通运输局'], caseTypes: ['行政处罚'] })).toHaveLength(2999);
    expect(reads.mock.calls.flatMap(([keys]) => keys).filter(([id]) => id === record.id)).toEqual([]);
    reads.mockRestore();
    importer.dispose();
    view.unmount();
  }, 120_000);
});
