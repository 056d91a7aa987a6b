import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';
import { estimateCampaign, type EstimateDrawInput } from '../../shared/stats/campaign-estimates';
import { figureGloss, shareRangeText } from '../../shared/stats/estimate-text';

const files = sampleReviewedFiles({ departments: 4, filesPerDepartment: 6, seed: 5 });
const results = buildCampaignResults(files);
const departments = [...new Set(files.map((f) => f.department))];
// Each department is one stratum of 200 files; its first file replaced another, one extra file in the last.
const last = departments[departments.length - 1]!;
const drawInput: EstimateDrawInput = {
  stratification: { by: 'department' },
  strata: [...departments.map((d) => ({ key: d, size: 200 })), { key: '无样本局', size: 30 }],
  drawn: [
    ...files
      .filter((f, i) => !(f.department === last && i === files.length - 1))
      .map((f) => ({ itemId: f.itemId, stratum: f.department, department: f.department })),
    { itemId: 'gone-1', stratum: departments[0]!, department: departments[0]! },
    { itemId: 'x-1', stratum: '无样本局', department: '无样本局' },
  ],
  replacements: [{ itemId: 'gone-1', replacedBy: 'spare-1', stratum: departments[0]! }],
  extras: [{ stratum: last, count: 1, itemIds: [files[files.length - 1]!.itemId] }],
};
const estimates = estimateCampaign(drawInput, results.files, 0.95);
const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局' };
const campaign = { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026, periodFrom: null, periodTo: null };
const draw = {
  drawId: 'draw-1',
  seed: '1',
  drawnAt: '2026-10-08T09:00:00+08:00',
  populationSize: 830,
  drawnCount: 25,
  algorithm: 'Rivest',
  stratification: '按执法部门分层',
};

describe('campaign report: what the sample says about all files', () => {
  const text = documentText(
    buildCampaignReport({ campaign, results, draw, estimates, settings, issueDate: '2026-12-01' }),
  );

  it('states each city figure in plain words with one gloss, intervals as on the 评查结果 page', () => {
    const city = estimates.city;
    expect(city.method).toBe('stratified');
    for (const f of city.figures) {
      if (f.degenerate) continue;
      expect(text).toContain(figureGloss('全市', f, 0.95, city.reviewed));
      expect(text).toContain(`实际比例在${shareRangeText(f.lowerShare, f.upperShare)}之间的可能性为95%。`);
    }
    expect(text).toMatch(/按抽样结果推算，全市[^。]*存在程序问题/u);
    expect(text).not.toContain('据此推算');
    expect(text).not.toMatch(/约 ?100%/u);
    expect(text).not.toContain('置信区间');
  });

  it('the method in one sentence, without software or method names', () => {
    const method = text.match(/（推算方法：[^）]*）/u);
    expect(method).not.toBeNull();
    expect(method![0].split('。').length).toBe(2);
    for (const bad of ['超几何', '正态', 'Rivest', '评查台', '软件', '算法']) expect(text).not.toContain(bad);
    expect(method![0]).toContain('另有30件案卷所在的层尚无完成评查的样本，未纳入推算');
  });

  it('no department sentence from fewer than 10 reviewed files', () => {
    for (const d of estimates.departments) {
      expect(d.reviewed).toBeLessThan(10);
      expect(text).not.toContain(`按抽样结果推算，${d.name}`);
    }
    expect(text).toContain('各单位抽取案卷较少，不单独推算');
  });

  it('a department with enough reviewed files and a narrow interval gets its own sentence, the others none', () => {
    const big = sampleReviewedFiles({ departments: 2, filesPerDepartment: 40, seed: 9 });
    const [wide, narrow] = [...new Set(big.map((f) => f.department))] as [string, string];
    const bigResults = buildCampaignResults(big);
    const est = estimateCampaign(
      {
        stratification: { by: 'department' },
        // 40 of 45 files reviewed: narrow intervals; 40 of 4,000: wide ones.
        strata: [
          { key: wide, size: 4000 },
          { key: narrow, size: 45 },
        ],
        drawn: big.map((f) => ({ itemId: f.itemId, stratum: f.department, department: f.department })),
        replacements: [],
        extras: [],
      },
      bigResults.files,
      0.95,
    );
    const t = documentText(
      buildCampaignReport({
        campaign,
        results: bigResults,
        draw: { ...draw, drawnCount: 80 },
        estimates: est,
        settings,
        issueDate: '2026-12-01',
      }),
    );
    const n = est.departments.find((d) => d.name === narrow)!;
    const stated = n.figures.filter((f) => t.includes(figureGloss(narrow, f, 0.95, n.reviewed)));
    expect(stated.length).toBeGreaterThan(0);
    for (const f of stated) expect(f.upperShare - f.lowerShare).toBeLessThan(0.3);
    for (const f of n.figures.filter((x) => !stated.includes(x)))
      expect(
        f.degenerate ||
          f.upperShare - f.lowerShare >= 0.3 ||
          Math.round(f.pointShare * 100) === 0 ||
          Math.round(f.pointShare * 100) === 100,
      ).toBe(true);
    const w = est.departments.find((d) => d.name === wide)!;
    for (const f of w.figures)
      if (t.includes(figureGloss(wide, f, 0.95, w.reviewed)))
        expect(f.upperShare - f.lowerShare).toBeLessThan(0.3);
    expect(t).toContain('各单位仅列出已评查10件以上且区间窄于30个百分点的推算结果');
  });

  it('the 通报 option leaves the estimates out', () => {
    const without = documentText(
      buildCampaignReport({
        campaign,
        results,
        draw,
        estimates,
        settings,
        issueDate: '2026-12-01',
        omitEstimates: true,
      }),
    );
    expect(without).not.toContain('按抽样结果推算');
    expect(without).not.toContain('推算方法');
  });

  it('says nothing about all files without a random draw', () => {
    const noDraw = documentText(
      buildCampaignReport({ campaign, results, draw: null, estimates, settings, issueDate: '2026-12-01' }),
    );
    expect(noDraw).not.toContain('按抽样结果推算');
  });
});
