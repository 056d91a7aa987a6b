// A fresh install on a reviewer's laptop: the first screen opens the package, the review page follows,
// the score sheet shows the file's 当事人 / dates / 案由 from the package, and Alt+↓ / Alt+↑ move
// between the files of the queue, by keyboard alone.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PingchaDatabase, getDatabase } from '../../renderer/db/database';
import { exportAssignmentPackage, readWorkspace } from '../../renderer/db/package-repository';
import { App } from '../../renderer/app/app';
import { setPlatform } from '../../renderer/platform';
import { adjacentFile } from '../../renderer/review/scoring-tab';
import { CAMPAIGN, setupCoordinator } from '../db/package-fixtures';
import { fakePlatform } from './render-app';
import { OPERATOR_AREA, writeSettings } from '../../renderer/db/settings-repository';
import { operatorSettingsSchema } from '../../shared/util/operator-settings';

describe('reviewer first screen', () => {
  it('opens the package from the welcome screen, then scores with next/previous file keys', async () => {
    const coordinator = new PingchaDatabase('coordinator-first-screen');
    const cases = await setupCoordinator(coordinator, 8);
    const pkg = await exportAssignmentPackage(coordinator, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    setPlatform(fakePlatform([{ name: pkg.fileName, bytes: pkg.bytes }]));
    await writeSettings(getDatabase(), OPERATOR_AREA, operatorSettingsSchema, { name: '王评查' });
    location.hash = '';
    render(<App />);
    const user = userEvent.setup();
    const open = await screen.findByTestId('welcome-open-package', {}, { timeout: 20_000 });
    open.focus();
    await user.keyboard('{Enter}');
    await screen.findByTestId('review-counts', {}, { timeout: 20_000 });
    const ws = (await readWorkspace(getDatabase()))!;
    expect(location.hash).toBe('#/review');

    const queue = await screen.findByTestId('reviewer-queue');
    const first = cases.find((c) => c.itemId === ws.itemIds[0])!;
    await user.click(within(queue).getByTestId(`queue-${first.caseNo}`));
    const header = await screen.findByTestId('case-header');
    expect(header.textContent).toContain(first.party);
    expect(header.textContent).toContain(first.cause);
    expect(header.textContent).toContain(first.filedDate!);
    await waitFor(() => expect(screen.getByTestId('score-sheet')).toHaveFocus());
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    const second = cases.find((c) => c.itemId === ws.itemIds[1])!;
    await waitFor(() => expect(screen.getByTestId('case-header').textContent).toContain(second.caseNo));
    await waitFor(() => expect(screen.getByTestId('score-sheet')).toHaveFocus());
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(screen.getByTestId('case-header').textContent).toContain(first.caseNo));
  });

  it('the next file stops at either end of the queue', () => {
    expect(adjacentFile(['a', 'b'], null, 1)).toBe('a');
    expect(adjacentFile(['a', 'b'], 'a', 1)).toBe('b');
    expect(adjacentFile(['a', 'b'], 'b', 1)).toBeNull();
    expect(adjacentFile(['a', 'b'], 'a', -1)).toBeNull();
    expect(adjacentFile([], null, 1)).toBeNull();
  });
});
