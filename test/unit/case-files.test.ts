import { describe, expect, it } from 'vitest';
import {
  caseNumberKeys,
  matchFileName,
  normaliseCaseText,
  type DrawnCase,
} from '@shared/case-files/case-number-match';
import { checkPdf } from '@shared/case-files/pdf-check';
import { caseFilesInZip, decodeZipName, expandSources } from '@shared/case-files/case-file-sources';
import { makeEncryptedPdf, makeTextPdf, makeTruncatedPdf, makeZip } from '../fixtures/case-files';

const drawn: DrawnCase[] = [
  { itemId: 'a', caseNo: '德市监罚〔2024〕112号', department: '德阳市市场监督管理局' },
  { itemId: 'b', caseNo: '德应急罚〔2024〕7号', department: '德阳市应急管理局' },
  { itemId: 'c', caseNo: '德交罚〔2024〕7号', department: '德阳市交通运输局' },
  { itemId: 'd', caseNo: '德市监罚〔2023〕112号', department: '德阳市市场监督管理局' },
];

describe('case number in a file name', () => {
  it('normalises full-width digits and every bracket kind', () => {
    expect(normaliseCaseText('德市监罚（２０２４）１１２号')).toBe('德市监罚〔2024〕112号');
    expect(normaliseCaseText('德市监罚[2024]112号')).toBe('德市监罚〔2024〕112号');
    expect(normaliseCaseText('德市监罚【2024】 112 号')).toBe('德市监罚〔2024〕112号');
    expect(caseNumberKeys('德市监罚〔2024〕0112号')).toEqual([
      { prefix: '德市监罚', year: '2024', serial: '112' },
    ]);
  });

  it.each([
    ['德市监罚〔2024〕112号.pdf', 'a'],
    ['德市监罚[2024]112号.PDF', 'a'],
    ['德市监罚（２０２４）１１２号 张三 扫描件.pdf', 'a'],
    ['01_德市监罚(2024)112号_案卷.pdf', 'a'],
    ['市监罚〔2024〕112号.pdf', 'a'],
    ['〔2024〕112号.pdf', 'a'],
    ['德市监罚2024年第112号.pdf', 'a'],
    ['德市监罚 2024-112.pdf', 'a'],
    ['德应急罚〔2024〕7号.pdf', 'b'],
    ['some/folder/德交罚[2024]7号.pdf', 'c'],
  ])('%s → %s', (name, itemId) => {
    expect(matchFileName(name, drawn)).toEqual({ status: 'matched', itemId });
  });

  it('is ambiguous when year and serial without a 代字 fit several drawn files', () => {
    expect(matchFileName('〔2024〕7号.pdf', drawn)).toEqual({ status: 'ambiguous', itemIds: ['b', 'c'] });
  });

  it('is unmatched for other numbers, another year, a date or no number', () => {
    expect(matchFileName('德市监罚〔2024〕113号.pdf', drawn).status).toBe('unmatched');
    expect(matchFileName('德市监罚〔2022〕112号.pdf', drawn).status).toBe('unmatched');
    expect(matchFileName('扫描20240312.pdf', drawn).status).toBe('unmatched');
    expect(matchFileName('送达回证.pdf', drawn).status).toBe('unmatched');
    expect(matchFileName('德交罚〔2024〕112号.pdf', drawn).status).toBe('unmatched');
  });
});

describe('PDF check', () => {
  it('accepts a whole text PDF', async () => {
    expect(checkPdf('a.pdf', await makeTextPdf(2))).toEqual({ ok: true });
  });
  it('refuses an encrypted PDF in Chinese', async () => {
    const r = checkPdf('加密.pdf', await makeEncryptedPdf());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('“加密.pdf”已加密');
  });
  it('refuses a truncated PDF, an empty file and a file that is no PDF', async () => {
    const t = checkPdf('半截.pdf', await makeTruncatedPdf());
    expect(!t.ok && t.reason).toContain('不完整或已损坏');
    expect(checkPdf('空.pdf', new Uint8Array()).ok).toBe(false);
    const n = checkPdf('图.pdf', new TextEncoder().encode('GIF89a ... %%EOF'));
    expect(!n.ok && n.reason).toContain('不是 PDF 文件');
  });
  it('does not take /EncryptMetadata for /Encrypt', async () => {
    const base = await makeTextPdf(1);
    const extra = new TextEncoder().encode('\n% /EncryptMetadata false\n%%EOF\n');
    const bytes = new Uint8Array(base.length + extra.length);
    bytes.set(base);
    bytes.set(extra, base.length);
    expect(checkPdf('a.pdf', bytes)).toEqual({ ok: true });
  });
});

describe('case files from ZIPs', () => {
  it('opens a ZIP with messy names: folders, macOS metadata and other kinds left out', async () => {
    const pdf = await makeTextPdf(1);
    const zip = makeZip({
      '市监局/德市监罚（２０２４）１１２号 张三.pdf': pdf,
      '__MACOSX/市监局/._德市监罚（２０２４）１１２号 张三.pdf': new Uint8Array([1, 2]),
      '市监局/说明.docx': new Uint8Array([3]),
      '德应急罚[2024]7号.PDF': pdf,
    });
    const files = caseFilesInZip('案卷.zip', zip);
    expect(Array.isArray(files) && files.map((f) => f.name)).toEqual([
      '德市监罚（２０２４）１１２号 张三.pdf',
      '德应急罚[2024]7号.PDF',
    ]);
    const { files: all, skipped } = expandSources([
      { name: '案卷.zip', bytes: zip },
      { name: '德交罚〔2024〕7号.pdf', bytes: pdf },
      { name: '清单.xlsx', bytes: new Uint8Array([1]) },
      { name: '坏.zip', bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(all.map((f) => matchFileName(f.name, drawn))).toEqual([
      { status: 'matched', itemId: 'a' },
      { status: 'matched', itemId: 'b' },
      { status: 'matched', itemId: 'c' },
    ]);
    expect(skipped).toEqual([
      '“清单.xlsx”不是 PDF、JPEG/PNG 图片或 ZIP 文件，已跳过。',
      '“坏.zip”不是完整的 ZIP 压缩包，未读取其中的文件。',
    ]);
  });

  it('decodes names a Chinese Windows ZIP stored in GBK (read as Latin-1)', () => {
    // 德市监罚 in GBK
    const gbk = [0xb5, 0xc2, 0xca, 0xd0, 0xbc, 0xe0, 0xb7, 0xa3];
    expect(decodeZipName(String.fromCharCode(...gbk) + '.pdf')).toBe('德市监罚.pdf');
    expect(decodeZipName('plain.pdf')).toBe('plain.pdf');
    expect(decodeZipName('德.pdf')).toBe('德.pdf');
  });
});

describe('attach plan', () => {
  it('matches, leaves ambiguous and unmatched files to the user, refuses broken ones', async () => {
    const { planAttachments, planSummary } = await import('@shared/case-files/attach-plan');
    const pdf = await makeTextPdf(1);
    const rows = planAttachments(
      [
        { name: '德市监罚〔2024〕112号.pdf', bytes: pdf },
        { name: '〔2024〕7号.pdf', bytes: pdf },
        { name: '扫描件.pdf', bytes: pdf },
        { name: '德交罚〔2024〕7号.pdf', bytes: await makeEncryptedPdf() },
      ],
      drawn,
    );
    expect(rows.map((r) => [r.match.status, r.itemId, r.refusal !== null])).toEqual([
      ['matched', 'a', false],
      ['ambiguous', null, false],
      ['unmatched', null, false],
      ['matched', null, true],
    ]);
    expect(planSummary(rows)).toBe(
      '将导入 1 个文件；2 个未确定所属案卷（请在“附到案卷”中选择，不选则不导入）；1 个不能导入。',
    );
  });
});
