import { describe, expect, it } from 'vitest';
import { defaultBands, type ReviewStandard } from '../../shared/standards/standard-model';
import {
  compareSheets,
  reconcile,
  type ScoreSheet,
  type SheetDeduction,
} from '../../shared/review/scoring-engine';

function standard(): ReviewStandard {
  return {
    id: 'std',
    name: '复核测试标准',
    caseTypes: ['行政处罚'],
    version: 3,
    status: 'published',
    isDefault: false,
    totalHalfPoints: 200,
    categories: [
      {
        id: 'c',
        name: '程序',
        items: [
          {
            id: 'a1',
            title: '立案',
            maxHalfPoints: 40,
            group: '程序',
            legalBasis: '',
            deductions: [
              { id: 'x1', label: '立案超期', amountHalfPoints: 2, mode: 'once' },
              { id: 'x2', label: '审批不全', amountHalfPoints: 4, mode: 'per-occurrence' },
            ],
          },
          {
            id: 'a2',
            title: '调查',
            maxHalfPoints: 60,
            group: '实体',
            legalBasis: '',
            deductions: [{ id: 'y1', label: '笔录缺签名', amountHalfPoints: 2, mode: 'per-occurrence' }],
          },
          {
            id: 'a3',
            title: '归档',
            maxHalfPoints: 100,
            group: '文书归档',
            legalBasis: '',
            deductions: [{ id: 'z1', label: '页码错误', amountHalfPoints: 1, mode: 'per-occurrence' }],
          },
        ],
      },
    ],
    vetoes: [
      { id: 'vf', kind: 'fail', text: '程序违法' },
      { id: 'vc', kind: 'cap', text: '缺少印章' },
    ],
    bands: defaultBands(200),
  };
}

const d = (itemId: string, optionId: string, count = 1, problem = '问题'): SheetDeduction => ({
  itemId,
  optionId,
  count,
  problem,
});
const sheet = (deductions: SheetDeduction[], vetoes: ScoreSheet['vetoes'] = []): ScoreSheet => ({
  standardId: 'std',
  standardVersion: 3,
  deductions,
  vetoes,
});

describe('compareSheets', () => {
  const std = standard();

  it('identical deductions (different wording) are not a difference', () => {
    const c = compareSheets(
      std,
      sheet([d('a1', 'x1', 1, '超期 3 天')]),
      sheet([d('a1', 'x1', 1, '立案晚了')]),
    );
    expect(c.hasDifferences).toBe(false);
    expect(c.items).toEqual([]);
  });

  it('flags items with different options or counts, split entries being equal to one entry', () => {
    const a = sheet([d('a1', 'x2', 2), d('a2', 'y1', 1), d('a3', 'z1', 1), d('a3', 'z1', 1)]);
    const b = sheet([d('a1', 'x2', 1), d('a2', 'y1', 1), d('a3', 'z1', 2)]);
    const c = compareSheets(std, a, b);
    expect(c.items.map((i) => i.itemId)).toEqual(['a1']);
    expect(c.items[0]!.a.scoreHalfPoints).toBe(32);
    expect(c.items[0]!.b.scoreHalfPoints).toBe(36);
    expect(c.totalGapHalfPoints).toBe(4);
    expect(c.totalsDiffer).toBe(false);
    expect(c.hasDifferences).toBe(true);
  });

  it('totals differing by more than 5 points are flagged; exactly 5 is not', () => {
    const five = compareSheets(std, sheet([d('a3', 'z1', 10)]), sheet([]));
    expect(five.totalGapHalfPoints).toBe(10);
    expect(five.totalsDiffer).toBe(false);
    const more = compareSheets(std, sheet([d('a3', 'z1', 11)]), sheet([]));
    expect(more.totalsDiffer).toBe(true);
  });

  it('flags grade and veto differences', () => {
    // 90 vs 89.5: grade differs though totals are close.
    const g = compareSheets(std, sheet([d('a3', 'z1', 20)]), sheet([d('a3', 'z1', 21)]));
    expect(g.gradeDiffers).toBe(true);
    expect(g.scoreA.grade).toBe('优秀');
    expect(g.scoreB.grade).toBe('合格');
    const v = compareSheets(std, sheet([], [{ vetoId: 'vc', reason: '未盖章' }]), sheet([]));
    expect(v.vetoDiffers).toBe(true);
    expect(v.vetoesOnlyA).toEqual(['vc']);
    expect(v.vetoesOnlyB).toEqual([]);
    expect(v.gradeDiffers).toBe(true);
  });
});

describe('reconcile', () => {
  const std = standard();
  const a = sheet([d('a1', 'x2', 2, 'A：审批表缺签字两处'), d('a2', 'y1', 1, 'A：笔录缺签名')]);
  const b = sheet([d('a1', 'x2', 1, 'B：审批表缺签字'), d('a2', 'y1', 1, 'B：笔录缺签名')]);

  it('requires a decision for every differing item (Chinese message naming the item)', () => {
    const r = reconcile(std, a, b, { items: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('评查项“立案”两名评查人员意见不一致');
    expect(r.errors[0]).toContain('A 扣 4 分，B 扣 2 分');
  });

  it('take A / take B; agreed items keep the common result', () => {
    const ra = reconcile(
      std,
      a,
      b,
      { items: [{ itemId: 'a1', choice: 'a' }] },
      { by: '复核组长', at: '2026-05-01' },
    );
    expect(ra.ok).toBe(true);
    if (!ra.ok) return;
    expect(ra.score.totalHalfPoints).toBe(200 - 8 - 2);
    expect(ra.record.items.map((i) => [i.itemId, i.source])).toEqual([
      ['a1', 'a'],
      ['a2', 'agreed'],
      ['a3', 'agreed'],
    ]);
    expect(ra.record.by).toBe('复核组长');
    expect(ra.sheet.standardVersion).toBe(3);
    const rb = reconcile(std, a, b, { items: [{ itemId: 'a1', choice: 'b' }] });
    expect(rb.ok && rb.score.totalHalfPoints).toBe(200 - 4 - 2);
  });

  it('an own value departing from both needs a reason', () => {
    const own = {
      itemId: 'a1',
      choice: 'own' as const,
      deductions: [{ optionId: 'x2', count: 3, problem: '三处缺签字' }],
    };
    const r = reconcile(std, a, b, { items: [own] });
    expect(!r.ok && r.errors.join()).toContain('评查项“立案”的复核结论与两名评查人员均不同，须填写理由');
    const ok = reconcile(std, a, b, { items: [{ ...own, reason: '复核原件发现第三处' }] });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.record.items[0]).toMatchObject({
      itemId: 'a1',
      source: 'own',
      reason: '复核原件发现第三处',
      aHalfPoints: 32,
      bHalfPoints: 36,
      finalHalfPoints: 28,
    });
    expect(ok.record.totalAHalfPoints).toBe(190);
    expect(ok.record.totalBHalfPoints).toBe(194);
    expect(ok.record.finalTotalHalfPoints).toBe(186);
  });

  it('an own value equal to one reviewer (reworded) needs no reason and is recorded as that reviewer', () => {
    const r = reconcile(std, a, b, {
      items: [
        { itemId: 'a1', choice: 'own', deductions: [{ optionId: 'x2', count: 1, problem: '重新表述' }] },
      ],
    });
    expect(r.ok && r.record.items[0]!.source).toBe('b');
    expect(r.ok && r.sheet.deductions[0]!.problem).toBe('重新表述');
  });

  it('the lead may also change an item both reviewers agreed on (with a reason)', () => {
    const r = reconcile(std, a, b, {
      items: [
        { itemId: 'a1', choice: 'a' },
        {
          itemId: 'a3',
          choice: 'own',
          deductions: [{ optionId: 'z1', count: 4, problem: '页码缺失' }],
          reason: '复核补充',
        },
      ],
    });
    expect(r.ok && r.score.totalHalfPoints).toBe(200 - 8 - 2 - 4);
  });

  it('veto differences need a decision; own vetoes departing from both need a reason', () => {
    const va = sheet([], [{ vetoId: 'vc', reason: '决定书未盖章' }]);
    const vb = sheet([]);
    const missing = reconcile(std, va, vb, { items: [] });
    expect(!missing.ok && missing.errors.join()).toContain('否决项认定不一致（A：缺少印章；B：无）');
    const takeA = reconcile(std, va, vb, { items: [], vetoes: { choice: 'a' } });
    expect(takeA.ok && takeA.score.grade).toBe('合格');
    expect(takeA.ok && takeA.record.vetoes).toEqual({ source: 'a', final: ['vc'] });
    const ownNoReason = reconcile(std, va, vb, {
      items: [],
      vetoes: { choice: 'own', vetoes: [{ vetoId: 'vf', reason: '未告知陈述申辩权' }] },
    });
    expect(!ownNoReason.ok && ownNoReason.errors.join()).toContain(
      '否决项的复核结论与两名评查人员均不同，须填写理由',
    );
    const own = reconcile(std, va, vb, {
      items: [],
      vetoes: {
        choice: 'own',
        vetoes: [{ vetoId: 'vf', reason: '未告知陈述申辩权' }],
        reason: '复核认定程序违法',
      },
    });
    expect(own.ok && own.score.totalHalfPoints).toBe(0);
    expect(own.ok && own.score.grade).toBe('不合格');
  });

  it('rejects unknown or duplicate decisions and an invalid final sheet', () => {
    const r = reconcile(std, a, b, {
      items: [
        { itemId: 'nope', choice: 'a' },
        { itemId: 'a1', choice: 'a' },
        { itemId: 'a1', choice: 'b' },
      ],
    });
    expect(!r.ok && r.errors.join('\n')).toMatch(/不存在的评查项“nope”[\s\S]*重复的复核意见/);
    const noText = reconcile(std, a, b, {
      items: [
        {
          itemId: 'a1',
          choice: 'own',
          deductions: [{ optionId: 'x2', count: 5, problem: '' }],
          reason: '复核',
        },
      ],
    });
    expect(!noText.ok && noText.errors.join()).toContain('未填写问题描述');
  });
});

describe('reconcile keeps the pins (电子案卷)', () => {
  const std = standard();
  const pinA = { fileSha256: 'a'.repeat(64), page: 2, rect: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } };
  const pinB = { fileSha256: 'a'.repeat(64), page: 7, rect: { x: 0.3, y: 0.3, w: 0.2, h: 0.2 } };
  it('an agreed deduction carries the pages either reviewer pinned, each once', () => {
    const a = sheet([{ ...d('a2', 'y1', 1, 'A：笔录缺签名'), pins: [pinA] }]);
    const b = sheet([{ ...d('a2', 'y1', 1, 'B：笔录缺签名'), pins: [pinA, pinB] }]);
    const r = reconcile(std, a, b, { items: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sheet.deductions[0]!.pins).toEqual([pinA, pinB]);
    // Only the other reviewer pinned: the page still goes with the final deduction.
    const onlyB = reconcile(std, sheet([d('a2', 'y1', 1, 'A')]), b, { items: [] });
    expect(onlyB.ok && onlyB.sheet.deductions[0]!.pins).toEqual([pinA, pinB]);
  });
});
