import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';
import { estimateCampaign, type EstimateDrawInput } from '../../shared/stats/campaign-estimates';
import { exactLimits } from '../../shared/stats/estimate';

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

  it('one sentence per figure for the city, in the report words', () => {
    const city = estimates.city;
    expect(city.method).toBe('stratified');
    for (const f of city.figures) {
      if (f.degenerate) {
        expect(text).toContain(
          `据此推算，全市约 ${Math.round(f.pointShare * 100)}%的案卷${f.phrase}（各层样本中`,
        );
        continue;
      }
      const pct = `${Math.round(f.pointShare * 100)}%`;
      const lo = `${Math.floor(f.lowerShare * 100 + 1e-9)}%`;
      const hi = `${Math.ceil(f.upperShare * 100 - 1e-9)}%`;
      expect(text).toContain(
        `据此推算，全市约 ${pct}（约 ${Math.round(f.point)} 件，95% 置信区间 ${lo}–${hi}）的案卷${f.phrase}。`,
      );
    }
    expect(text).toContain('存在程序问题');
    expect(text).toContain('评查等次为不合格');
  });

  it('each department with its exact limits, replacements and additional draws stated', () => {
    const d0 = departments[0]!;
    const k = results.files.filter(
      (f) => f.department === d0 && f.problems.some((p) => p.group === '程序'),
    ).length;
    const ref = exactLimits({ population: 200, sample: 6, found: k }, 0.95);
    const hi = `${Math.ceil((ref.upper / 200) * 100 - 1e-9)}%`;
    expect(text).toContain(`${d0}共有案卷200件，随机抽取7件，其中抽取后替换1件，已定稿6件。`);
    expect(text).toMatch(
      new RegExp(`据此推算，${d0}约 \\d+%（约 \\d+ 件，95% 置信区间 \\d+%–${hi}）的案卷存在程序问题。`),
    );
    expect(text).toContain(`${last}共有案卷200件，随机抽取6件，其中追加抽取1件，已定稿6件。`);
    expect(text).toContain('抽取后因故替换1件');
    expect(text).toContain('追加抽取1次共1件');
    expect(text).toContain('无样本局随机抽中的1件案卷尚无定稿结果，不作推算。');
    expect(text).toContain('另有1个层共30件案卷尚无定稿的样本案卷，未纳入推算。');
    expect(text).not.toContain('不属于随机样本');
  });

  it('says nothing about all files without a random draw', () => {
    const noDraw = documentText(
      buildCampaignReport({ campaign, results, draw: null, estimates, settings, issueDate: '2026-12-01' }),
    );
    expect(noDraw).not.toContain('据此推算');
  });
});
