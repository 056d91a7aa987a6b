// A reviewer's decision on a 台账体检 flag (confirm / dismiss with a reason) is written with its log entry in
// one transaction (issue 26); a refused decision writes neither.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { decideFlag, listFlagDecisions } from '../../renderer/db/flag-decision-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { actionLabel } from '../../shared/audit/action-labels';

const base = {
  campaignId: 'c1',
  itemId: '市场监督管理局|德市监罚〔2025〕1号',
  ruleId: 'CF-60-DECISION',
  sentence: '立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日',
  standardItemId: null,
  reviewerId: 'r1',
  by: '评查员甲',
};

describe('flag decisions are logged', () => {
  it('confirm and dismiss each write one flag.decide entry with the decision in its content, not its summary', async () => {
    const db = freshDb();
    await decideFlag(db, { ...base, decision: 'confirmed', reason: '', standardItemId: 'x1' });
    await decideFlag(db, { ...base, decision: 'dismissed', reason: '卷内有延期审批表' });
    const log = (await readAuditLog(db)).filter((e) => e.action === 'flag.decide');
    expect(log).toHaveLength(2);
    expect(log[1]!.actor).toBe('评查员甲');
    expect(log[1]!.objectId).toBe(`c1|${base.itemId}|CF-60-DECISION`);
    expect(log[1]!.summary).toContain('CF-60-DECISION');
    expect(log[1]!.summary).not.toMatch(/确认|不予采纳|延期审批表/);
    expect(actionLabel('flag.decide')).toBe('处理台账体检线索');
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
    const [stored] = await listFlagDecisions(db, 'c1');
    expect(stored).toMatchObject({ decision: 'dismissed', reason: '卷内有延期审批表' });
  });

  it('a dismissal without a reason is refused in Chinese: no decision, no log entry', async () => {
    const db = freshDb();
    await decideFlag(db, { ...base, decision: 'confirmed', reason: '', standardItemId: 'x1' });
    const before = await snapshot(db);
    await expect(decideFlag(db, { ...base, decision: 'dismissed', reason: '  ' })).rejects.toThrow(
      '须写明理由',
    );
    expect(await snapshot(db)).toEqual(before);
  });
});
