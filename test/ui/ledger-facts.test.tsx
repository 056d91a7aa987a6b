// 页面识别 checks a drawn file's pages against its ledger row (issue 28): beside 案号 and 立案/结案, the
// row's own 告知日期/处罚决定日期/送达日期 columns are read from its original cells, so a document dated
// otherwise is flagged naming the column.
import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { useCaseIndex } from '../../renderer/ledgers/case-index-context';
import { useCaseRows } from '../../renderer/review/use-review-data';
import { useLedgerFacts } from '../../renderer/review/use-ledger-facts';
import type { LedgerFacts } from '../../shared/ocr/page-reading';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { renderWithApp } from './render-app';
import { ledgerImportMeta } from './ledger-import-meta';

const record = (i: number, raw: string[]): CaseFileRecord => ({
  itemId: `生态环境局|德环罚〔2024〕${i}号`,
  caseNo: `德环罚〔2024〕${i}号`,
  department: '生态环境局',
  caseType: '行政处罚',
  cause: '',
  party: '',
  filedDate: '2024-03-01',
  closedDate: '2024-06-30',
  amountFen: null,
  officer: '',
  certNo: '',
  sourceRow: i + 1,
  raw,
});

describe('the ledger facts the page finder checks against', () => {
  it("carry the row's own document dates with their columns' headers", async () => {
    const meta = {
      ...ledgerImportMeta('台账.xlsx', 'e'.repeat(64)),
      headers: ['案件编号', '执法部门', '案件类型', '告知日期', '处罚决定日期', '送达日期'],
    };
    await importCaseFiles(getDatabase(), meta, [
      record(1, ['德环罚〔2024〕1号', '生态环境局', '行政处罚', '2024-04-01', '2024-04-20', '2024-04-25']),
      record(2, ['德环罚〔2024〕2号', '生态环境局', '行政处罚', '2024-05-02', '2024/5/21', '']),
    ]);
    const seen: LedgerFacts[] = [];
    function Probe() {
      const { index } = useCaseIndex();
      const itemId = '生态环境局|德环罚〔2024〕2号';
      const row = useCaseRows(index.size ? [itemId] : []).get(itemId);
      seen.push(useLedgerFacts('德环罚〔2024〕2号', row));
      return null;
    }
    renderWithApp(<Probe />);
    await waitFor(() => expect(seen.at(-1)?.documentDates).toBeDefined(), { timeout: 20_000 });
    expect(seen.at(-1)).toEqual({
      caseNo: '德环罚〔2024〕2号',
      filedDate: '2024-03-01',
      closedDate: '2024-06-30',
      documentDates: {
        告知书: { date: '2024-05-02', header: '告知日期' },
        处罚决定书: { date: '2024-05-21', header: '处罚决定日期' },
      },
    });
  }, 30_000);
});
