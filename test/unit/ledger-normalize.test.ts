import { describe, expect, it } from 'vitest';
import {
  canonicalCaseType,
  canonicalText,
  decimalToFen,
  headerText,
  parseAmountFen,
  parseLedgerDate,
} from '../../shared/ledger/normalize';
import { caseItemId } from '../../shared/ledger/item-id';
import { excelSerialToIso } from '../../shared/xlsx/excel-date';

describe('canonicalText', () => {
  it('trims, applies NFKC and collapses whitespace', () => {
    expect(canonicalText('  德阳市  市场监督管理局 ')).toBe('德阳市 市场监督管理局');
    expect(canonicalText('\u3000德市监罚〔２０２４〕１２号\u3000')).toBe('德市监罚〔2024〕12号');
    expect(canonicalText('ＡＢＣ－１２３')).toBe('ABC-123');
    expect(canonicalText('a\t\nb\u200bc')).toBe('a bc');
    expect(canonicalText(null)).toBe('');
    expect(canonicalText(12)).toBe('12');
    expect(canonicalText('plain ASCII')).toBe('plain ASCII');
  });
  it('header text drops all spaces', () => {
    expect(headerText(' 立 案\n日 期 ')).toBe('立案日期');
    expect(headerText('处罚金额（元）')).toBe('处罚金额(元)');
  });
});

describe('caseItemId', () => {
  it('joins canonical department and case number with |', () => {
    expect(caseItemId(' 德阳市市场监督管理局 ', '德市监罚〔２０２４〕１２号')).toBe(
      '德阳市市场监督管理局|德市监罚〔2024〕12号',
    );
    expect(caseItemId('A  局', ' x ')).toBe('A 局|x');
  });
});

describe('parseLedgerDate', () => {
  it.each([
    ['2017-3-5', '2017-03-05'],
    ['2017-03-05', '2017-03-05'],
    ['2017/03/05', '2017-03-05'],
    ['2017/3/5', '2017-03-05'],
    ['2017.3.5', '2017-03-05'],
    ['2017年3月5日', '2017-03-05'],
    ['2017年03月05号', '2017-03-05'],
    ['20170305', '2017-03-05'],
    ['２０１７年３月５日', '2017-03-05'],
    ['２０１７－０３－０５', '2017-03-05'],
    ['2017-03-05 14:30:00', '2017-03-05'],
    ['2017-03-05T00:00:00', '2017-03-05'],
    ['42799', '2017-03-05'],
    [' 2017/3/5 ', '2017-03-05'],
  ])('text %s -> %s', (input, iso) => {
    expect(parseLedgerDate(input)).toBe(iso);
  });
  it('numbers: yyyymmdd and Excel serials in a plausible range', () => {
    expect(parseLedgerDate(20170305)).toBe('2017-03-05');
    expect(parseLedgerDate(42799)).toBe('2017-03-05');
    expect(parseLedgerDate(42799.75)).toBe('2017-03-05');
    expect(parseLedgerDate(45292)).toBe('2024-01-01');
    expect(parseLedgerDate(12)).toBe(false);
    expect(parseLedgerDate(2017)).toBe(false);
  });
  it('empty is null, nonsense and impossible dates are false', () => {
    expect(parseLedgerDate(null)).toBeNull();
    expect(parseLedgerDate('  ')).toBeNull();
    expect(parseLedgerDate('2017-02-30')).toBe(false);
    expect(parseLedgerDate('2017-13-01')).toBe(false);
    expect(parseLedgerDate('2016-02-29')).toBe('2016-02-29');
    expect(parseLedgerDate('2100-02-29')).toBe(false);
    expect(parseLedgerDate('去年三月')).toBe(false);
    expect(parseLedgerDate('3/5/2017')).toBe(false);
    expect(parseLedgerDate('20171345')).toBe(false);
  });
  it('Excel serials honour the 1900 leap-year bug and the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(41337, true)).toBe('2017-03-05');
  });
});

describe('parseAmountFen', () => {
  it.each([
    ['1234', 123400],
    ['1,234.5', 123450],
    ['1，234.56元', 123456],
    ['２，０００元', 200000],
    ['¥3,000.00', 300000],
    ['￥3000', 300000],
    ['1.5万元', 1500000],
    ['2万', 2000000],
    ['0.29', 29],
    ['0.1', 10],
    ['1.005', 101],
    ['1.004', 100],
    ['人民币伍佰元', false],
    ['12,3a', false],
    ['-100', false],
  ])('text %s -> %s', (input, fen) => {
    expect(parseAmountFen(input)).toBe(fen);
  });
  it('numbers without float error', () => {
    expect(parseAmountFen(0.29)).toBe(29);
    expect(parseAmountFen(1234.56)).toBe(123456);
    expect(parseAmountFen(0.1 + 0.2)).toBe(30);
    expect(parseAmountFen(5000)).toBe(500000);
    expect(parseAmountFen(-1)).toBe(false);
  });
  it('a 万元 column scales bare numbers', () => {
    expect(parseAmountFen(1.5, true)).toBe(1500000);
    expect(parseAmountFen('0.35', true)).toBe(350000);
    expect(parseAmountFen('3500元', true)).toBe(350000);
  });
  it('"none" cells are null', () => {
    for (const t of ['', '无', '/', '-', '——', null]) expect(parseAmountFen(t)).toBeNull();
  });
  it('decimalToFen parses digit by digit', () => {
    expect(decimalToFen('123456789012.34')).toBe(12345678901234);
    expect(decimalToFen('.5')).toBe(50);
    expect(decimalToFen('1.2.3')).toBe(false);
  });
});

describe('canonicalCaseType', () => {
  it.each([
    ['行政处罚', '行政处罚'],
    ['处罚', '行政处罚'],
    ['行政处罚（一般程序）', '行政处罚'],
    ['行政处罚(简易程序)', '行政处罚'],
    ['简易程序', '行政处罚'],
    ['许可', '行政许可'],
    ['行政强制措施', '行政强制'],
    ['监督检查', '行政检查'],
    ['行政征收', '行政征收'],
    ['行政确认', '行政确认'],
    ['行政给付', '行政给付'],
    ['行政裁决', '行政裁决'],
    ['其它', '其他'],
  ])('%s -> %s', (input, type) => {
    expect(canonicalCaseType(input)).toEqual({ type, known: true });
  });
  it('unknown types are kept as written', () => {
    expect(canonicalCaseType(' 行政奖励 ')).toEqual({ type: '行政奖励', known: false });
  });
});

describe('canonicalText fast path', () => {
  it('every character the fast path accepts is NFKC-stable', async () => {
    const { isAlreadyCanonical } = await import('../../shared/ledger/normalize');
    for (let c = 0; c < 0x10000; c++) {
      const s = 'a' + String.fromCharCode(c) + 'b';
      if (isAlreadyCanonical(s)) expect(s.normalize('NFKC').replace(/\s+/g, ' ')).toBe(s);
    }
    expect(isAlreadyCanonical(' a')).toBe(false);
    expect(isAlreadyCanonical('a  b')).toBe(false);
    expect(isAlreadyCanonical('１')).toBe(false);
  });
});

describe('date fast paths', () => {
  it('reads 8-digit text dates directly and refuses impossible ones', () => {
    expect(parseLedgerDate('20170305')).toBe('2017-03-05');
    expect(parseLedgerDate('20170230')).toBe(false);
    expect(parseLedgerDate('12345678')).toBe(false);
    expect(parseLedgerDate('２０１７０３０５')).toBe('2017-03-05'); // full-width still goes through NFKC
  });

  it('gives the same ISO text for every written form, cached or not', () => {
    const forms = ['2017-3-5', '2017/03/05', '2017.3.5', '2017年3月5日', '20170305', 20170305];
    for (let round = 0; round < 2; round++) {
      for (const f of forms) expect(parseLedgerDate(f), String(f)).toBe('2017-03-05');
    }
    expect(parseLedgerDate('2016-2-29')).toBe('2016-02-29');
    expect(parseLedgerDate('2017-2-29')).toBe(false);
  });
});
