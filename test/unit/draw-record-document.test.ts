import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrawRecordDocument, beijingTime } from '../../shared/draw/draw-record-document';
import { recordReplacement, recordDrawMore } from '../../shared/draw/draw-record';
import { DRAW_DEPARTMENTS, DRAW_POPULATION, sampleDraw } from '../fixtures/official-documents';
import { LINE_PITCH_PT, mmToPt, validateDocument, type DocBlock } from '../../shared/documents/layout-model';
import { FRAME, layoutDocument } from '../../shared/documents/layout';
import { documentText } from '../../shared/documents/sample';
import { renderPdf } from '../../shared/documents/render-pdf';
import { renderDocx } from '../../shared/documents/render-docx';
import { SAMPLER_VERSION } from '../../shared/draw/sampler';

const DEPTS = DRAW_DEPARTMENTS;
const population = DRAW_POPULATION;

function sampleRecord() {
  const made = sampleDraw();
  const victim = made.record.drawn[0]!;
  const r1 = recordReplacement(
    made.record,
    made.draw,
    victim.itemId,
    '案卷已移送公安机关',
    '2026-03-02T01:00:00Z',
    '李明',
  );
  const r2 = recordDrawMore(r1.record, r1.draw, DEPTS[1]!, 1, '问题较多追加', '2026-03-03T01:00:00Z', '李明');
  return r2.record;
}

describe('draw record document', () => {
  it('contains everything the issue asks for', () => {
    const record = sampleRecord();
    const doc = buildDrawRecordDocument(record, { issuer: '德阳市司法局' });
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.style).toBe('document');
    const text = documentText(doc);
    for (const s of [
      '第十一次行政执法案卷评查案卷随机抽取记录',
      '2026年3月1日 10:00:00（北京时间）',
      '李明',
      '王芳、赵强',
      '38204719562038471926',
      `实现版本${SAMPLER_VERSION}`,
      'Rivest',
      `共${population.length}件，SHA-256：${record.population.sha256}`,
      record.allocation.rule,
      '执法台账.xlsx',
      '案卷已移送公安机关',
      '问题较多追加',
    ]) {
      expect(text).toContain(s);
    }
    for (const s of record.strata) {
      expect(text).toContain(s.key);
      expect(text.replace(/ /g, '')).toContain(s.sha256);
      expect(text).toContain(s.reason);
    }
    for (const p of record.drawn) expect(text).toContain(p.ticket + p.stratum + p.caseNo);
    for (const p of record.spares) expect(text).toContain(p.ticket + p.stratum + p.itemId);
    const rep = record.replacements[0]!;
    expect(text).toContain(`“${rep.itemId}”由备选“${rep.replacedBy}”替补`);
  });

  it('sets figures in the Chinese text without ASCII spaces (GB/T 15834) but before a clock time', () => {
    const record = sampleRecord();
    const doc = buildDrawRecordDocument(record, { issuer: '德阳市司法局' });
    // The hash rule is quoted as the machine-readable record stores it (a verifier compares it), so it is left out.
    const paragraphs = doc.blocks.flatMap((b) =>
      b.type === 'paragraph' ? [b.text.replace(record.population.hashRule, '')] : [],
    );
    expect(paragraphs.length).toBeGreaterThan(8);
    // The one space kept: between a date and its clock time (2026年3月1日 10:00:00).
    for (const p of paragraphs)
      expect(p).not.toMatch(/\p{Script=Han} +(?!\d{1,2}:\d\d)\d|\d +\p{Script=Han}/u);
    const text = documentText(doc);
    expect(text).toContain('签号保留9位有效数字');
    expect(text).toContain('Consistent Sampling with Replacement');
  });

  it('is a working record: no 红头, no 文号, Chinese dates, ledgers as a table, room to sign', () => {
    const record = sampleRecord();
    const doc = buildDrawRecordDocument(record, { issuer: '德阳市司法局' });
    expect(doc.issuerMark).toBeUndefined();
    expect(doc.docNumber).toBeUndefined();
    const text = documentText(doc);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const ledgers = doc.blocks.find(
      (b): b is Extract<DocBlock, { type: 'table' }> =>
        b.type === 'table' && b.columns[1]?.title === '台账文件',
    );
    expect(ledgers?.rows.map((r) => r[1])).toEqual(record.sources.map((s) => s.fileName));
    // numbered tables: 序号 first, centred, counting the rows from 1; every row as wide as the columns
    expect(ledgers?.columns[0]).toEqual({ title: '序号', width: 0.8, align: 'center' });
    expect(ledgers?.rows.map((r) => r[0])).toEqual(record.sources.map((_, i) => String(i + 1)));
    const drawn = doc.blocks.find(
      (b): b is Extract<DocBlock, { type: 'table' }> => b.type === 'table' && b.columns[1]?.title === '序位',
    );
    expect(drawn?.fontSize).toBe(9);
    expect(drawn?.rows.map((r) => [r[0], r[2]])).toEqual(
      record.drawn.map((p, i) => [String(i + 1), p.ticket]),
    );
    for (const b of doc.blocks)
      if (b.type === 'table') for (const r of b.rows) expect(r).toHaveLength(b.columns.length);
    const layout = layoutDocument(doc);
    expect(layout.pages[0]!.items.some((i) => i.kind === 'text' && i.color === 'red')).toBe(false);
    const signLines = layout.pages
      .flatMap((p) => p.items.map((i) => ({ p: p.number, i })))
      .filter((x) => x.i.kind === 'text' && /签名：$/.test(x.i.text));
    expect(signLines.map((x) => (x.i.kind === 'text' ? x.i.text.split('：')[0] : ''))).toEqual([
      '操作人员',
      ...record.witnesses.map(() => '见证人'),
    ]);
    for (const [k, x] of signLines.entries()) {
      if (x.i.kind !== 'text') continue;
      // At least 25 mm free after 签名： on the line, and a free line above each signer.
      expect(FRAME.blockRight - (x.i.x + x.i.width)).toBeGreaterThanOrEqual(mmToPt(25));
      const prev = signLines[k - 1];
      if (prev && prev.p === x.p && prev.i.kind === 'text')
        expect(x.i.baseline - prev.i.baseline).toBeGreaterThanOrEqual(2 * LINE_PITCH_PT - 1e-6);
    }
  });

  it('states the optional scope rules when the record uses them, and only then', () => {
    const plain = documentText(buildDrawRecordDocument(sampleRecord()));
    expect(plain).not.toContain('期间判断');
    expect(plain).not.toContain('排除以往已评查案卷');
    const base = sampleRecord();
    const record = {
      ...base,
      filter: {
        ...base.filter,
        dateByType: { 行政检查: 'filedDate' as const },
        excludeItemIds: ['a', 'b'],
        excludeReason: '以往评查活动已抽取评查的案卷：“第十次评查”',
      },
    };
    const text = documentText(buildDrawRecordDocument(record));
    expect(text).toContain('期间判断：行政检查按立案/受理/检查日期判断是否在期间内');
    expect(text).toContain('排除以往已评查案卷：以往评查活动已抽取评查的案卷：“第十次评查”，共2件');
  });

  it('says so when there are no replacements and no spares', () => {
    const record = { ...sampleRecord(), replacements: [], extras: [], spares: [] };
    const text = documentText(buildDrawRecordDocument(record));
    expect(text).toContain('没有替换或追加抽取');
    expect(text).toContain('本次抽取没有备选案卷');
  });

  it('prints Beijing time whatever the machine time zone', () => {
    expect(beijingTime('2025-12-31T16:30:05Z')).toBe('2026年1月1日 00:30:05（北京时间）');
    expect(beijingTime('不是时间')).toBe('不是时间');
  });

  it('renders to PDF and DOCX with the Chinese text extractable', async () => {
    const record = sampleRecord();
    const doc = buildDrawRecordDocument(record, { issuer: '德阳市司法局' });
    const dir = 'node_modules/@expo-google-fonts/noto-serif-sc';
    const pdf = await renderPdf(doc, {
      body: new Uint8Array(readFileSync(`${dir}/400Regular/NotoSerifSC_400Regular.ttf`)),
      bold: new Uint8Array(readFileSync(`${dir}/700Bold/NotoSerifSC_700Bold.ttf`)),
    });
    const docx = await renderDocx(doc);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(docx[0]).toBe(0x50); // PK zip
    const out = mkdtempSync(join(tmpdir(), 'draw-doc-'));
    writeFileSync(join(out, 'r.pdf'), pdf);
    const r = spawnSync('pdftotext', ['-layout', join(out, 'r.pdf'), '-'], { encoding: 'utf8' });
    if (r.error) {
      console.log('[draw-record-document] 跳过 PDF 文字检查：未安装 pdftotext（poppler-utils）。');
      return;
    }
    const squashed = r.stdout.replace(/\s+/g, '');
    expect(squashed).toContain('随机抽取记录');
    expect(squashed).toContain(record.seed);
    expect(squashed).toContain(record.drawn[1]!.ticket);
  });
});
