import { beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CampaignsPage } from '../../renderer/campaigns/campaigns-page';
import { DrawRunnerContext } from '../../renderer/campaigns/draw-runner-context';
import { generateSeed, seedProblem } from '../../renderer/campaigns/seed';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import { createInProcessDrawRunner } from '../../renderer/workers/draw-client';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { allocateQuotas } from '../../shared/draw/allocation';
import { parseDrawRecord } from '../../shared/draw/draw-record';
import type { CaseFileRecord } from '../../shared/ledger/types';
import type { PickedFile } from '../../renderer/platform';
import { renderWithApp } from './render-app';
import { ledgerImportMeta } from './ledger-import-meta';
import { testDocumentRenderer } from './document-fonts';

const SEED = '01382438112797316654';

function records(n: number, department: string, prefix: string, closed = '2025-06-01'): CaseFileRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `${department}|${prefix}-${i + 1}`,
    caseNo: `${prefix}-${i + 1}`,
    department,
    caseType: i % 4 === 0 ? '行政检查' : '行政处罚',
    cause: '案由',
    party: `当事人${prefix}${i + 1}`,
    filedDate: '2025-01-02',
    closedDate: i % 10 === 9 ? '2024-12-01' : closed,
    amountFen: null,
    officer: '',
    certNo: '',
    sourceRow: i + 2,
    raw: [],
  }));
}

const meta = (fileName: string) => ledgerImportMeta(fileName, fileName.length.toString(16).padStart(64, 'e'));

const LEDGERS = [
  records(80, '市场监督管理局', 'SJ'),
  records(30, '交通运输局', 'JT'),
  records(10, '生态环境局', 'HB'),
];

beforeAll(async () => {
  const db = getDatabase();
  for (const [i, r] of LEDGERS.entries()) await importCaseFiles(db, meta(`台账${i + 1}.xlsx`), r);
});

function renderPage(files: PickedFile[] = []) {
  const runner = createInProcessDrawRunner(getDatabase());
  const renderer = testDocumentRenderer();
  return renderWithApp(
    <DrawRunnerContext.Provider value={() => runner}>
      <DocumentRendererContext.Provider value={() => renderer}>
        <CampaignsPage />
      </DocumentRendererContext.Provider>
    </DrawRunnerContext.Provider>,
    files,
  );
}

async function openCampaign(
  name: string,
  over: { periodFrom?: string | null; periodTo?: string | null } = {},
) {
  const c = await createCampaign(getDatabase(), {
    name,
    year: 2025,
    periodFrom: over.periodFrom ?? null,
    periodTo: over.periodTo ?? null,
    departments: [],
    caseTypes: [],
    createdBy: '李明',
  });
  window.location.hash = `#/campaigns/${c.id}`;
  return c;
}

describe('seed helpers', () => {
  it('generates unbiased decimal digits, rejecting bytes from 250 up', () => {
    const bytes = [255, 250, 3, 249, 10, 0];
    let k = 0;
    const seed = generateSeed(4, (a) => a.map(() => bytes[k++ % bytes.length]!));
    expect(seed).toBe('3900');
    expect(generateSeed()).toMatch(/^\d{20}$/);
    expect(seedProblem('12a4567')).toContain('只能由数字');
    expect(seedProblem('123')).toContain('太短');
    expect(seedProblem(SEED)).toBeNull();
  });
});

describe('campaign plan and draw', () => {
  it('shows the population per stratum, the live quotas and a Chinese error when infeasible', async () => {
    const user = userEvent.setup();
    await openCampaign('第十一次行政执法案卷评查', { periodFrom: '2025-01-01', periodTo: '2025-12-31' });
    renderPage();
    // 1 in 10 closed in 2024: out of the period.
    const inScope = LEDGERS.map((l) => l.filter((r) => r.closedDate! >= '2025-01-01').length);
    const total = inScope.reduce((a, b) => a + b, 0);
    await screen.findByText(`总体与抽取方案（总体 ${total} 件，3 个层）`, {}, { timeout: 30_000 });
    // nothing dropped unseen: the files the period leaves out are counted next to the population
    const excluded = (await screen.findByTestId('scope-exclusions', {}, { timeout: 10_000 })).textContent;
    expect(excluded).toContain(`已导入 120 件，纳入本次总体 ${total} 件`);
    expect(excluded).toContain(`不在评查期间内：${120 - total} 件`);
    const table = screen.getByTestId('quota-table');
    const expected = allocateQuotas(
      [
        { key: '交通运输局', size: inScope[1]! },
        { key: '市场监督管理局', size: inScope[0]! },
        { key: '生态环境局', size: inScope[2]! },
      ],
      total, // default 120 is more than the population: everything is taken
    );
    expect(within(table).getByTestId('quota-total').textContent).toBe(
      String(expected.reduce((a, q) => a + q.quota, 0)),
    );

    const n = screen.getByLabelText('样本量');
    await user.clear(n);
    await user.type(n, '12');
    const q12 = allocateQuotas(
      [
        { key: '交通运输局', size: inScope[1]! },
        { key: '市场监督管理局', size: inScope[0]! },
        { key: '生态环境局', size: inScope[2]! },
      ],
      12,
    );
    await waitFor(() => expect(within(table).getByTestId('quota-total').textContent).toBe('12'));
    for (const q of q12) {
      const row = within(table).getByText(q.key).closest('tr')!;
      expect(row.textContent).toContain(q.reason);
    }
    // By department × case type: 6 strata, minimum 3 each -> 18 > 12.
    await user.click(screen.getByText('按部门 × 案件类型'));
    const min = screen.getByLabelText('每层最低');
    await user.clear(min);
    await user.type(min, '3');
    const err = await screen.findByTestId('plan-error');
    expect(err.textContent).toContain('样本量 12 小于各层最低抽取数之和 18');
    expect(screen.getByRole('button', { name: '执行抽取' })).toBeDisabled();
    // At 2 a stratum the small (inspection) strata get more than their share: the plan says why.
    await user.clear(min);
    await user.type(min, '2');
    const why = await screen.findByTestId('allocation-explanation');
    expect(why.textContent).toMatch(/个层得到的名额多于按占比应得之数.*因为每层至少抽取 2 件/);
  }, 120_000);

  it('takes a typed seed in the full-screen ceremony, draws, replaces, exports and verifies', async () => {
    const user = userEvent.setup();
    const files: PickedFile[] = [];
    const { platform, unmount } = renderPage(files);
    let campaignId = '';
    await act(async () => {
      campaignId = (await openCampaign('第十二次评查')).id;
    });
    await screen.findByText(/总体与抽取方案（总体 120 件/, {}, { timeout: 30_000 });
    const n = screen.getByLabelText('样本量');
    await user.clear(n);
    await user.type(n, '9');

    // Ceremony: digits only, Esc leaves without changing, Enter keeps the digits.
    await user.click(screen.getByRole('button', { name: /公开输入种子（全屏）/ }));
    const input = await screen.findByTestId('ceremony-input');
    expect(input).toHaveFocus();
    await user.type(input, '12x34');
    expect((input as HTMLInputElement).value).toBe('1234');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('seed-ceremony')).toBeNull();
    expect(screen.getByTestId('seed-display').textContent).toBe('尚未确定种子');
    await user.click(screen.getByRole('button', { name: /公开输入种子（全屏）/ }));
    await user.type(await screen.findByTestId('ceremony-input'), SEED);
    expect((screen.getByTestId('ceremony-input') as HTMLInputElement).value).toBe('01382 43811 27973 16654');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('seed-display').textContent).toBe('01382 43811 27973 16654');

    await user.type(screen.getByLabelText('操作人员'), '李明');
    await user.type(screen.getByLabelText('见证人'), '王芳、赵强');
    // 执行抽取 asks first, naming the seed and what it locks; 取消 (Esc) leaves the store as it was.
    await user.click(screen.getByRole('button', { name: '执行抽取' }));
    const confirm = await screen.findByTestId('draw-confirm');
    expect(confirm.textContent).toMatch(/01382 43811 27973 16654.*抽取 9 件.*不能更改，也不能重新抽取/s);
    await user.keyboard('{Escape}');
    expect(await getDatabase().draws.where('campaignId').equals(campaignId).count()).toBe(0);
    expect(screen.queryByTestId('draw-result')).toBeNull();
    await user.click(screen.getByRole('button', { name: '执行抽取' }));
    // (jsdom keeps the closed confirmation's nodes: the new one is the last)
    await waitFor(() => expect(screen.getAllByTestId('confirm-ok')).toHaveLength(2));
    await user.click(screen.getAllByTestId('confirm-ok').at(-1)!);
    await screen.findByTestId('draw-result', {}, { timeout: 30_000 });
    expect(screen.getByTestId('drawn-count').textContent).toBe('9');
    expect(screen.getByTestId('result-seed').textContent).toBe('01382 43811 27973 16654');
    // The seed is locked: no way back to the planner.
    expect(screen.queryByRole('button', { name: /公开输入种子（全屏）/ })).toBeNull();

    // Replace a drawn file: a reason is required.
    const drawn = await screen.findByTestId('drawn-table'); // the table mounts one task after the page
    // (querySelector: role queries over a 9-row antd table take minutes in jsdom)
    const firstRow = drawn.querySelector<HTMLButtonElement>('button[aria-label^="替换 "]')!;
    const caseNo = firstRow.getAttribute('aria-label')!.slice(3);
    await user.click(firstRow);
    const dialog = (await screen.findByText('确认替换')).closest<HTMLElement>('.ant-modal')!;
    await user.click(within(dialog).getByText('确认替换'));
    expect((await within(dialog).findByTestId('reason-error')).textContent).toContain('请填写原因');
    await user.type(within(dialog).getByLabelText('原因'), '案卷已移送公安机关');
    await user.click(within(dialog).getByText('确认替换'));
    const replaced = await screen.findByTestId('replaced-table');
    expect(replaced.textContent).toContain(caseNo);
    expect(replaced.textContent).toContain('案卷已移送公安机关');
    expect(screen.getByTestId('drawn-count').textContent).toBe('9');

    // Export the JSON record and the PDF.
    await user.click(screen.getByText('导出记录（JSON）'));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.json'))).toBe(true));
    const json = platform.saved.find((s) => s.name.endsWith('.json'))!;
    const record = parseDrawRecord(new TextDecoder().decode(json.bytes));
    expect(record.seed).toBe(SEED);
    expect(record.witnesses).toEqual(['王芳', '赵强']);
    expect(record.population.ids).toHaveLength(120);
    expect(record.replacements[0]!.reason).toBe('案卷已移送公安机关');
    await user.click(screen.getByText('导出 PDF'));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.pdf'))).toBe(true), {
      timeout: 20_000,
    });

    // Verify it in the app: 一致; then a foreign JSON gets a clear message.
    act(() => {
      window.location.hash = '#/campaigns';
    });
    files.push({ name: '抽取记录.json', bytes: json.bytes });
    await user.click(await screen.findByRole('button', { name: /打开抽取记录/ }));
    const result = await screen.findByTestId('verify-result', {}, { timeout: 30_000 });
    expect(result.textContent).toContain('一致：“抽取记录.json”');
    files.splice(0, 1, { name: '别的.json', bytes: new TextEncoder().encode('{"format":"x"}') });
    fireEvent.click(screen.getByRole('button', { name: /打开抽取记录/ }));
    await waitFor(() =>
      expect(screen.getByTestId('verify-result').textContent).toContain('不是评查台导出的抽取记录'),
    );
    files.splice(0, 1, { name: '乱码.json', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0xd8]) });
    fireEvent.click(screen.getByRole('button', { name: /打开抽取记录/ }));
    await waitFor(() => expect(screen.getByTestId('verify-result').textContent).toContain('不是 UTF-8 文本'));

    // Reopened, a drawn campaign goes straight to its result: the planner (which works over the whole
    // case index) is never rendered on the way (issue 16: it used to be, then torn down).
    unmount();
    const plannerSeen: string[] = [];
    const watch = new MutationObserver(() => {
      if (document.querySelector('[data-testid="quota-table"]')) plannerSeen.push('quota-table');
    });
    watch.observe(document.body, { childList: true, subtree: true });
    window.location.hash = `#/campaigns/${campaignId}`;
    renderPage();
    await screen.findByTestId('draw-result', {}, { timeout: 30_000 });
    await screen.findByTestId('drawn-table');
    watch.disconnect();
    expect(plannerSeen).toEqual([]);
  }, 180_000);
});
