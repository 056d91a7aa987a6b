import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DrawRecordError,
  applyScopeFilter,
  computeDrawRecord,
  parseDrawRecord,
  populationHash,
  recordDrawMore,
  recordReplacement,
  serializeDrawRecord,
  verifyDrawRecord,
  type DrawCase,
  type DrawRecordInput,
} from '../../shared/draw/draw-record';
import { drawSample } from '../../shared/draw/sampler';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const DEPTS = ['市场监管局', '交通运输局', '生态环境局', '城管局'];
const TYPES = ['行政处罚', '行政检查'];
const cases: DrawCase[] = [];
DEPTS.forEach((d, k) => {
  for (let i = 0; i < [80, 40, 12, 3][k]!; i++) {
    const caseNo = `罚〔2024〕${i + 1}号`;
    cases.push({
      itemId: `${d}|${caseNo}`,
      caseNo,
      department: d,
      caseType: TYPES[i % 2]!,
      closedDate: `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
    });
  }
});

function input(population: readonly DrawCase[] = cases): DrawRecordInput {
  return {
    campaign: {
      id: 'c1',
      name: '第十一次行政执法案卷评查',
      year: 2024,
      period: { from: '2024-01-01', to: '2024-12-31' },
      scope: { departments: DEPTS, caseTypes: TYPES },
    },
    drawnAt: '2025-03-01T09:30:00+08:00',
    operator: '张三',
    witnesses: ['李四', '王五'],
    seed: '01382438112797316654',
    stratifyBy: 'department',
    filter: { departments: null, caseTypes: null, closedFrom: null, closedTo: null },
    sources: [
      {
        fileName: '台账.xlsx',
        sha256: 'a'.repeat(64),
        sheet: 'Sheet1',
        headerRow: 1,
        mapping: { caseNo: '案件编号', department: '执法部门', caseType: null },
        defaultDepartment: null,
        defaultCaseType: '行政处罚',
        encoding: null,
      },
    ],
    population,
    total: 12,
    sha,
  };
}

describe('computeDrawRecord', () => {
  const { record } = computeDrawRecord(input());

  it('records population, strata, quotas, drawn and spares', () => {
    expect(record.format).toBe('pingcha.draw-record');
    expect(record.population.size).toBe(135);
    expect(record.population.ids).toHaveLength(135);
    expect(record.population.sha256).toBe(sha([...cases.map((c) => c.itemId)].sort().join('\n')));
    expect(record.strata.map((s) => s.key)).toEqual([...DEPTS].sort());
    expect(record.strata.reduce((a, s) => a + s.quota, 0)).toBe(12);
    expect(record.drawn).toHaveLength(12);
    expect(record.spares.length).toBe(record.strata.reduce((a, s) => a + s.spares, 0));
    expect(record.strata.find((s) => s.key === '城管局')).toMatchObject({ size: 3, quota: 1, spares: 2 });
    expect(record.algorithm).toMatchObject({ digits: 9, withReplacement: false });
  });

  it('the drawn items follow the public ticket order of the whole population', () => {
    const order = drawSample(
      cases.map((c) => c.itemId),
      record.seed,
      { sha },
    );
    for (const d of record.drawn) {
      expect(order[d.order - 1]!.id).toBe(d.itemId);
      expect(order[d.order - 1]!.ticket).toBe(d.ticket);
    }
    const first = record.drawn[0]!;
    const c = cases.find((x) => x.itemId === first.itemId)!;
    expect(first).toMatchObject({ caseNo: c.caseNo, department: c.department, caseType: c.caseType });
  });

  it('stratifies by department × case type when asked', () => {
    const r = computeDrawRecord({ ...input(), stratifyBy: 'department×caseType' }).record;
    expect(r.strata.map((s) => s.key)).toContain('市场监管局 × 行政处罚');
    expect(r.strata).toHaveLength(8);
  });
});

describe('serialize / parse', () => {
  const { record } = computeDrawRecord(input());
  it('round trips and is stable', () => {
    const text = serializeDrawRecord(record);
    expect(text.endsWith('\n')).toBe(true);
    const back = parseDrawRecord(text);
    expect(back).toEqual(record);
    expect(serializeDrawRecord(back)).toBe(text);
    // key order does not depend on construction order
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    expect(serializeDrawRecord(shuffled)).toBe(text);
  });
  it('explains unreadable records in Chinese', () => {
    expect(() => parseDrawRecord('{oops')).toThrow(/不是有效的 JSON/);
    expect(() => parseDrawRecord('{"format":"other"}')).toThrow(/不是评查台导出的抽取记录/);
    const broken = JSON.parse(serializeDrawRecord(record));
    delete broken.seed;
    expect(() => parseDrawRecord(JSON.stringify(broken))).toThrow(DrawRecordError);
    expect(() => parseDrawRecord(JSON.stringify(broken))).toThrow(/字段“seed”/);
    broken.seed = 'x';
    broken.population.sha256 = 'XYZ';
    expect(() => parseDrawRecord(JSON.stringify(broken))).toThrow(/population\.sha256/);
  });
});

describe('verifyDrawRecord', () => {
  const { record, draw } = computeDrawRecord(input());

  it('matches the same ledgers in any row order', () => {
    expect(verifyDrawRecord(record, cases, sha)).toEqual({ ok: true });
    expect(verifyDrawRecord(record, [...cases].reverse())).toEqual({ ok: true });
  });

  it('names missing and extra case files when the population differs', () => {
    const fewer = cases.filter((c) => c.itemId !== '城管局|罚〔2024〕2号');
    const v = verifyDrawRecord(
      record,
      [...fewer, { ...cases[0]!, itemId: '市场监管局|罚〔2024〕999号' }],
      sha,
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.firstDifference).toContain('总体 SHA-256 不符');
    expect(v.firstDifference).toContain('记录中有而台账中没有的案卷：“城管局|罚〔2024〕2号”');
    expect(v.firstDifference).toContain('台账中有而记录中没有的案卷：“市场监管局|罚〔2024〕999号”');
  });

  it('names the stratum when a case file moved between strata', () => {
    // Same ids (so the population hash matches) but a department field edited in the ledger.
    const moved = cases.map((c) =>
      c.itemId === '城管局|罚〔2024〕1号' ? { ...c, department: '生态环境局' } : c,
    );
    const v = verifyDrawRecord(record, moved, sha);
    expect(v).toEqual({
      ok: false,
      firstDifference: expect.stringMatching(/层“城管局”的案卷数不同：记录 3 件，重算 2 件/),
    });
  });

  it('names the first differing drawn item when the record was edited', () => {
    const edited = structuredClone(record);
    const spare = edited.spares.find((s) => s.stratum === edited.drawn[4]!.stratum)!;
    const original = edited.drawn[4]!.itemId;
    edited.drawn[4]!.itemId = spare.itemId;
    const v = verifyDrawRecord(edited, cases, sha);
    expect(v).toEqual({
      ok: false,
      firstDifference: `第 5 个被抽中案卷不同：记录为“${spare.itemId}”，重算为“${original}”。`,
    });
    const otherSeed = { ...record, seed: '99999999999999999999' };
    const w = verifyDrawRecord(otherSeed, cases, sha);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.firstDifference).toMatch(/被抽中案卷不同|名额/);
  });

  it('detects a record whose id list no longer matches its own hash', () => {
    const edited = structuredClone(record);
    edited.population.ids[0] = '伪造|1';
    const v = verifyDrawRecord(edited, cases, sha);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstDifference).toContain('记录内部不一致');
  });

  it('detects a changed case number of a drawn item', () => {
    const edited = structuredClone(record);
    edited.drawn[0]!.caseNo = '改过的文号';
    const v = verifyDrawRecord(edited, cases, sha);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstDifference).toContain('第 1 个被抽中案卷');
  });

  it('replays replacements and extras', () => {
    const victim = record.drawn[2]!;
    let state = recordReplacement(
      record,
      draw,
      victim.itemId,
      '案卷无法调取',
      '2025-03-02T10:00:00+08:00',
      '张三',
    );
    state = recordDrawMore(
      state.record,
      state.draw,
      '交通运输局',
      2,
      '扩大样本',
      '2025-03-03T10:00:00+08:00',
      '张三',
    );
    expect(state.record.replacements[0]).toMatchObject({
      seq: 1,
      itemId: victim.itemId,
      reason: '案卷无法调取',
    });
    expect(state.record.extras[0]).toMatchObject({ seq: 2, stratum: '交通运输局', count: 2 });
    const text = serializeDrawRecord(state.record);
    expect(verifyDrawRecord(parseDrawRecord(text), cases, sha)).toEqual({ ok: true });
    const forged = structuredClone(state.record);
    forged.replacements[0]!.replacedBy = '城管局|罚〔2024〕3号';
    const v = verifyDrawRecord(forged, cases, sha);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstDifference).toContain('第 1 项操作（替换');
  });
});

describe('scope filter and hashes', () => {
  it('filters by department, case type and closed period; undated cases drop out of a period', () => {
    const withUndated = [...cases, { ...cases[0]!, itemId: 'x|1', closedDate: null }];
    const f = applyScopeFilter(withUndated, {
      departments: ['城管局', '生态环境局'],
      caseTypes: ['行政处罚'],
      closedFrom: '2024-03-01',
      closedTo: '2024-06-30',
    });
    expect(f.length).toBeGreaterThan(0);
    for (const c of f) {
      expect(['城管局', '生态环境局']).toContain(c.department);
      expect(c.caseType).toBe('行政处罚');
      expect(c.closedDate! >= '2024-03-01' && c.closedDate! <= '2024-06-30').toBe(true);
    }
    expect(
      applyScopeFilter(withUndated, { departments: null, caseTypes: null, closedFrom: null, closedTo: null }),
    ).toHaveLength(withUndated.length);
  });
  it('population hash is order independent and sorts by code point', () => {
    expect(populationHash(['b', 'a'], sha)).toBe(sha('a\nb'));
    expect(populationHash(['a', 'b'], sha)).toBe(sha('a\nb'));
    // U+FF10 (fullwidth zero) before U+1F600 in code points, although not in UTF-16 units
    expect(populationHash(['😀', '\uff10'], sha)).toBe(sha('\uff10\n😀'));
  });
});
