import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport, reportSections } from '../../shared/letters/campaign-report';
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
    expect(text).toContain(`${results.departments.length}个行政执法单位2026年1月1日至2026年9月30日办结的`);
    expect(text).toContain(`共评查案卷${results.fileCount}件`);
    expect(text).toContain(`从5321件案卷中抽取40件`);
    expect(text).toContain(`公开种子为“${draw.seed}”。抽取记录（评查台导出的抽取记录文件）记载总体`);
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
    expect(documentText(doc)).toContain('本系统中未保存抽取记录');
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
