// What the page finder reads from one page (issue 28) and the flags it raises for a drawn file. Every
// value here is the machine's reading: the UI shows it as 机器识别 with its page until a reviewer
// confirms it, and nothing from here enters a score or a letter on its own.

import type { DocumentKind } from '../case-files/page-labels';
import type { CaseNumberKey } from '../case-files/case-number-match';
import { caseNumberKeys } from '../case-files/case-number-match';
import { caseNumberText, documentDate, readCaseNumber, sameCaseNumber } from './document-fields';
import type { OcrLine } from './ocr-engine';
import { classifyPage } from './page-kind';

/** A page as the machine read it. */
export interface PageReading {
  /** Page index, 0-based. */
  page: number;
  kind: DocumentKind;
  /** 0..1, from the title match. */
  confidence: number;
  /** The first lines as read (title, 案号), for the table of contents. */
  firstLines: string[];
  /** 代字〔年〕号, or null when the page prints none that could be read. */
  caseNo: string | null;
  /** YYYY-MM-DD of the page's own (last printed) date, or null. */
  date: string | null;
}

const FIRST_LINES_SHOWN = 3;

/** Kind, first lines, 案号 and date of a page from its OCR lines (in reading order). */
export function readPage(page: number, lines: readonly OcrLine[]): PageReading {
  const guess = classifyPage(lines.map((l) => ({ text: l.text, height: l.box.h })));
  const all = lines.map((l) => l.text).join('\n');
  const key = readCaseNumber(
    lines
      .slice(0, 6)
      .map((l) => l.text)
      .join('\n'),
  );
  return {
    page,
    kind: guess.kind,
    confidence: guess.confidence,
    firstLines: lines.slice(0, FIRST_LINES_SHOWN).map((l) => l.text),
    caseNo: key ? caseNumberText(key) : null,
    date: documentDate(all),
  };
}

/** The documents whose dates a ledger records in a column of its own (告知日期, 处罚决定日期, 送达日期). */
export type LedgerDatedDocument = '告知书' | '处罚决定书' | '送达回证';

/** The drawn file the pages belong to, as the ledger has it. */
export interface LedgerFacts {
  caseNo: string;
  filedDate: string | null;
  closedDate: string | null;
  /** The dates the ledger's row gives for these documents, with the column's header (ledger-document-dates.ts). */
  documentDates?: Partial<Record<LedgerDatedDocument, { date: string; header: string }>>;
}

export type OcrFlag =
  | { kind: 'case-number-mismatch'; page: number; read: string; ledger: string; message: string }
  | { kind: 'date-order'; pages: [number, number]; message: string }
  | { kind: 'date-outside-ledger'; page: number; date: string; message: string }
  | { kind: 'date-unlike-ledger'; page: number; date: string; ledgerDate: string; message: string };

/** Documents whose dates run the statutory clock, in the order they must be dated. */
const CLOCK: readonly DocumentKind[] = ['告知书', '处罚决定书', '送达回证'];

function pageNo(p: number): string {
  return `第 ${p + 1} 页`;
}

/**
 * Flags for a drawn file from its pages' readings: a 案号 unlike the ledger's; a 决定书 dated before its
 * 告知书, or a 送达回证 before its 决定书 (both pages pinned); a 告知书/决定书/送达回证 dated before the
 * ledger's 立案 date or after its 结案 date, or on another day than the ledger's own column for it (告知日期,
 * 处罚决定日期, 送达日期) says (the page pinned, the ledger's date and column named).
 */
export function readingFlags(readings: readonly PageReading[], ledger: LedgerFacts): OcrFlag[] {
  const flags: OcrFlag[] = [];
  const ledgerKey: CaseNumberKey | undefined = caseNumberKeys(ledger.caseNo)[0];
  if (ledgerKey) {
    for (const r of readings) {
      if (!r.caseNo) continue;
      const read = caseNumberKeys(r.caseNo)[0];
      if (read && !sameCaseNumber(read, ledgerKey)) {
        flags.push({
          kind: 'case-number-mismatch',
          page: r.page,
          read: r.caseNo,
          ledger: ledger.caseNo,
          message: `${pageNo(r.page)}印有案号 ${r.caseNo}，与台账案号 ${ledger.caseNo} 不符`,
        });
      }
    }
  }
  // The first dated page of each clock document stands for it.
  const dated = new Map<DocumentKind, PageReading>();
  for (const r of readings) if (r.date && CLOCK.includes(r.kind) && !dated.has(r.kind)) dated.set(r.kind, r);
  for (let i = 1; i < CLOCK.length; i++) {
    const before = dated.get(CLOCK[i - 1]!);
    const after = dated.get(CLOCK[i]!);
    if (before?.date && after?.date && after.date < before.date) {
      flags.push({
        kind: 'date-order',
        pages: [before.page, after.page],
        message: `${after.kind}（${pageNo(after.page)}，${after.date}）早于${before.kind}（${pageNo(before.page)}，${before.date}）`,
      });
    }
  }
  for (const r of dated.values()) {
    const recorded = ledger.documentDates?.[r.kind as LedgerDatedDocument];
    if (recorded && recorded.date !== r.date) {
      flags.push({
        kind: 'date-unlike-ledger',
        page: r.page,
        date: r.date!,
        ledgerDate: recorded.date,
        message: `${r.kind}（${pageNo(r.page)}）日期 ${r.date} 与台账“${recorded.header}” ${recorded.date} 不符`,
      });
    }
    if (ledger.filedDate && r.date! < ledger.filedDate) {
      flags.push({
        kind: 'date-outside-ledger',
        page: r.page,
        date: r.date!,
        message: `${r.kind}（${pageNo(r.page)}）日期 ${r.date} 早于台账立案日期 ${ledger.filedDate}`,
      });
    } else if (ledger.closedDate && r.date! > ledger.closedDate) {
      flags.push({
        kind: 'date-outside-ledger',
        page: r.page,
        date: r.date!,
        message: `${r.kind}（${pageNo(r.page)}）日期 ${r.date} 晚于台账结案日期 ${ledger.closedDate}`,
      });
    }
  }
  return flags;
}
