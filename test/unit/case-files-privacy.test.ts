// 电子案卷 hold personal data (issue 27): the 评查情况通报 is public, so however the problems are pinned
// to pages of case files, it names no page, file or hash and carries no picture of one.
import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport } from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';

const SHA = 'c'.repeat(64);

describe('case files stay out of the 通报', () => {
  it('names no page, file or hash of a pinned problem and embeds no crop', () => {
    const files = sampleReviewedFiles({ departments: 4, filesPerDepartment: 5, seed: 11, cleanShare: 0 }).map(
      (f) => ({
        ...f,
        sheet: {
          ...f.sheet,
          deductions: f.sheet.deductions.map((d, i) => ({
            ...d,
            pins: [{ fileSha256: SHA, page: 11 + i, rect: { x: 0.1, y: 0.1, w: 0.3, h: 0.2 } }],
          })),
        },
      }),
    );
    const results = buildCampaignResults(files);
    // The pins are on the results (the letters cite them) …
    expect(results.files.some((f) => f.problems.some((p) => p.pins?.length))).toBe(true);
    const doc = buildCampaignReport({
      campaign: { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026, periodFrom: null, periodTo: null },
      results,
      draw: null,
      settings: { ...defaultLetterSettings(), issuer: '德阳市司法局' },
      issueDate: '2026-12-01',
    });
    // … and none of them reaches the public 通报.
    const text = documentText(doc) + JSON.stringify(doc.annexes ?? []);
    expect(text).not.toMatch(/第\d+页/);
    expect(text).not.toContain(SHA.slice(0, 12));
    expect(text).not.toContain('截图');
    expect(
      [...doc.blocks, ...(doc.annexes ?? []).flatMap((a) => a.blocks)].filter((b) => b.type === 'image'),
    ).toEqual([]);
  });
});
