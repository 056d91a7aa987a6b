// 通报: exporting never numbers it; 定稿 asks first, and with drawn files unfinished only as a 阶段性通报.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportPanel } from '../../renderer/letters/report-panel';
import { computeResults, type CampaignResultData } from '../../renderer/results/use-campaign-results';
import { getDatabase } from '../../renderer/db/database';
import { documentNumberOf, documentObjectId } from '../../renderer/db/letters-repository';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import type { DrawRow } from '../../renderer/db/workflow-records';
import type { DrawRecord } from '../../shared/draw/draw-record';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { testDocumentRenderer } from './document-fonts';
import { renderWithApp } from './render-app';
import { blankCampaign, seedLettersCampaign } from './letters-seed';

const files = sampleReviewedFiles({ departments: 2, filesPerDepartment: 3, seed: 4, cleanShare: 0 });
const campaign = { id: 'c-report', name: '通报测试评查' };

function resultData(): CampaignResultData {
  const dept = files[0]!.department;
  const pick = (itemId: string, department: string, i: number) => ({
    order: i + 1,
    ticket: String(i + 1),
    fullTicket: String(i + 1),
    itemId,
    stratum: department,
    caseNo: itemId,
    department,
    caseType: '行政处罚',
  });
  const record = {
    seed: '20261208',
    drawnAt: '2026-12-07T19:09:00Z',
    algorithm: { version: '1' },
    population: { size: 300 },
    stratification: { by: 'department' },
    strata: [...new Set(files.map((f) => f.department))].map((d) => ({ key: d, size: 150, quota: 4 })),
    // One drawn file has no final result yet.
    drawn: [
      ...files.map((f, i) => pick(f.itemId, f.department, i)),
      pick('unfinished-1', dept, files.length),
    ],
    replacements: [],
    extras: [],
  } as unknown as DrawRecord;
  const draw: DrawRow = { id: 'd-report', campaignId: campaign.id, createdAt: record.drawnAt, record };
  return {
    campaign: blankCampaign(campaign),
    finals: files.map((f) => ({
      campaignId: campaign.id,
      itemId: f.itemId,
      department: f.department,
      caseNo: f.caseNo,
      caseType: f.caseType,
      standardId: f.standard.id,
      standardVersion: f.standard.version,
      sheet: f.sheet,
      score: f.score,
      reconciliation: null,
      finalisedAt: '2026-10-20T00:00:00Z',
      finalisedBy: '组长',
    })),
    standards: [...new Map(files.map((f) => [f.standard.id, f.standard])).values()],
    draw,
    drawEvents: [],
  };
}

describe('通报 定稿', () => {
  it('exports drafts without a number; numbers only after confirming a 阶段性通报', async () => {
    await seedLettersCampaign(campaign, files);
    const db = getDatabase();
    const data = resultData();
    const renderer = testDocumentRenderer();
    const user = userEvent.setup();
    const { platform } = renderWithApp(
      <DocumentRendererContext.Provider value={() => renderer}>
        <ReportPanel
          data={data}
          computed={computeResults(data)}
          settings={{ ...defaultLetterSettings(), issuer: '德阳市司法局', reportPrefix: '德司法' }}
          onPreview={() => undefined}
        />
      </DocumentRendererContext.Provider>,
    );
    const numberNow = () => documentNumberOf(db, 'report', documentObjectId('report', campaign.id));
    expect((await screen.findByTestId('report-unfinished')).textContent).toContain('尚有1件未完成评查');

    await user.click(screen.getByTestId('export-report-draft'));
    await waitFor(() => expect(screen.getByTestId('report-result').textContent).toContain('草稿'), {
      timeout: 120_000,
    });
    expect(platform.saved.map((s) => s.name)).toEqual([
      '通报测试评查-评查情况通报（草稿）.docx',
      '通报测试评查-评查情况通报（草稿）.pdf',
    ]);
    expect(await numberNow()).toBeNull();

    // 定稿 asks first; backing out allocates nothing.
    await user.click(screen.getByTestId('export-report'));
    expect((await screen.findAllByText('作为阶段性通报定稿？')).length).toBeGreaterThan(0);
    await user.click(screen.getAllByText('取消').at(-1)!);
    expect(await numberNow()).toBeNull();

    await user.click(screen.getByTestId('export-report'));
    await user.click((await screen.findAllByTestId('confirm-ok')).at(-1)!);
    await waitFor(
      () => expect(screen.getByTestId('report-result').textContent).toContain('已定稿阶段性通报'),
      {
        timeout: 120_000,
      },
    );
    expect(await numberNow()).toBe('德司法〔2026〕1号');
  });
});
