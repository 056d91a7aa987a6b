import { useEffect, useMemo, useState } from 'react';
import type { CaseRow } from '@shared/cases/case-index';
import { ledgerDocumentDates } from '@shared/ocr/ledger-document-dates';
import type { LedgerFacts } from '@shared/ocr/page-reading';
import { ledgerStore } from '../db/hooks/ledgers';
import { useCaseIndex } from '../ledgers/case-index-context';

/**
 * What the page finder checks a drawn file's pages against: its 案号, 立案/结案 dates and, from the row's
 * original cells, the ledger's own 告知日期/处罚决定日期/送达日期 where it has such columns.
 */
export function useLedgerFacts(caseNo: string, row: CaseRow | undefined): LedgerFacts {
  const { index } = useCaseIndex();
  const [documentDates, setDocumentDates] = useState<LedgerFacts['documentDates']>(undefined);
  const rowIndex = row?.index;
  useEffect(() => {
    setDocumentDates(undefined);
    if (rowIndex === undefined || rowIndex >= index.size) return;
    let live = true;
    void (async () => {
      const pos = index.positionInImport(rowIndex);
      const source = await ledgerStore.loadRawRowWithSource(pos.importId, pos.offset);
      if (live) setDocumentDates(ledgerDocumentDates(source.headers, source.cells));
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [index, rowIndex]);
  const filedDate = row?.filedDate ?? null;
  const closedDate = row?.closedDate ?? null;
  return useMemo(
    () => ({ caseNo, filedDate, closedDate, documentDates }),
    [caseNo, filedDate, closedDate, documentDates],
  );
}
