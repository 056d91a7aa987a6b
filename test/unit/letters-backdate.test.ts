import { describe, expect, it } from 'vitest';
import { backdatedIssueWarnings } from '../../shared/letters/backdate';

// Draw at 2026-03-04 17:30 UTC = 2026-03-05 01:30 in Beijing (the tests run in the machine's zone:
// the rule compares with the local calendar day, whatever it is).
const drawnAt = '2026-03-04T17:30:00.000Z';
const localDrawDay = (() => {
  const d = new Date(drawnAt);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
})();

describe('backdatedIssueWarnings', () => {
  it('accepts the draw day and later, with no letters issued before', () => {
    expect(backdatedIssueWarnings({ issueDate: localDrawDay, drawnAt, issued: [] })).toEqual([]);
    expect(backdatedIssueWarnings({ issueDate: '2026-12-31', drawnAt, issued: [] })).toEqual([]);
    expect(backdatedIssueWarnings({ issueDate: '2020-01-01', drawnAt: null, issued: [] })).toEqual([]);
  });

  it('warns on a date before the draw (the local day of the draw)', () => {
    const [w] = backdatedIssueWarnings({ issueDate: '2026-03-01', drawnAt, issued: [] });
    const [y, m, d] = localDrawDay.split('-').map(Number);
    expect(w).toBe(
      `印发日期 2026年3月1日 早于本活动抽取案卷的日期 ${y}年${m}月${d}日：整改函不会早于抽取评查案卷，请核对日期。`,
    );
  });

  it('warns on a date before the latest letter of an earlier number, naming it', () => {
    const issued = [
      { docNumber: '德法函〔2026〕1号', issueDate: '2026-04-02' },
      { docNumber: '德法函〔2026〕2号', issueDate: '2026-04-10' },
      { docNumber: '德法函〔2026〕3号', issueDate: '2026-04-06' },
    ];
    expect(backdatedIssueWarnings({ issueDate: '2026-04-08', drawnAt, issued })).toEqual([
      '印发日期 2026年4月8日 早于已印发的 德法函〔2026〕2号 的日期 2026年4月10日：本函将取得更靠后的文号，日期却更早，请核对日期。',
    ]);
    expect(backdatedIssueWarnings({ issueDate: '2026-04-10', drawnAt, issued })).toEqual([]);
    // Both at once.
    expect(backdatedIssueWarnings({ issueDate: '2026-01-02', drawnAt, issued })).toHaveLength(2);
  });
});
