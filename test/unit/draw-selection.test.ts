import { describe, expect, it } from 'vitest';
import { drawSample } from '../../shared/draw/sampler';
import {
  SelectionError,
  drawMore,
  replaceDrawnItem,
  replayEvents,
  selectStratified,
  stratumKey,
} from '../../shared/draw/selection';

const DEPTS = ['市场监管局', '交通运输局', '生态环境局', '城管局'];
const SIZES = [120, 60, 15, 4];
const population = DEPTS.flatMap((d, k) =>
  Array.from({ length: SIZES[k]! }, (_, i) => ({ itemId: `${d}|罚〔2024〕${i + 1}号`, stratum: d })),
);
const quotas = [
  { key: '市场监管局', quota: 6 },
  { key: '交通运输局', quota: 3 },
  { key: '生态环境局', quota: 1 },
  { key: '城管局', quota: 1 },
];
const SEED = '31415926535897932384';
const stratumOrder = (s: string): string[] =>
  drawSample(
    population.filter((p) => p.stratum === s).map((p) => p.itemId),
    SEED,
  ).map((x) => x.id);

describe('selectStratified', () => {
  const draw = selectStratified(population, SEED, quotas, 2);

  it('each stratum gets its quota: the first items of its own ticket order', () => {
    for (const q of quotas) {
      const mine = draw.drawn.filter((p) => p.stratum === q.key).map((p) => p.itemId);
      expect(mine).toEqual(stratumOrder(q.key).slice(0, q.quota));
    }
    expect(draw.drawn).toHaveLength(11);
  });

  it('spares are the next items of each stratum, in order', () => {
    for (const q of quotas) {
      const spares = draw.spares.filter((p) => p.stratum === q.key).map((p) => p.itemId);
      expect(spares).toEqual(stratumOrder(q.key).slice(q.quota, q.quota + 2));
    }
    expect(draw.initialSpares).toEqual(draw.spares);
  });

  it('drawn items are listed in ticket order with their global rank and full ticket', () => {
    const full = drawSample(
      population.map((p) => p.itemId),
      SEED,
    );
    for (const p of draw.drawn) {
      expect(full[p.rank - 1]!.id).toBe(p.itemId);
      expect(full[p.rank - 1]!.fullTicket).toBe(p.ticket);
    }
    const ranks = draw.drawn.map((p) => p.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('does not depend on the order of the population array', () => {
    const shuffled = [...population].reverse();
    const other = selectStratified(shuffled, SEED, quotas, 2);
    expect(other.drawn.map((p) => p.itemId)).toEqual(draw.drawn.map((p) => p.itemId));
    expect(other.spares.map((p) => p.itemId)).toEqual(draw.spares.map((p) => p.itemId));
  });

  it('spares are capped by what the stratum has left; a stratum taken whole has none', () => {
    const d = selectStratified(population, SEED, [...quotas.slice(0, 3), { key: '城管局', quota: 3 }], 2);
    expect(d.spares.filter((p) => p.stratum === '城管局')).toHaveLength(1);
    const whole = selectStratified(population, SEED, [...quotas.slice(0, 3), { key: '城管局', quota: 4 }], 2);
    expect(whole.spares.filter((p) => p.stratum === '城管局')).toHaveLength(0);
  });

  it('refuses a bad plan in Chinese', () => {
    expect(() => selectStratified(population, SEED, quotas.slice(1), 2)).toThrow(/层“市场监管局”有案卷/);
    expect(() =>
      selectStratified(population, SEED, [...quotas.slice(0, 3), { key: '城管局', quota: 9 }], 2),
    ).toThrow(/该层有 4 件/);
    expect(() => selectStratified(population, SEED, quotas, -1)).toThrow(SelectionError);
    const dup = [...population, { itemId: population[0]!.itemId, stratum: '城管局' }];
    expect(() => selectStratified(dup, SEED, quotas, 2)).toThrow(/案卷编号重复/);
  });
});

describe('replaceDrawnItem', () => {
  const draw = selectStratified(population, SEED, quotas, 2);
  const victim = draw.drawn.find((p) => p.stratum === '交通运输局')!;
  const [spare1, spare2] = draw.spares.filter((p) => p.stratum === '交通运输局');

  it('uses the stratum next spare and records why', () => {
    const d = replaceDrawnItem(draw, victim.itemId, '案卷无法调取');
    expect(d.drawn.map((p) => p.itemId)).not.toContain(victim.itemId);
    expect(d.drawn.map((p) => p.itemId)).toContain(spare1!.itemId);
    expect(d.spares.filter((p) => p.stratum === '交通运输局').map((p) => p.itemId)).toEqual([spare2!.itemId]);
    expect(d.events).toEqual([
      {
        kind: 'replace',
        itemId: victim.itemId,
        replacedBy: spare1!.itemId,
        stratum: '交通运输局',
        reason: '案卷无法调取',
      },
    ]);
    expect(d.drawn).toHaveLength(draw.drawn.length);
    // the original draw is unchanged (values, not mutation)
    expect(draw.drawn.map((p) => p.itemId)).toContain(victim.itemId);
  });

  it('refuses when the stratum has no spare left', () => {
    let d = replaceDrawnItem(draw, victim.itemId, '无法调取');
    d = replaceDrawnItem(d, spare1!.itemId, '也无法调取');
    const another = d.drawn.find((p) => p.stratum === '交通运输局')!;
    expect(() => replaceDrawnItem(d, another.itemId, '仍无法调取')).toThrow(/备选案卷已用完/);
  });

  it('refuses unknown or already replaced items, and an empty reason', () => {
    expect(() => replaceDrawnItem(draw, '不存在', '原因')).toThrow(/不在当前抽中的案卷中/);
    const d = replaceDrawnItem(draw, victim.itemId, '无法调取');
    expect(() => replaceDrawnItem(d, victim.itemId, '原因')).toThrow(/已经被替换过/);
    expect(() => replaceDrawnItem(draw, victim.itemId, ' ')).toThrow(/替换原因/);
  });
});

describe('drawMore', () => {
  const draw = selectStratified(population, SEED, quotas, 2);
  it('takes the next items of the stratum order (former spares first); spares shift after them', () => {
    const d = drawMore(draw, [{ key: '市场监管局', count: 3 }], '扩大样本');
    const order = stratumOrder('市场监管局');
    expect(d.drawn.filter((p) => p.stratum === '市场监管局').map((p) => p.itemId)).toEqual(order.slice(0, 9));
    expect(d.spares.filter((p) => p.stratum === '市场监管局').map((p) => p.itemId)).toEqual(
      order.slice(9, 11),
    );
    expect(d.events).toEqual([
      { kind: 'more', stratum: '市场监管局', count: 3, itemIds: order.slice(6, 9), reason: '扩大样本' },
    ]);
  });
  it('equals a draw made with the larger quota from the start', () => {
    const more = drawMore(draw, [{ key: '生态环境局', count: 2 }]);
    const direct = selectStratified(
      population,
      SEED,
      quotas.map((q) => (q.key === '生态环境局' ? { ...q, quota: 3 } : q)),
      2,
    );
    expect(more.drawn).toEqual(direct.drawn);
    expect(more.spares).toEqual(direct.spares);
  });
  it('after a replacement, draw more continues after the used spare', () => {
    const victim = draw.drawn.find((p) => p.stratum === '生态环境局')!;
    let d = replaceDrawnItem(draw, victim.itemId, '无法调取');
    d = drawMore(d, [{ key: '生态环境局', count: 1 }]);
    const order = stratumOrder('生态环境局');
    // L: [0]=drawn (replaced), [1]=replacement, [2]=draw more, spares left 1 -> [3]
    expect(d.drawn.filter((p) => p.stratum === '生态环境局').map((p) => p.itemId)).toEqual(order.slice(1, 3));
    expect(d.spares.filter((p) => p.stratum === '生态环境局').map((p) => p.itemId)).toEqual([order[3]]);
  });
  it('refuses more than the stratum has left or an unknown stratum', () => {
    expect(() => drawMore(draw, [{ key: '城管局', count: 4 }])).toThrow(/只剩 3 件/);
    expect(() => drawMore(draw, [{ key: '无此局', count: 1 }])).toThrow(/没有名为“无此局”的层/);
    expect(() => drawMore(draw, [{ key: '城管局', count: 0 }])).toThrow(/正整数/);
  });
  it('replaying the events reproduces the same state', () => {
    const victim = draw.drawn[0]!;
    let d = drawMore(draw, [{ key: '交通运输局', count: 2 }], '追加');
    d = replaceDrawnItem(d, victim.itemId, '缺失');
    const fresh = selectStratified(population, SEED, quotas, 2);
    const replayed = replayEvents(fresh, d.events);
    expect(replayed.drawn).toEqual(d.drawn);
    expect(replayed.spares).toEqual(d.spares);
    expect(replayed.events).toEqual(d.events);
  });
});

describe('stratumKey', () => {
  it('department, or department × case type', () => {
    expect(stratumKey('市场监管局', '行政处罚', false)).toBe('市场监管局');
    expect(stratumKey('市场监管局', '行政处罚', true)).toBe('市场监管局 × 行政处罚');
  });
});
