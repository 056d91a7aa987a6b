import { describe, expect, it } from 'vitest';
import { classifyPage, matchTitle, substringDistance } from '@shared/ocr/page-kind';
import { caseNumberText, documentDate, readCaseNumber, readDates } from '@shared/ocr/document-fields';
import { readPage, readingFlags, type PageReading } from '@shared/ocr/page-reading';
import { ledgerDocumentDates } from '@shared/ocr/ledger-document-dates';
import type { OcrLine } from '@shared/ocr/ocr-engine';

const line = (text: string, h = 50, y = 0): OcrLine => ({
  text,
  confidence: 0.99,
  box: { x: 0, y, w: 20 * h, h },
});

describe('page kind from the printed title', () => {
  it('edit distance against the best-matching stretch of a line', () => {
    expect(substringDistance('告知书', '德阳市行政处罚告知书')).toBe(0);
    expect(substringDistance('处罚决定书', '行政处罚決定书')).toBe(1);
    expect(substringDistance('送达回证', '')).toBe(4);
  });

  it('each kind from its usual titles, exactly or with one misread character', () => {
    expect(matchTitle('行政处罚决定书')).toMatchObject({ kind: '处罚决定书', score: 1 });
    expect(matchTitle('行政处罚事先告知书')).toMatchObject({ kind: '告知书', score: 1 });
    expect(matchTitle('现场检查（勘验）笔录')?.kind).toBe('现场检查笔录');
    expect(matchTitle('听证通知书')?.kind).toBe('听证通知');
    expect(matchTitle('法制审核意兄书')?.kind).toBe('法制审核意见');
    expect(matchTitle('文书送达回証')?.kind).toBe('送达回证');
    expect(matchTitle('立 案 审 批 表')).toMatchObject({ kind: '立案审批表', score: 1 });
  });

  it('the tallest of the first lines is the title: a 送达回证 naming the 决定书 it serves stays a 送达回证', () => {
    const guess = classifyPage([
      { text: '德阳市市场监督管理局', height: 40 },
      { text: '送达回证', height: 70 },
      { text: '送达文书：行政处罚决定书', height: 40 },
    ]);
    expect(guess).toEqual({ kind: '送达回证', confidence: 1, titleLine: '送达回证' });
  });

  it('a page without a recognisable title is 其他材料 with confidence 0', () => {
    expect(classifyPage([{ text: '身份证复印件', height: 50 }])).toEqual({
      kind: '其他材料',
      confidence: 0,
      titleLine: '',
    });
    expect(classifyPage([])).toMatchObject({ kind: '其他材料', confidence: 0 });
  });
});

describe('案号 and dates read from OCR text', () => {
  it('案号 with the brackets OCR gives back, in one canonical form', () => {
    expect(caseNumberText(readCaseNumber('德交执罚〔2024]737号')!)).toBe('德交执罚〔2024〕737号');
    expect(caseNumberText(readCaseNumber('德市监罚［2023】第012号')!)).toBe('德市监罚〔2023〕12号');
    expect(caseNumberText(readCaseNumber('编号：德环罚(2025)5号')!)).toBe('德环罚〔2025〕5号');
    expect(readCaseNumber('当事人：张某某')).toBeNull();
  });

  it('案号 whose year brackets OCR doubled, dropped or read as a space (as the bench found them)', () => {
    expect(caseNumberText(readCaseNumber('旌市监罚2021]751号')!)).toBe('旌市监罚〔2021〕751号');
    expect(caseNumberText(readCaseNumber('旌市监罚〔[2021]751号')!)).toBe('旌市监罚〔2021〕751号');
    expect(caseNumberText(readCaseNumber('德市监罚【2021704号')!)).toBe('德市监罚〔2021〕704号');
    expect(caseNumberText(readCaseNumber('德市监罚〔2021 948号')!)).toBe('德市监罚〔2021〕948号');
    expect(caseNumberText(readCaseNumber('德市监罚〔2021〕第012号')!)).toBe('德市监罚〔2021〕12号');
  });

  it('dates in Arabic and in Chinese numerals, 〇 misread as O or 0', () => {
    expect(readDates('2024年3月2日')).toEqual(['2024-03-02']);
    expect(readDates('二〇二四年三月二日')).toEqual(['2024-03-02']);
    expect(readDates('二〇二四年十二月二十一日')).toEqual(['2024-12-21']);
    expect(readDates('二O二五年十月三十日')).toEqual(['2025-10-30']);
    expect(readDates('二0二三年一月十日')).toEqual(['2023-01-10']);
    expect(readDates('2024 年 11 月 5 日')).toEqual(['2024-11-05']);
  });

  it('impossible dates are not read; the document date is the last one printed (the 落款)', () => {
    expect(readDates('2024年2月30日 2024年13月1日')).toEqual([]);
    expect(documentDate('于2024年3月2日立案\n二〇二四年四月一日')).toBe('2024-04-01');
    expect(documentDate('无日期')).toBeNull();
  });
});

describe('page reading and flags for a drawn file', () => {
  it('reads kind, first lines, 案号 and date from the lines of a page', () => {
    const r = readPage(4, [
      line('德阳市交通运输局', 40, 10),
      line('行政处罚决定书', 70, 60),
      line('德交执罚〔2024]737号', 35, 140),
      line('当事人：张某某', 35, 200),
      line('二〇二四年五月六日', 35, 900),
    ]);
    expect(r).toEqual({
      page: 4,
      kind: '处罚决定书',
      confidence: 1,
      firstLines: ['德阳市交通运输局', '行政处罚决定书', '德交执罚〔2024]737号'],
      caseNo: '德交执罚〔2024〕737号',
      date: '2024-05-06',
    });
  });

  const reading = (
    page: number,
    kind: PageReading['kind'],
    date: string | null,
    caseNo = '德交执罚〔2024〕737号',
  ): PageReading => ({
    page,
    kind,
    confidence: 1,
    firstLines: [],
    caseNo,
    date,
  });
  const ledger = { caseNo: '德交执罚〔2024〕737号', filedDate: '2024-03-01', closedDate: '2024-06-30' };

  it('no flag when the pages agree with the ledger and with each other', () => {
    const readings = [
      reading(0, '告知书', '2024-04-01'),
      reading(1, '处罚决定书', '2024-04-20'),
      reading(2, '送达回证', '2024-04-22'),
    ];
    expect(readingFlags(readings, ledger)).toEqual([]);
  });

  it("a 案号 unlike the ledger's is a flag on its page", () => {
    const flags = readingFlags([reading(3, '告知书', null, '德交执罚〔2024〕738号')], ledger);
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'case-number-mismatch',
        page: 3,
        message: '第 4 页印有案号 德交执罚〔2024〕738号，与台账案号 德交执罚〔2024〕737号 不符',
      }),
    ]);
  });

  it('a 决定书 dated before its 告知书 is flagged with both pages pinned', () => {
    const flags = readingFlags(
      [reading(2, '告知书', '2024-04-10'), reading(5, '处罚决定书', '2024-04-08')],
      ledger,
    );
    expect(flags).toEqual([
      {
        kind: 'date-order',
        pages: [2, 5],
        message: '处罚决定书（第 6 页，2024-04-08）早于告知书（第 3 页，2024-04-10）',
      },
    ]);
  });

  it("a clock document dated outside the ledger's 立案–结案 span is flagged", () => {
    const flags = readingFlags(
      [reading(1, '告知书', '2024-02-20'), reading(6, '送达回证', '2024-07-02')],
      ledger,
    );
    expect(flags.map((f) => f.message)).toEqual([
      '告知书（第 2 页）日期 2024-02-20 早于台账立案日期 2024-03-01',
      '送达回证（第 7 页）日期 2024-07-02 晚于台账结案日期 2024-06-30',
    ]);
  });

  it("a clock document dated unlike the ledger's own column for it is flagged, naming the column", () => {
    const documentDates = ledgerDocumentDates(
      ['案件编号', '告知日期', '处罚决定日期（填写）', '送达日期', '备注'],
      ['德交执罚〔2024〕737号', '2024/4/1', '2024年4月21日', '', '决定日期'],
    );
    expect(documentDates).toEqual({
      告知书: { date: '2024-04-01', header: '告知日期' },
      处罚决定书: { date: '2024-04-21', header: '处罚决定日期（填写）' },
    });
    const flags = readingFlags(
      [
        reading(0, '告知书', '2024-04-01'),
        reading(3, '处罚决定书', '2024-04-20'),
        reading(4, '送达回证', '2024-04-22'),
      ],
      { ...ledger, documentDates },
    );
    expect(flags).toEqual([
      {
        kind: 'date-unlike-ledger',
        page: 3,
        date: '2024-04-20',
        ledgerDate: '2024-04-21',
        message: '处罚决定书（第 4 页）日期 2024-04-20 与台账“处罚决定日期（填写）” 2024-04-21 不符',
      },
    ]);
  });

  it('a ledger without those columns, or with unreadable cells, gives no document dates', () => {
    expect(ledgerDocumentDates(['案件编号', '立案日期'], ['X', '2024-03-01'])).toEqual({});
    expect(ledgerDocumentDates(['送达日期'], ['次日'])).toEqual({});
  });
});
