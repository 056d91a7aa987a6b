// 页面识别 (issue 28): what the offline OCR read from the pages of a case file. The only writer of
// `caseFileReadings`. Readings are the machine's: shown as 机器识别 beside the hand labels of
// `caseFilePages`, never used by a score or a letter; a reviewer confirms one by making it a hand label
// (confirmMachineLabel), and a hand label always wins over the machine's.
import type { Table } from 'dexie';
import { DOCUMENT_KINDS, type DocumentKind } from '@shared/case-files/page-labels';
import type { PageReading } from '@shared/ocr/page-reading';
import type { PingchaDatabase } from './database';
import { CaseFileError, readPageLabels, setPageLabel } from './case-file-repository';

export interface CaseFileReadingsRow {
  sha256: string;
  /** Pages of the file (progress is readings.length of pageCount). */
  pageCount: number;
  /** One per page read, in page order. */
  readings: PageReading[];
  updatedAt: string;
}

declare module './database' {
  interface PingchaDatabase {
    caseFileReadings: Table<CaseFileReadingsRow, string>;
  }
}

const KINDS = new Set<string>(DOCUMENT_KINDS.map((k) => k.name));

export async function readCaseFileReadings(
  db: PingchaDatabase,
  sha256: string,
): Promise<CaseFileReadingsRow | undefined> {
  return db.caseFileReadings.get(sha256);
}

/** Stores the machine's reading of one page (replacing an earlier reading of that page). */
export async function saveMachineReading(
  db: PingchaDatabase,
  input: { sha256: string; pageCount: number; reading: PageReading },
): Promise<void> {
  const { reading, pageCount } = input;
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new CaseFileError('页数无效，识别结果未保存。');
  if (!Number.isInteger(reading.page) || reading.page < 0 || reading.page >= pageCount)
    throw new CaseFileError(`页码 ${reading.page + 1} 超出文件页数 ${pageCount}，识别结果未保存。`);
  if (!KINDS.has(reading.kind)) throw new CaseFileError(`未知的页面类型“${reading.kind}”，识别结果未保存。`);
  if (!(reading.confidence >= 0 && reading.confidence <= 1))
    throw new CaseFileError('识别置信度应在 0 到 1 之间，识别结果未保存。');
  if (reading.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(reading.date))
    throw new CaseFileError('识别日期格式无效，识别结果未保存。');
  await db.transaction('rw', [db.caseFiles, db.caseFileReadings], async () => {
    if ((await db.caseFiles.where('sha256').equals(input.sha256).count()) === 0)
      throw new CaseFileError('该电子案卷已被移除，识别结果未保存。');
    const row = await db.caseFileReadings.get(input.sha256);
    const readings = (row?.readings ?? []).filter((r) => r.page !== reading.page);
    readings.push({
      page: reading.page,
      kind: reading.kind,
      confidence: reading.confidence,
      firstLines: reading.firstLines.slice(0, 3),
      caseNo: reading.caseNo,
      date: reading.date,
    });
    readings.sort((a, b) => a.page - b.page);
    await db.caseFileReadings.put({
      sha256: input.sha256,
      pageCount,
      readings,
      updatedAt: new Date().toISOString(),
    });
  });
}

/** The reviewer takes the machine's kind for a page: it becomes the page's hand label. */
export async function confirmMachineLabel(
  db: PingchaDatabase,
  input: { sha256: string; page: number; actor: string },
): Promise<DocumentKind> {
  const reading = (await db.caseFileReadings.get(input.sha256))?.readings.find((r) => r.page === input.page);
  if (!reading) throw new CaseFileError(`第 ${input.page + 1} 页尚未识别，无可确认的机器标签。`);
  const labels = await readPageLabels(db, input.sha256);
  if (labels[input.page]) return labels[input.page]!;
  await setPageLabel(db, { sha256: input.sha256, page: input.page, kind: reading.kind, actor: input.actor });
  return reading.kind;
}
