// The yearly-review notice (年审结果通知): its content, and the real PDF through the document layer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../shared/documents/render-pdf';
import { renderDocx } from '../../shared/documents/render-docx';
import { documentText } from '../../shared/documents/sample';
import type { DocBlock } from '../../shared/documents/layout-model';
import type {
  ReviewDecision,
  ReviewOutcome,
  ReviewProposal,
  ReviewReasonCode,
} from '../../shared/officers/annual-review';
import { REVIEW_REASON_LABELS } from '../../shared/officers/annual-review';
import { buildReviewNotice, pendingReviewCount } from '../../shared/officers/review-notice';
import { layoutDocument } from '../../shared/documents/layout';

const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
if (!HAS_PDFTOTEXT)
  console.log('[officers-review-notice] 跳过 PDF 文本检查：未安装 pdftotext（poppler-utils）。');

function proposal(
  officerId: string,
  name: string,
  department: string,
  outcome: ReviewOutcome,
  reasons: ReviewReasonCode[] = [],
): ReviewProposal {
  return {
    officerId,
    name,
    department,
    certificateNo: `5106${officerId.padStart(8, '0')}`,
    year: 2025,
    outcome,
    reasons: reasons.map((code) => ({
      code,
      effect: outcome === 'pass' ? 'warn' : outcome,
      label: REVIEW_REASON_LABELS[code],
      message: `${name}：${REVIEW_REASON_LABELS[code]}`,
    })),
    notes: [],
  };
}

const proposals: ReviewProposal[] = [
  proposal('1', '张三', '市交通运输局', 'pass'),
  proposal('2', '李四', '市交通运输局', 'fail', ['non-formal-staff']),
  proposal('3', '王五', '市交通运输局', 'suspend', ['under-investigation']),
  proposal('4', '赵六', '市市场监督管理局', 'pass'),
  proposal('5', '钱七', '市市场监督管理局', 'explain', ['no-enforcement-act']),
  proposal('6', '孙八', '市市场监督管理局', 'fail', ['training-short', 'exam-not-passed']),
];

function decision(p: ReviewProposal, decided: ReviewOutcome, reason = ''): ReviewDecision {
  return {
    officerId: p.officerId,
    year: 2025,
    proposed: p.outcome,
    decided,
    reasonCodes: p.reasons.map((r) => r.code),
    reason,
    by: '审核人',
    at: '2026-01-10T08:00:00.000Z',
    overridden: decided !== p.outcome,
  };
}

// Staff decided: 钱七's explanation was not accepted (suspended); the rest as proposed.
const decisions = new Map(
  proposals.map((p) => [
    p.officerId,
    p.officerId === '5' ? decision(p, 'suspend', '书面说明理由不充分，暂扣证件') : decision(p, p.outcome),
  ]),
);
const doc = buildReviewNotice(proposals, decisions, { year: 2025, issuer: '某市司法局', date: '2026-01-15' });

const tables = doc.blocks.filter((b): b is Extract<DocBlock, { type: 'table' }> => b.type === 'table');

describe('yearly review notice', () => {
  it('counts 审验/通过/不通过/暂扣 per department with the decisions applied', () => {
    expect(doc.title).toBe('某市司法局关于2025年度行政执法证件年审结果的通知');
    const [byDept] = tables;
    expect(byDept!.columns.map((c) => c.title)).toEqual([
      '执法部门',
      '审验',
      '通过',
      '不通过',
      '暂扣',
      '需说明',
    ]);
    const rows = Object.fromEntries(byDept!.rows.map((r) => [r[0], r.slice(1)]));
    expect(rows['市交通运输局']).toEqual(['3', '1', '1', '1', '0']);
    expect(rows['市市场监督管理局']).toEqual(['3', '1', '1', '1', '0']);
    expect(byDept!.rows.at(-1)).toEqual(['合计', '6', '2', '2', '2', '0']);
    const intro = doc.blocks[0]!;
    expect(intro.type === 'paragraph' && intro.text).toContain(
      '共审验执法证件6个，审验通过2个，不予通过（收回注销）2个，暂扣2个。',
    );
    // No 书面说明 was asked for: neither counted as 0 nor required.
    expect(documentText(doc)).not.toContain('书面说明0个');
    const requirements = doc.blocks.at(-1)!;
    expect(requirements.type === 'paragraph' && requirements.text).toBe(
      '审验不予通过的，所在部门应当及时收回执法证件并交回注销；暂扣的，暂扣期间持证人不得从事行政执法活动。',
    );
  });

  it('lists the certificates failed or suspended with their reasons (staff reason when overridden), no ID numbers', () => {
    const list = tables[1]!;
    expect(list.rows.map((r) => r[0])).toEqual(['李四', '王五', '钱七', '孙八']);
    const byName = Object.fromEntries(list.rows.map((r) => [r[0], r]));
    expect(byName['李四']).toEqual([
      '李四',
      '市交通运输局',
      '510600000002',
      '不通过（收回注销）',
      '非正式在编人员持证',
    ]);
    expect(byName['王五']![3]).toBe('暂扣');
    expect(byName['钱七']!.slice(3)).toEqual(['暂扣', '书面说明理由不充分，暂扣证件']);
    expect(byName['孙八']![4]).toBe('法律知识培训学时不足、考试未通过');
    expect(documentText(doc)).not.toMatch(/\d{17}[\dXx]/);
    expect(doc.signature?.issuer).toBe('某市司法局');
  });

  it('says so when every certificate passed', () => {
    const allPass = proposals.filter((p) => p.outcome === 'pass');
    const d = buildReviewNotice(allPass, new Map(allPass.map((p) => [p.officerId, decision(p, p.outcome)])), {
      year: 2025,
      issuer: '某市司法局',
      date: '2026-01-15',
    });
    expect(documentText(d)).toContain('本年度所有参审证件均审验通过');
    // Nothing to require, nothing counted out as 0.
    expect(documentText(d)).not.toContain('有关要求');
    expect(documentText(d)).not.toMatch(/[^\d]0个/);
  });

  it('is issued by the 发文机关 of 设置 with its basis; refused without one', () => {
    const d = buildReviewNotice(proposals, decisions, {
      year: 2025,
      issuer: '德阳市司法局',
      basis: '《四川省行政执法证件管理办法》第二十二条',
      date: '2026-01-15',
    });
    expect(d.issuerMark).toBe('德阳市司法局文件');
    expect(d.title).toBe('德阳市司法局关于2025年度行政执法证件年审结果的通知');
    expect(d.signature?.issuer).toBe('德阳市司法局');
    expect(d.imprint?.printer).toBe('德阳市司法局');
    const intro = d.blocks[0]!;
    expect(intro.type === 'paragraph' && intro.text).toMatch(
      /^根据《四川省行政执法证件管理办法》第二十二条，现已完成/u,
    );
    expect(documentText(d)).not.toContain('有关规定');
    expect(
      documentText(
        buildReviewNotice(proposals, decisions, { year: 2025, issuer: '德阳市司法局', date: '2026-01-15' }),
      ),
    ).toContain('根据《行政执法监督条例》，');
    expect(() =>
      buildReviewNotice(proposals, decisions, { year: 2025, issuer: ' ', date: '2026-01-15' }),
    ).toThrow('发文机关未设置');
  });

  it('refuses a final notice while conclusions are unconfirmed, leaving nothing built', () => {
    const partial = new Map([...decisions].filter(([id]) => id !== '2' && id !== '4'));
    expect(pendingReviewCount(proposals, partial)).toBe(2);
    expect(() =>
      buildReviewNotice(proposals, partial, { year: 2025, issuer: '某市司法局', date: '2026-01-15' }),
    ).toThrow('还有2个证件的年审结论尚未确认');
  });

  it('counts only confirmed conclusions, says how many are pending and marks the draft 草稿', () => {
    const partial = new Map([...decisions].filter(([id]) => id !== '2'));
    const draft = buildReviewNotice(proposals, partial, {
      year: 2025,
      issuer: '某市司法局',
      date: '2026-01-15',
      draft: true,
    });
    const intro = draft.blocks[0]!;
    const text = intro.type === 'paragraph' ? intro.text : '';
    expect(text).toContain('共审验执法证件5个');
    expect(text).toContain('另有1个证件的年审结论尚待确认，未计入本通知');
    // The unconfirmed proposal (李四, proposed 不通过) is not reported as a result.
    const list = draft.blocks.filter(
      (b): b is Extract<DocBlock, { type: 'table' }> => b.type === 'table',
    )[1]!;
    expect(list.rows.map((r) => r[0])).not.toContain('李四');
    expect(draft.watermark).toBe('草稿');
    expect(doc.watermark).toBeUndefined();
    const layout = layoutDocument(draft);
    for (const page of layout.pages) {
      const mark = page.items.find((i) => i.kind === 'text' && i.role === 'watermark');
      expect(mark && mark.kind === 'text' && mark.text).toBe('草稿');
      expect(page.items[0]).toBe(mark);
    }
  });

  it('carries its 发文字号 under the red head and a 版记 when final; a draft shows no number', () => {
    const final = buildReviewNotice(proposals, decisions, {
      year: 2025,
      issuer: '某市司法局',
      date: '2026-01-15',
      docNumber: '某法发〔2026〕3号',
      copyTo: '市人民政府办公室',
      printer: '某市司法局办公室',
      contact: '联系人：张三，电话：0838-1234567',
    });
    expect(final.docNumber).toBe('某法发〔2026〕3号');
    expect(final.imprint).toEqual({
      copyTo: '市人民政府办公室',
      printer: '某市司法局办公室',
      printDate: '2026年1月15日',
    });
    expect(final.note).toBe('联系人：张三，电话：0838-1234567');
    const page1 = layoutDocument(final).pages[0]!.items;
    const at = (role: string) => page1.find((i) => i.kind === 'text' && i.role === role);
    const mark = at('mark');
    const number = at('docNumber');
    const title = at('title');
    expect(number?.kind === 'text' && number.text).toBe('某法发〔2026〕3号');
    if (mark?.kind !== 'text' || number?.kind !== 'text' || title?.kind !== 'text')
      throw new Error('missing');
    expect(number.baseline).toBeGreaterThan(mark.baseline);
    expect(number.baseline).toBeLessThan(title.baseline);
    // A draft (conclusions pending) never shows a number, even if one is passed.
    const partial = new Map([...decisions].filter(([id]) => id !== '2'));
    const draft = buildReviewNotice(proposals, partial, {
      year: 2025,
      issuer: '某市司法局',
      date: '2026-01-15',
      draft: true,
      docNumber: '某法发〔2026〕3号',
    });
    expect(draft.docNumber).toBeUndefined();
  });

  it('renders to DOCX and PDF through the document layer', async () => {
    const fonts = {
      body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
      bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
    };
    const docx = unzipSync(await renderDocx(doc));
    const xml = strFromU8(docx['word/document.xml']!);
    // The text of the runs, read across the line breaks the DOCX takes from the layout.
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const t of ['年审结果的通知', '510600000002', '书面说明理由不充分，暂扣证件'])
      expect(text).toContain(t);
    const pdf = await renderPdf(doc, fonts);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    if (!HAS_PDFTOTEXT) return;
    const dir = mkdtempSync(join(tmpdir(), 'review-notice-'));
    try {
      const path = join(dir, 'notice.pdf');
      writeFileSync(path, pdf);
      const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const text = r.stdout.replace(/\s+/g, '');
      for (const line of [
        '关于2025年度行政执法证件年审结果的通知',
        '各行政执法部门：',
        '一、各部门审验情况',
        '市交通运输局',
        '二、未通过审验的证件',
        '510600000002',
        '510600000006',
        '不通过（收回注销）',
        '非正式在编人员持证',
        '书面说明理由不充分',
        '某市司法局',
      ])
        expect(text).toContain(line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
