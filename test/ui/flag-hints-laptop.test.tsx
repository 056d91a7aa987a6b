// On the reviewer's laptop the 台账体检 hints show as at the office (issue 26): the assignment package carries
// each of the reviewer's files' flags with its rule, its sentence and the office's census date; the laptop's
// score sheet shows the rule with its article, the arithmetic and that date, beside the standard item.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { exportAssignmentPackage, openWorkspacePackage } from '../../renderer/db/package-repository';
import { currentRulePack, type RuleCensusRecord } from '../../renderer/db/rule-census-repository';
import { FlagHints } from '../../renderer/review/flag-hints';
import { rulePackDigest } from '../../shared/rules/rule-pack';
import { emptySheet } from '../../shared/review/scoring-engine';
import { formatDateTime } from '../../shared/util/time-format';
import { freshDb } from '../db/helpers';
import { CAMPAIGN, setupCoordinator, std } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

const OFFICE_CHECKED_AT = '2026-11-30T02:15:00.000Z';
const SENTENCE = '立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日；未见延期批准记录';

describe('台账体检 hints on the laptop', () => {
  it('show the office’s flag: rule, article, arithmetic, census date and the standard item', async () => {
    const office = freshDb();
    const all = await setupCoordinator(office, 6);
    const pack = await currentRulePack(office);
    const rec = (await office.assignments.get(CAMPAIGN))!.record;
    const mine = rec.result.filter((e) => e.reviewerIds.includes('r1')).map((e) => e.itemId);
    const census: RuleCensusRecord = {
      importId: 'imp_office',
      packId: pack.id,
      packVersion: pack.version,
      packSha256: rulePackDigest(pack),
      registrySha256: '',
      checkedAt: OFFICE_CHECKED_AT,
      ruleIds: ['CF-60-DECISION'],
      tallies: [],
      flagOffset: [0],
      flagRule: [0],
      flagItemId: [mine[0]!],
      flagSentence: [SENTENCE],
    };
    await office.ruleCensus.put(census);
    const pkg = await exportAssignmentPackage(office, {
      cases: all,
      actor: '组织者',
      appVersion: '0.1.0',
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
    });

    const laptop = getDatabase();
    await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '王评查' });
    const rule = pack.rules.find((r) => r.id === 'CF-60-DECISION')!;
    renderWithApp(
      <FlagHints
        campaignId={CAMPAIGN}
        itemId={mine[0]!}
        reviewer={{ id: 'r1', name: '王评查' }}
        standard={std}
        sheet={emptySheet(std)}
        onChange={() => undefined}
      />,
    );
    const hint = await screen.findByTestId('flag-CF-60-DECISION');
    expect(hint).toHaveTextContent(rule.title);
    expect(hint).toHaveTextContent(`《${rule.citation.law}》${rule.citation.article}`);
    expect(hint).toHaveTextContent(SENTENCE);
    // the office's census time, not the time the package was opened
    expect(within(hint).getByTestId('flag-checked-at')).toHaveTextContent(
      `台账体检时间：${formatDateTime(OFFICE_CHECKED_AT)}`,
    );
    expect(hint).toHaveTextContent(/对应评查项：(?!未找到)/);
    expect(within(hint).getByRole('button', { name: '确认并扣分' })).toBeEnabled();
  });
});
