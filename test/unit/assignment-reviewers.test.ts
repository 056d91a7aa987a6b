import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_RULE_TEXT,
  assignmentRecordSchema,
  assignReviewers,
  ineligibility,
  reassign,
  verifyAssignment,
  workloads,
  type AssignmentFile,
  type AssignmentRecord,
  type Reviewer,
} from '../../shared/assignment/assign-reviewers';

const DEPTS = ['市场监管局', '交通运输局', '城市管理局', '文广旅局', '生态环境局', '卫生健康委'];

/** Small deterministic PRNG for generating many panels. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function panel(n: number, rnd: (n: number) => number, conflictChance = 4): Reviewer[] {
  const roles = ['机关工作人员', '律师', '检察官', '专家'];
  return Array.from({ length: n }, (_, i) => ({
    id: `r${String(i).padStart(2, '0')}`,
    name: `评查员${i}`,
    unit: rnd(5) === 0 ? `律师事务所${i}` : DEPTS[rnd(DEPTS.length)]!,
    role: roles[rnd(roles.length)]!,
    conflicts: rnd(conflictChance) === 0 ? [DEPTS[rnd(DEPTS.length)]!] : [],
  }));
}

function caseFiles(n: number, rnd: (n: number) => number): AssignmentFile[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `item-${i}`,
    department: DEPTS[rnd(DEPTS.length)]!,
    caseNo: `罚字〔2025〕${i + 1}号`,
  }));
}

function loads(record: AssignmentRecord): number[] {
  return workloads(record).map((w) => w.count);
}

function spread(record: AssignmentRecord): number {
  const l = loads(record);
  return Math.max(...l) - Math.min(...l);
}

/** Brute force: the smallest achievable max - min load over all valid assignments. */
function bestSpread(files: AssignmentFile[], reviewers: Reviewer[], perFile: 1 | 2): number {
  const options = files.map((f) => {
    const ok = reviewers.filter((r) => ineligibility(r, f.department) === null).map((_, i) => i);
    const okIdx = reviewers
      .map((r, i) => (ineligibility(r, f.department) === null ? i : -1))
      .filter((i) => i >= 0);
    void ok;
    if (perFile === 1) return okIdx.map((i) => [i]);
    const pairs: number[][] = [];
    for (let a = 0; a < okIdx.length; a++)
      for (let b = a + 1; b < okIdx.length; b++) pairs.push([okIdx[a]!, okIdx[b]!]);
    return pairs;
  });
  let best = Infinity;
  const load = new Array<number>(reviewers.length).fill(0);
  const walk = (k: number) => {
    if (k === files.length) {
      best = Math.min(best, Math.max(...load) - Math.min(...load));
      return;
    }
    for (const opt of options[k]!) {
      for (const i of opt) load[i]!++;
      walk(k + 1);
      for (const i of opt) load[i]!--;
    }
  };
  walk(0);
  return best;
}

describe('assignReviewers constraints', () => {
  it('never assigns a reviewer their own unit or a declared conflict, across many seeds and panels', () => {
    let checked = 0;
    for (let t = 0; t < 150; t++) {
      const rnd = prng(1000 + t);
      const reviewers = panel(4 + rnd(10), rnd);
      const files = caseFiles(5 + rnd(60), rnd);
      const perFile = (1 + rnd(2)) as 1 | 2;
      const r = assignReviewers({ files, reviewers, perFile, seed: `种子-${t}` });
      if (!r.ok) {
        // Infeasible panels must say which file and why.
        expect(r.errors[0]).toMatch(
          /^案卷 .+（.+）(无可用评查人员|需要 2 名评查人员，仅有 1 名可用)：\d+ 名评查人员中 /,
        );
        continue;
      }
      checked++;
      const byId = new Map(reviewers.map((x) => [x.id, x]));
      for (const e of r.record.result) {
        const f = files.find((x) => x.itemId === e.itemId)!;
        expect(e.reviewerIds).toHaveLength(perFile);
        expect(new Set(e.reviewerIds).size).toBe(perFile);
        for (const id of e.reviewerIds) {
          const rev = byId.get(id)!;
          expect(rev.unit).not.toBe(f.department);
          expect(rev.conflicts).not.toContain(f.department);
        }
      }
      expect(r.record.result.map((e) => e.itemId)).toEqual(files.map((f) => f.itemId));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('compares departments after NFKC and without spaces', () => {
    const reviewers: Reviewer[] = [
      { id: 'a', name: '甲', unit: '市场 监管局', role: '机关工作人员', conflicts: [] },
      { id: 'b', name: '乙', unit: '交通运输局', role: '律师', conflicts: ['城管局（一）'] },
      { id: 'c', name: '丙', unit: '司法局', role: '专家', conflicts: [] },
    ];
    const files = [
      { itemId: 'f1', department: '市场监管局' },
      { itemId: 'f2', department: '城管局(一)' },
    ];
    for (let s = 0; s < 20; s++) {
      const r = assignReviewers({ files, reviewers, perFile: 1, seed: `s${s}` });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.record.result[0]!.reviewerIds[0]).not.toBe('a');
      expect(r.record.result[1]!.reviewerIds[0]).not.toBe('b');
    }
  });
});

describe('determinism', () => {
  const rnd = prng(7);
  const reviewers = panel(9, rnd);
  const files = caseFiles(40, rnd);

  it('same inputs give the same result; the record carries seed, hash and the Chinese rule', () => {
    const a = assignReviewers({
      files,
      reviewers,
      perFile: 2,
      seed: '2026-第十一次',
      createdAt: 't',
      createdBy: 'x',
    });
    const b = assignReviewers({
      files,
      reviewers,
      perFile: 2,
      seed: '2026-第十一次',
      createdAt: 't',
      createdBy: 'x',
    });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error(a.errors.join());
    expect(a.record.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.record.rule).toBe(ASSIGNMENT_RULE_TEXT);
    expect(a.record.rule).toContain('回避');
    expect(a.record.rule).toContain('SHA-256');
    expect(assignmentRecordSchema.safeParse(a.record).success).toBe(true);
  });

  it('a different seed gives a different assignment; input order of reviewers does not matter', () => {
    const a = assignReviewers({ files, reviewers, perFile: 2, seed: 'A' });
    const b = assignReviewers({ files, reviewers, perFile: 2, seed: 'B' });
    const c = assignReviewers({ files, reviewers: [...reviewers].reverse(), perFile: 2, seed: 'A' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('infeasible');
    expect(a.record.result).not.toEqual(b.record.result);
    expect(c.record.result).toEqual(a.record.result);
  });

  it('verifyAssignment reproduces the seeded result and detects tampering', () => {
    const a = assignReviewers({ files, reviewers, perFile: 2, seed: 'verify' });
    if (!a.ok) throw new Error();
    expect(verifyAssignment(a.record)).toEqual({ ok: true, problems: [] });
    const e0 = a.record.initialResult[0]!;
    const other = reviewers.find((r) => !e0.reviewerIds.includes(r.id))!;
    const tampered: AssignmentRecord = {
      ...a.record,
      initialResult: [
        { ...e0, reviewerIds: [other.id, e0.reviewerIds[1]!] },
        ...a.record.initialResult.slice(1),
      ],
    };
    const v = verifyAssignment(tampered);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toContain(`案卷 ${e0.itemId} 的分配结果与按种子重新计算的结果不一致`);
    expect(verifyAssignment({ ...a.record, seed: 'other' }).problems[0]).toContain('种子的散列值与记录不符');
  });
});

describe('balance', () => {
  it('max - min <= 1 when there are no declared conflicts and enough reviewers', () => {
    for (let t = 0; t < 40; t++) {
      const rnd = prng(500 + t);
      const reviewers = panel(6 + rnd(8), rnd, 1_000_000);
      const files = caseFiles(20 + rnd(100), rnd);
      const r = assignReviewers({ files, reviewers, perFile: (1 + (t % 2)) as 1 | 2, seed: `b${t}` });
      if (!r.ok) continue;
      expect(spread(r.record)).toBeLessThanOrEqual(1);
    }
  });

  it('reaches the best achievable spread (brute force on small panels)', () => {
    let compared = 0;
    for (let t = 0; t < 60; t++) {
      const rnd = prng(9000 + t);
      const perFile = (1 + (t % 2)) as 1 | 2;
      const reviewers = panel(3 + rnd(2), rnd, 2);
      const files = caseFiles(3 + rnd(perFile === 1 ? 5 : 3), rnd);
      const r = assignReviewers({ files, reviewers, perFile, seed: `bf${t}` });
      if (!r.ok) continue;
      compared++;
      expect(spread(r.record)).toBe(bestSpread(files, reviewers, perFile));
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('needs a chain of transfers: greedy alone would leave 2 vs 0', () => {
    // A can review X and Y files, B only Y, C only X ... the balancing pass must move work along a chain.
    const reviewers: Reviewer[] = [
      { id: 'A', name: 'A', unit: 'Z', role: '专家', conflicts: [] },
      { id: 'B', name: 'B', unit: 'X', role: '专家', conflicts: [] },
      { id: 'C', name: 'C', unit: 'Y', role: '专家', conflicts: [] },
    ];
    const files: AssignmentFile[] = [
      { itemId: 'x1', department: 'X' },
      { itemId: 'x2', department: 'X' },
      { itemId: 'y1', department: 'Y' },
      { itemId: 'y2', department: 'Y' },
      { itemId: 'z1', department: 'Z' },
      { itemId: 'z2', department: 'Z' },
    ];
    for (let s = 0; s < 30; s++) {
      const r = assignReviewers({ files, reviewers, perFile: 1, seed: `chain${s}` });
      if (!r.ok) throw new Error(r.errors.join());
      expect(loads(r.record)).toEqual([2, 2, 2]);
    }
  });

  it('keeps the constraints when perfect balance is impossible', () => {
    // Only C may review the 市场监管局 files.
    const reviewers: Reviewer[] = [
      { id: 'A', name: 'A', unit: '市场监管局', role: '机关工作人员', conflicts: [] },
      { id: 'B', name: 'B', unit: '交通运输局', role: '律师', conflicts: ['市场监管局'] },
      { id: 'C', name: 'C', unit: '司法局', role: '专家', conflicts: [] },
    ];
    const files = Array.from({ length: 6 }, (_, i) => ({ itemId: `m${i}`, department: '市场监管局' }));
    const r = assignReviewers({ files, reviewers, perFile: 1, seed: 'x' });
    expect(r.ok && loads(r.record)).toEqual([0, 0, 6]);
  });
});

describe('errors', () => {
  const reviewers: Reviewer[] = [
    { id: 'a', name: '张三', unit: '市场监管局', role: '机关工作人员', conflicts: [] },
    { id: 'b', name: '李四', unit: '市场监管局', role: '机关工作人员', conflicts: [] },
    { id: 'c', name: '王五', unit: '律师事务所', role: '律师', conflicts: ['市场监管局'] },
    { id: 'd', name: '赵六', unit: '交通运输局', role: '检察官', conflicts: [] },
  ];

  it('names the file and why when nobody is eligible', () => {
    const r = assignReviewers({
      files: [{ itemId: 'X', department: '市场监管局' }],
      reviewers: reviewers.slice(0, 3),
      perFile: 1,
      seed: 's',
    });
    expect(r).toEqual({
      ok: false,
      errors: ['案卷 X（市场监管局）无可用评查人员：3 名评查人员中 2 名来自本部门，1 名声明回避'],
    });
  });

  it('names the file when two are needed and one is available, using the case number', () => {
    const r = assignReviewers({
      files: [{ itemId: 'X', department: '市场监管局', caseNo: '市监罚〔2025〕8号' }],
      reviewers,
      perFile: 2,
      seed: 's',
    });
    expect(!r.ok && r.errors).toEqual([
      '案卷 市监罚〔2025〕8号（市场监管局）需要 2 名评查人员，仅有 1 名可用：4 名评查人员中 2 名来自本部门，1 名声明回避',
    ]);
  });

  it('rejects bad input with Chinese messages', () => {
    const r = assignReviewers({
      files: [
        { itemId: 'f', department: '甲' },
        { itemId: 'f', department: '甲' },
      ],
      reviewers: [reviewers[0]!, { ...reviewers[1]!, id: 'a' }, { ...reviewers[3]!, id: 'z', unit: ' ' }],
      perFile: 3 as 1,
      seed: ' ',
    });
    expect(!r.ok && r.errors).toEqual([
      '每卷评查人数须为 1 或 2，现为 3',
      '分配种子不能为空（请填写公开的随机种子）',
      '评查人员编号“a”重复（李四）',
      '评查人员“赵六”缺少所在单位，无法判断回避',
      '案卷 f（甲）在名单中重复出现',
    ]);
    const empty = assignReviewers({ files: [], reviewers: [], perFile: 1, seed: 's' });
    expect(!empty.ok && empty.errors).toEqual(['没有需要分配的案卷', '评查人员名单为空，请先添加评查人员']);
  });
});

describe('reassign', () => {
  const reviewers: Reviewer[] = [
    { id: 'a', name: '张三', unit: '市场监管局', role: '机关工作人员', conflicts: [] },
    { id: 'b', name: '李四', unit: '交通运输局', role: '律师', conflicts: [] },
    { id: 'c', name: '王五', unit: '司法局', role: '专家', conflicts: ['城管局'] },
    { id: 'd', name: '赵六', unit: '检察院', role: '检察官', conflicts: [] },
  ];
  const files = [
    { itemId: 'm1', department: '市场监管局' },
    { itemId: 'u1', department: '城管局' },
  ];
  const base = () => {
    const r = assignReviewers({
      files,
      reviewers,
      perFile: 1,
      seed: 'r',
      createdAt: 't0',
      createdBy: '法制科',
    });
    if (!r.ok) throw new Error(r.errors.join());
    return r.record;
  };

  it('moves a file to another eligible reviewer and logs who, when and why', () => {
    const rec = base();
    const from = rec.result[0]!.reviewerIds[0]!;
    const to = ['b', 'c', 'd'].find((id) => id !== from)!;
    const r = reassign(rec, 'm1', from, to, '原评查人员请假', '法制科', '2026-05-02T09:00:00Z');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.result[0]!.reviewerIds).toEqual([to]);
    expect(r.record.initialResult[0]!.reviewerIds).toEqual([from]);
    expect(r.record.log).toEqual([
      {
        at: '2026-05-02T09:00:00Z',
        by: '法制科',
        itemId: 'm1',
        fromReviewerId: from,
        toReviewerId: to,
        reason: '原评查人员请假',
      },
    ]);
    expect(rec.log).toEqual([]); // input untouched
    expect(assignmentRecordSchema.safeParse(r.record).success).toBe(true);
    expect(verifyAssignment(r.record).ok).toBe(true);
  });

  it('refuses own unit, declared conflicts, missing reason and wrong reviewers', () => {
    const rec = base();
    const fromM = rec.result[0]!.reviewerIds[0]!;
    const fromU = rec.result[1]!.reviewerIds[0]!;
    const own = reassign(rec, 'm1', fromM, 'a', '调整', '法制科');
    expect(!own.ok && own.error).toBe('“张三”来自市场监管局，不能评查本部门的案卷 m1（市场监管局）');
    if (fromU !== 'c') {
      const conflict = reassign(rec, 'u1', fromU, 'c', '调整', '法制科');
      expect(!conflict.ok && conflict.error).toBe('“王五”已声明对城管局回避，不能评查案卷 u1（城管局）');
    }
    const noReason = reassign(rec, 'm1', fromM, fromM === 'd' ? 'b' : 'd', '  ', '法制科');
    expect(!noReason.ok && noReason.error).toBe('调换案卷 m1（市场监管局）的评查人员须填写理由');
    const notOn = reassign(rec, 'm1', 'a', 'b', '调整', '法制科');
    expect(!notOn.ok && notOn.error).toContain('目前未分配给“张三”');
    const unknown = reassign(rec, 'm1', fromM, 'zz', '调整', '法制科');
    expect(!unknown.ok && unknown.error).toContain('不在本次评查人员名单中');
    const noFile = reassign(rec, 'nope', fromM, 'b', '调整', '法制科');
    expect(!noFile.ok && noFile.error).toContain('没有案卷“nope”');
  });

  it('refuses a reviewer already on the file (two-reviewer files stay distinct)', () => {
    const r = assignReviewers({ files, reviewers, perFile: 2, seed: 'two' });
    if (!r.ok) throw new Error(r.errors.join());
    const [x, y] = r.record.result[0]!.reviewerIds as [string, string];
    const res = reassign(r.record, 'm1', x, y, '调整', '法制科');
    expect(!res.ok && res.error).toContain('已是案卷 m1（市场监管局）的评查人员');
  });

  it('accepts a new panel member and keeps verification on the original panel', () => {
    const rec = base();
    const from = rec.result[1]!.reviewerIds[0]!;
    const res = reassign(
      rec,
      'u1',
      from,
      { id: 'e', name: '钱七', unit: '高校法学院', role: '专家', conflicts: [] },
      '增补专家',
      '法制科',
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.record.reviewers.at(-1)).toMatchObject({ id: 'e', addedLater: true });
    expect(workloads(res.record).find((w) => w.reviewerId === 'e')!.count).toBe(1);
    expect(verifyAssignment(res.record).ok).toBe(true);
  });
});
