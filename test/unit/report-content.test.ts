import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import {
  buildCampaignReport,
  reportFinalisation,
  reportSections,
} from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';
import { layoutDocument } from '../../shared/documents/layout';

const files = sampleReviewedFiles({ departments: 8, filesPerDepartment: 5, seed: 11 });
const results = buildCampaignResults(files);
const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局' };
const campaign = {
  id: 'c1',
  name: '2026年度行政执法案卷评查',
  year: 2026,
  periodFrom: '2026-01-01',
  periodTo: '2026-09-30',
};
const draw = {
  drawId: 'draw-42',
  seed: '2026-10-08 双色球 03 11 17 22 28 31 + 09',
  drawnAt: '2026-10-08T09:00:00+08:00',
  populationSize: 5321,
  drawnCount: 40,
  algorithm: 'Rivest 一致性抽样',
  stratification: '按执法部门分层',
};
// A 1x1 PNG.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

describe('campaign report (评查情况通报)', () => {
  it('covers scope, method with the draw seed and record, results per department, problems and requirements', () => {
    const doc = buildCampaignReport({ campaign, results, draw, settings, issueDate: '2026-12-01' });
    const text = documentText(doc);
    expect(doc.title).toBe('德阳市司法局关于2026年度行政执法案卷评查情况的通报');
    expect(doc.titleNames).toEqual(['德阳市司法局']);
    expect(text).toContain('本次评查范围为2026年1月1日至2026年9月30日办结的');
    expect(text).toContain(
      `共随机抽取案卷40件，已完成评查40件，全部完成评查，涉及${results.departments.length}个行政执法单位。`,
    );
    expect(text).toContain('2026年10月8日，从5321件案卷中按执法部门分层随机抽取40件');
    expect(text).toContain(`随机种子“${draw.seed}”当场公开。抽取记录载明全部案卷`);
    expect(text).not.toContain('draw-42');
    expect(text).toContain(`平均得分${results.overall.meanText}分`);
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => r[1])).toEqual(
      results.departments.map((d) => d.department),
    );
    const top = results.problemsByItem[0]!;
    expect(text).toContain(`涉及案卷${top.fileCount}件、${top.occurrences}处`);
    for (const t of results.threeSystems.filter((x) => x.permille !== null))
      expect(text).toContain(`${t.tag}合格率${t.rateText}`);
    expect(text).toContain('五、工作要求');
  });

  it('embeds the charts as images with captions and lays out', () => {
    const img = { png: PNG, widthMm: 150, heightMm: 80 };
    const doc = buildCampaignReport({
      campaign,
      results,
      draw: null,
      settings,
      issueDate: '2026-12-01',
      charts: { grades: img, problems: img },
    });
    const images = doc.blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(2);
    // 图1 follows the sentence on the grades; the table follows the sentence that announces it.
    const at = (test: (b: (typeof doc.blocks)[number]) => boolean): number => doc.blocks.findIndex(test);
    const sentence = at((b) => b.type === 'paragraph' && b.text.includes('（见图1）'));
    const chart = at((b) => b.type === 'image');
    const intro = at((b) => b.type === 'paragraph' && b.text === '各单位评查结果见下表（按平均分排名）。');
    const table = at((b) => b.type === 'table');
    expect([sentence, chart, intro, table]).toEqual([sentence, sentence + 1, sentence + 2, sentence + 3]);
    // Without a draw record the method says where the files came from, naming no software.
    expect(documentText(doc)).toContain('本次评查案卷从各单位报送的执法台账中抽取确定。');
    expect(documentText(doc)).not.toContain('本系统');
    const layout = layoutDocument(doc);
    expect(layout.pages.flatMap((p) => p.items).filter((i) => i.kind === 'image')).toHaveLength(2);
  });

  it('applies paragraph edits by key', () => {
    const sections = reportSections({ campaign, results, draw, settings, issueDate: '2026-12-01' });
    expect(sections.some((s) => s.key === 'req-2')).toBe(true);
    const doc = buildCampaignReport(
      { campaign, results, draw, settings, issueDate: '2026-12-01' },
      {
        'req-2': '（二）各单位于年底前完成自查。',
      },
    );
    expect(documentText(doc)).toContain('（二）各单位于年底前完成自查。');
    expect(documentText(doc)).not.toContain('举一反三完善制度');
  });

  it('carries the 台账体检发现 paragraph as its own section when the census found something', () => {
    const text =
      '台账体检发现：对各执法部门报送台账的100件案卷逐件比对法定期限和执法证件，发现疑似问题线索3条。';
    const without = reportSections({ campaign, results, draw, settings, issueDate: '2026-12-01' });
    expect(without.some((s) => s.key === 'ledger-census')).toBe(false);
    const doc = buildCampaignReport({
      campaign,
      results,
      draw,
      settings,
      issueDate: '2026-12-01',
      ledgerCensus: text,
    });
    expect(documentText(doc)).toContain(text);
    const sections = reportSections({
      campaign,
      results,
      draw,
      settings,
      issueDate: '2026-12-01',
      ledgerCensus: text,
    });
    expect(sections.find((s) => s.key === 'ledger-census')).toBeTruthy();
  });
});

describe('the 通报 says only what the data supports (issue 24)', () => {
  const text = (input: Partial<Parameters<typeof buildCampaignReport>[0]> = {}) =>
    documentText(
      buildCampaignReport({ campaign, results, draw, settings, issueDate: '2026-12-01', ...input }),
    );

  it('scope numbers add up and name the unfinished files', () => {
    const t = text({ draw: { ...draw, drawnCount: 46 } });
    expect(t).toContain(`共随机抽取案卷46件，已完成评查40件，尚有6件未完成评查`);
    expect(t).not.toContain('阶段性');
    const reviewed = results.fileCount;
    const unfinished = text({ draw: { ...draw, drawnCount: 46, unfinishedCount: 8 } });
    expect(unfinished).toContain(
      `已完成评查38件，尚有8件未完成评查；另评查随机抽取以外的案卷${reviewed - 38}件`,
    );
  });

  it('a 阶段性通报 says so in its title and scope, and 定稿 asks for it while files are unfinished', () => {
    const doc = buildCampaignReport({
      campaign,
      results,
      draw: { ...draw, drawnCount: 46 },
      settings,
      issueDate: '2026-12-01',
      interim: true,
    });
    expect(doc.title).toBe('德阳市司法局关于2026年度行政执法案卷评查情况的阶段性通报');
    expect(documentText(doc)).toContain('本通报为阶段性通报，所列结果仅反映已完成评查的40件案卷');
    expect(reportFinalisation({ results, draw: { ...draw, drawnCount: 46 } })).toEqual({
      drawnCount: 46,
      reviewedCount: 40,
      unfinishedCount: 6,
      needsInterimConfirmation: true,
    });
    expect(reportFinalisation({ results, draw }).needsInterimConfirmation).toBe(false);
  });

  it('prints the draw date as the local (Beijing) calendar day, through the one formatter', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      // 2026-12-08 03:09 Beijing time is 2026-12-07 in UTC.
      const t = text({ draw: { ...draw, drawnAt: '2026-12-07T19:09:00.000Z' } });
      expect(t).toContain('2026年12月8日，从5321件案卷中');
      expect(t).not.toContain('2026年12月7日');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('names the scope date as the campaign chose it', () => {
    const t = text({ campaign: { ...campaign, dateByType: { 行政检查: 'filedDate' } } });
    expect(t).toContain('2026年1月1日至2026年9月30日办结（行政检查按检查日期计）的');
  });

  it('heads each problem with the standard item’s 问题表述, without category codes, roles or software names', () => {
    const t = text();
    const top = results.problemsByItem[0]!;
    expect(top.problemWording).toBeTruthy();
    expect(t).toContain(`（一）${top.problemWording}`);
    expect(t).not.toContain(`（一）${top.title}`);
    for (const bad of ['该问题属', '类（', '评查人员认定', '评查台', 'Rivest', '一致性抽样', '本系统'])
      expect(t).not.toContain(bad);
  });

  it('quotes a reviewer’s note without the reviewer’s role', () => {
    const withRole = buildCampaignResults(
      files.map((f) => ({
        ...f,
        sheet: {
          ...f.sheet,
          deductions: f.sheet.deductions.map((d) => ({
            ...d,
            problem: `${d.problem ?? ''}（第二名评查人员认定）`,
          })),
        },
        score: undefined,
      })),
    );
    const t = text({ results: withRole });
    expect(withRole.files.some((f) => f.problems.some((p) => p.problem.includes('评查人员认定')))).toBe(true);
    expect(t).toContain('如：');
    expect(t).not.toContain('评查人员认定');
  });

  it('uses Chinese punctuation: no ASCII space inside Chinese, no dash ranges', () => {
    // (the seed is quoted as the witnesses wrote it, so this one has no spaces)
    const t = text({ draw: { ...draw, seed: '20261008031117222831' } });
    expect(t).not.toMatch(/[\u3000-\u9fff\uff00-\uffef] +[\u3000-\u9fff\uff00-\uffef0-9]/u);
    expect(t).not.toMatch(/[0-9%] +[\u3000-\u9fff]/u);
    expect(t).not.toMatch(/[–—~]/u);
  });
});
