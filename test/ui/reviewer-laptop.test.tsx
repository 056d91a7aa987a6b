// A reviewer's laptop (a store opened from a panel package) is shown as what it is: the reviewer's
// files and progress, the standard, the results package and settings; none of the coordinator's areas.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { PingchaDatabase, getDatabase } from '../../renderer/db/database';
import { exportAssignmentPackage, openWorkspacePackage } from '../../renderer/db/package-repository';
import { App } from '../../renderer/app/app';
import { setPlatform } from '../../renderer/platform';
import { OPERATOR_AREA, writeSettings } from '../../renderer/db/settings-repository';
import { operatorSettingsSchema } from '../../shared/util/operator-settings';
import { CAMPAIGN, setupCoordinator } from '../db/package-fixtures';
import { fakePlatform } from './render-app';

describe('reviewer laptop', () => {
  it('the whole app shows a reviewer laptop as what it is: their files and progress, nothing else', async () => {
    const coordinator = new PingchaDatabase('coordinator-ui-app');
    const cases = await setupCoordinator(coordinator, 8);
    // The campaign is a demo one on the coordinator's side: the laptop still shows no demo banner.
    await coordinator.campaigns.update(CAMPAIGN, { isDemo: true });
    const { bytes, fileName } = await exportAssignmentPackage(coordinator, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const db = getDatabase();
    const ws = await openWorkspacePackage(db, bytes, fileName, { actor: '王评查' });
    await writeSettings(db, OPERATOR_AREA, operatorSettingsSchema, { name: '王评查' });
    setPlatform(fakePlatform([]));
    // A route the workspace does not offer falls back to 评查.
    location.hash = '#/campaigns';
    render(<App />);

    const counts = await screen.findByTestId('review-counts', {}, { timeout: 20_000 });
    expect(counts.textContent).toBe(
      `分配给本人 ${ws.itemIds.length} 件 · 已评分 0 件 · 已提交 0 件 · 未评 ${ws.itemIds.length} 件`,
    );
    const nav = document.querySelector('.ant-menu')!;
    const labels = [...nav.querySelectorAll('.ant-menu-title-content')].map((e) => e.textContent);
    expect(labels).toEqual(['评查标准', '评查', '数据安全', '设置']);
    const text = document.body.textContent!;
    for (const absent of ['抽中', '待抽取', '新建评查活动', '整改函', '执法台账', '示例数据'])
      expect(text).not.toContain(absent);
    expect(screen.queryByTestId('demo-banner')).toBeNull();
    expect(screen.queryByTestId('backup-reminder')).toBeNull();
    expect(screen.getByTestId('workspace-banner').textContent).toContain('王评查');

    // The standards came with the package: shown and exported, never edited on the laptop.
    await act(async () => {
      location.hash = '#/standards';
    });
    await screen.findByTestId('standards-read-only', {}, { timeout: 20_000 });
    const table = await screen.findByTestId('standards-table');
    await waitFor(() => expect(table.querySelectorAll('tbody tr.ant-table-row').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('standard-import')).toBeNull();
    const actions = [...table.querySelectorAll('tbody button')].map((b) => b.textContent);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['导出']));
  });
});
