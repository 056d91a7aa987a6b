// 发文字号, 版记, 附注, the letter's 文种 setting and the grouped long letter, checked on real PDF bytes:
// poppler's pdfinfo for page counts, pdftotext -bbox for positions. PNG snapshots of the first and last pages
// go to dist/documents-14b/ for a person to look at. The poppler checks skip, saying why, without poppler.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME, layoutDocument } from '../../shared/documents/layout';
import { GEOMETRY, mmToPt, type OfficialDocument } from '../../shared/documents/layout-model';
import { renderPdf } from '../../shared/documents/render-pdf';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import { defaultLetterSettings, type LetterSettings } from '../../shared/letters/letter-settings';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
  problemKinds,
  type LetterFacts,
} from '../../shared/letters/rectification-letter';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignResults } from '../../shared/review/results';
import { defaultStandards } from '../../shared/standards/default-standards';

const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const fonts = {
  body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
};
const SNAPSHOTS = join(process.cwd(), 'dist', 'documents-14b');
const has = (tool: string): boolean => !spawnSync(tool, ['-v'], { encoding: 'utf8' }).error;
const HAS_POPPLER = has('pdftotext') && has('pdfinfo') && has('pdftoppm');
if (!HAS_POPPLER) console.log('[documents-numbering-imprint] 跳过 PDF 检查：未安装 poppler-utils。');

const settings: LetterSettings = {
  ...defaultLetterSettings(),
  issuer: '德阳市司法局',
  prefix: '德法函',
  reportPrefix: '德法通',
  copyTo: '市人民政府办公室，市委依法治市办',
  printer: '德阳市司法局办公室',
  contact: '联系人：张三，电话：0838-1234567',
};
const basis = basisFromStandards(defaultStandards());
const campaign = { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 };

function factsOf(departments: number, perDept: number, seed: number): LetterFacts[] {
  const results = buildCampaignResults(
    sampleReviewedFiles({ departments, filesPerDepartment: perDept, seed, cleanShare: 0.1 }),
  );
  return letterFactsFor(campaign, results, basis, null);
}

const big = factsOf(1, 60, 5)[0]!;
const bigLetter = buildRectificationLetter(big, settings, {
  docNumber: '德法函〔2026〕21号',
  issueDate: '2026-11-26',
});
const thirtyResults = buildCampaignResults(
  sampleReviewedFiles({ departments: 30, filesPerDepartment: 3, seed: 9 }),
);
const report = buildCampaignReport({
  campaign: { ...campaign, periodFrom: '2026-01-01', periodTo: '2026-09-30' },
  results: thirtyResults,
  draw: null,
  settings,
  issueDate: '2026-12-01',
  docNumber: '德法通〔2026〕4号',
});

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const pageCount = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
/** The text of pages from..to, without whitespace and page numbers. */
const textOf = (pdf: string, from: number, to: number): string =>
  run('pdftotext', ['-f', String(from), '-l', String(to), pdf, '-'])
    .replace(/\s+/g, '')
    .replace(/—\d+—/g, '');

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
function words(pdf: string): Word[] {
  const xml = run('pdftotext', ['-bbox', pdf, '-']);
  const out: Word[] = [];
  const pages = xml.split('<page ').slice(1);
  pages.forEach((p, i) => {
    for (const m of p.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      out.push({
        page: i + 1,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5] as string,
      });
    }
  });
  return out;
}
/** The words of one line (same page, baselines within 2 pt) joined, with the line's box. */
function lineWith(ws: Word[], page: number, pattern: RegExp): Word | undefined {
  const w = ws.find((x) => x.page === page && pattern.test(x.text));
  if (!w) return undefined;
  const line = ws
    .filter((x) => x.page === page && Math.abs(x.yMax - w.yMax) < 2)
    .sort((a, b) => a.xMin - b.xMin);
  return {
    page,
    text: line.map((x) => x.text).join(''),
    xMin: Math.min(...line.map((x) => x.xMin)),
    xMax: Math.max(...line.map((x) => x.xMax)),
    yMin: Math.min(...line.map((x) => x.yMin)),
    yMax: Math.max(...line.map((x) => x.yMax)),
  };
}

describe('letter 文种 setting', () => {
  const facts = factsOf(4, 4, 7)[0]!;
  it('is a 函 in 信函格式 by default: no 版记, “本函” in the text, the contact as 附注', () => {
    const doc = buildRectificationLetter(facts, settings, { docNumber: null, issueDate: '2026-11-26' });
    expect(defaultLetterSettings().letterForm).toBe('letter');
    expect(defaultLetterSettings().title).toBe('函');
    expect(doc.style).toBe('letter');
    expect(doc.title).toBe(`德阳市司法局关于${facts.department.department}行政执法案卷评查发现问题的函`);
    expect(doc.imprint).toBeUndefined();
    expect(doc.note).toBe('联系人：张三，电话：0838-1234567');
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('');
    expect(text).toContain('自本函印发之日起');
    expect(text).not.toContain('联系人');
    // Letter style: no 版记 rules at the foot of the last page.
    const last = layoutDocument(doc).pages.at(-1)!;
    expect(last.items.some((i) => i.kind === 'text' && i.role === 'footerNote')).toBe(false);
  });

  it('is the 行政执法监督通知书 form in 通用格式 when set: fixed title and wording, 红头, 版记', () => {
    const s = { ...settings, letterForm: 'supervision' as const };
    const doc = buildRectificationLetter(facts, s, {
      docNumber: '德法函〔2026〕5号',
      issueDate: '2026-11-26',
    });
    expect(doc.style).toBe('document');
    expect(doc.title).toBe('行政执法监督通知书');
    expect(doc.docNumber).toBe('德法函〔2026〕5号');
    expect(doc.imprint).toEqual({
      copyTo: '市人民政府办公室，市委依法治市办',
      printer: '德阳市司法局办公室',
      printDate: '2026年11月26日',
    });
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('');
    expect(text).toContain('现依法予以通知');
    expect(text).toContain('自本行政执法监督通知书印发之日起');
    expect(text).toContain('自收到本行政执法监督通知书之日起');
  });
});

describe('grouped letter', () => {
  it('writes one paragraph per problem of two or more files, listing them with case number and grade (short letter)', () => {
    const facts = factsOf(3, 8, 3)[0]!;
    const doc = buildRectificationLetter(facts, settings, { docNumber: null, issueDate: '2026-11-26' });
    const kinds = problemKinds(facts.files, basis);
    expect(kinds.some((k) => k.files.length > 1)).toBe(true);
    const paras = doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    kinds.forEach((k, i) => {
      const own = paras.filter((p) => p.startsWith(`${i + 1}．${k.label}。`));
      if (k.files.length < 2) {
        // A problem of one file is stated with that file (issue 24: 共性 only from two files).
        expect(own).toHaveLength(0);
        const file = paras.filter((p) => p.includes(`（问题${i + 1}，`));
        expect(file).toHaveLength(1);
        expect(file[0]).toContain(k.files[0]!.caseNo!);
        return;
      }
      expect(own).toHaveLength(1);
      for (const f of k.files) expect(own[0]).toContain(`${f.caseNo}（${f.grade}）`);
    });
    expect(doc.annexes).toBeUndefined();
    expect(doc.blocks.some((b) => b.type === 'table')).toBe(true);
  });

  it('puts the per-file table of a 60-file department in a 附件 named in the 附件说明', () => {
    expect(big.files.length).toBe(60);
    expect(bigLetter.attachments).toEqual([`${big.department.department}案卷评查情况及问题清单`]);
    expect(bigLetter.annexes).toHaveLength(1);
    const t = bigLetter.annexes![0]!.blocks.at(-1)!;
    expect(t.type === 'table' && t.rows.length).toBe(60);
    // The body has no table and names no case number: files are listed by their number in the attachment.
    expect(bigLetter.blocks.some((b) => b.type === 'table')).toBe(false);
    const body = bigLetter.blocks.map((b) => ('text' in b ? b.text : '')).join('');
    for (const f of big.files) expect(body).not.toContain(f.caseNo!);
    expect(body).toContain('见附件表1');
  });
});

describe('版记 and 附注 in the layout', () => {
  it('draws the 版记 rules 0.35 mm (first, last) and 0.25 mm (between), the last on the foot of the block', () => {
    const layout = layoutDocument(report);
    const last = layout.pages.at(-1)!;
    const rules = last.items
      .filter(
        (i) =>
          i.kind === 'rule' && i.color === 'black' && i.y1 === i.y2 && i.x2 - i.x1 > FRAME.blockWidth - 1,
      )
      .map((i) => (i.kind === 'rule' ? i : null)!)
      .sort((a, b) => a.y1 - b.y1);
    expect(rules.map((r) => +r.thickness.toFixed(3))).toEqual([
      +mmToPt(0.35).toFixed(3),
      +mmToPt(0.25).toFixed(3),
      +mmToPt(0.35).toFixed(3),
    ]);
    expect(rules.at(-1)!.y1).toBeCloseTo(FRAME.blockBottom, 3);
    const notes = last.items.filter((i) => i.kind === 'text' && i.role === 'footerNote');
    expect(notes.map((n) => (n.kind === 'text' ? n.text : ''))).toEqual([
      '抄送：市人民政府办公室，市委依法治市办。',
      '德阳市司法局办公室',
      '2026年12月1日印发',
    ]);
    const note = layout.pages.flatMap((p) => p.items).find((i) => i.kind === 'text' && i.role === 'note');
    expect(note?.kind === 'text' && note.text).toBe('（联系人：张三，电话：0838-1234567）');
  });

  it('refuses a 版记 without 印发机关 with a Chinese message', () => {
    const bad: OfficialDocument = { ...report, imprint: { printer: ' ', printDate: '2026年12月1日' } };
    expect(() => layoutDocument(bad)).toThrow('版记的印发机关和印发日期不能为空');
  });
});

describe.skipIf(!HAS_POPPLER)('on the PDF bytes', () => {
  let dir: string;
  const pdfs: Record<string, string> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingcha-numbering-'));
    rmSync(SNAPSHOTS, { recursive: true, force: true });
    mkdirSync(SNAPSHOTS, { recursive: true });
    const date = { creationDate: new Date('2026-11-26T09:00:00Z') };
    for (const [name, doc] of Object.entries({ letter60: bigLetter, report30: report })) {
      pdfs[name] = join(dir, `${name}.pdf`);
      writeFileSync(pdfs[name], await renderPdf(doc, fonts, date));
      const n = pageCount(pdfs[name]);
      for (const p of [1, n])
        run('pdftoppm', [
          '-png',
          '-r',
          '60',
          '-f',
          String(p),
          '-l',
          String(p),
          '-singlefile',
          pdfs[name],
          join(SNAPSHOTS, `${name}-p${p}`),
        ]);
      writeFileSync(join(SNAPSHOTS, `${name}.pdf`), readFileSync(pdfs[name]));
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the body of a 60-file department letter to a few pages, each problem kind once', () => {
    const pdf = pdfs.letter60!;
    const ws = words(pdf);
    const annexPage = ws.find((w) => w.text === '附件' && w.xMin < FRAME.blockLeft + 2)?.page;
    expect(annexPage).toBeGreaterThan(1);
    const bodyPages = annexPage! - 1;
    // 17 pages before grouping; the sample spreads 137 problems over 74 kinds (real departments repeat more).
    expect(bodyPages).toBeLessThanOrEqual(6);
    expect(pageCount(pdf)).toBeGreaterThan(bodyPages);
    const body = textOf(pdf, 1, bodyPages);
    const kinds = problemKinds(big.files, basis);
    expect(kinds.length).toBeGreaterThan(10);
    kinds.forEach((k, i) => {
      const para = `${i + 1}．${k.label}${k.files.length > 1 ? '（' : ''}`.replace(/\s+/g, '');
      expect({ kind: k.label, times: body.split(para).length - 1 }).toEqual({ kind: k.label, times: 1 });
    });
    expect(body).toContain(`附件：${big.department.department}案卷评查情况及问题清单`);
    // The attachment: its title on the third line, every file in its table.
    const annexText = textOf(pdf, annexPage!, pageCount(pdf));
    expect(annexText.startsWith('附件')).toBe(true);
    for (const f of big.files) expect(annexText).toContain(f.caseNo!.replace(/\s+/g, ''));
    // 信函格式: no 版记.
    expect(annexText).not.toContain('印发');
  });

  it('prints the 通报 number centred under the red head and the 版记 at the foot of the last page', () => {
    const pdf = pdfs.report30!;
    const ws = words(pdf);
    const n = pageCount(pdf);
    expect(n).toBeGreaterThan(2);
    const mark = lineWith(ws, 1, /^德阳市司法局$/)!;
    const number = lineWith(ws, 1, /德法通〔2026〕4号/)!;
    const title = lineWith(ws, 1, /^德阳市司法局关于/)!;
    expect(number.text).toBe('德法通〔2026〕4号');
    // Under the mark, above the title, centred on the text block.
    expect(number.yMin).toBeGreaterThan(mark.yMax);
    expect(number.yMax).toBeLessThan(title.yMin);
    const centre = FRAME.blockLeft + FRAME.blockWidth / 2;
    expect(Math.abs((number.xMin + number.xMax) / 2 - centre)).toBeLessThan(3);
    // The mark lies 35 mm below the top of the text block (GB/T 9704 7.2.3).
    expect(Math.abs(mark.yMin - (FRAME.blockTop + mmToPt(GEOMETRY.documentMarkOffsetMm)))).toBeLessThan(
      mmToPt(5),
    );

    // 版记 on the last page only: 印发机关 one character in from the left, 印发日期 one in from the right, on the
    // last grid line of the block; the 抄送 line right above it.
    for (let p = 1; p < n; p++) expect(lineWith(ws, p, /印发$/)).toBeUndefined();
    const printer = ws.find((w) => w.page === n && w.text === '德阳市司法局办公室')!;
    const printDate = lineWith(ws, n, /印发$/)!;
    const size = GEOMETRY.footerNoteSizePt;
    expect(Math.abs(printer.xMin - (FRAME.blockLeft + size))).toBeLessThan(1.5);
    expect(Math.abs(printDate.xMax - (FRAME.blockRight - size))).toBeLessThan(1.5);
    expect(printDate.text).toContain('2026年12月1日印发');
    expect(FRAME.blockBottom - printer.yMax).toBeGreaterThan(0);
    expect(FRAME.blockBottom - printer.yMax).toBeLessThan(mmToPt(10));
    const copy = lineWith(ws, n, /^抄送/)!;
    expect(copy.text).toBe('抄送：市人民政府办公室，市委依法治市办。');
    expect(printer.yMin - copy.yMax).toBeGreaterThan(0);
    expect(printer.yMin - copy.yMax).toBeLessThan(mmToPt(12));
    // 附注 under the 成文日期, two characters in.
    const note = lineWith(ws, n, /^（联系人/) ?? lineWith(ws, n - 1, /^（联系人/);
    expect(note?.text).toBe('（联系人：张三，电话：0838-1234567）');
    expect(Math.abs(note!.xMin - (FRAME.blockLeft + 2 * (FRAME.blockWidth / 28)))).toBeLessThan(3);
  });
});
