// Reviewer assignment (分配评查人员): seeded, deterministic, conflicts excluded first (a reviewer's
// own unit and declared conflicts: 交叉评查、回避), workloads balanced. The rule is written into the
// record in Chinese so anyone can check the result; manual reassignments are appended to a log.

import { z } from 'zod';
import { sha256Hex } from '../crypto/sha256';

export const REVIEWER_ROLES = ['机关工作人员', '律师', '检察官', '专家', '其他'] as const;

export interface Reviewer {
  id: string;
  name: string;
  /** The reviewer's own unit (department); never assigned files of it. */
  unit: string;
  /** 机关工作人员 / 律师 / 检察官 / 专家 ... (free text). */
  role: string;
  /** Departments the reviewer declared a conflict with (申请回避). */
  conflicts: string[];
  /** Set when the reviewer joined through a manual reassignment after the seeded draw. */
  addedLater?: boolean;
}

export interface AssignmentFile {
  itemId: string;
  department: string;
  /** Case number, for messages. */
  caseNo?: string;
}

export interface AssignmentEntry {
  itemId: string;
  reviewerIds: string[];
}

export interface ReassignmentLogEntry {
  at: string;
  by: string;
  itemId: string;
  fromReviewerId: string;
  toReviewerId: string;
  reason: string;
}

export const ASSIGNMENT_RECORD_KIND = 'pingcha-reviewer-assignment';

/** The published rule, written into every record (it describes exactly what assignReviewers does). */
export const ASSIGNMENT_RULE_TEXT = [
  '评查人员分配规则（第 1 版）',
  '一、回避：评查人员不评查本单位的案卷，也不评查其声明回避的部门的案卷（部门名称去除空格、统一全角半角后比较）。',
  '二、散列：H = SHA-256(种子)，以 UTF-8 编码计算，结果写作 64 位小写十六进制；案卷键 = SHA-256(H + "assign:" + 案卷编号)；人员键 = SHA-256(H + "assign:reviewer:" + 评查人员编号)。键按字符串逐字符比较大小。全体评查人员按人员键从小到大排成一圈；每个案卷的起点 = 案卷键前 8 位十六进制数除以人数的余数（从 0 起算），从起点开始沿圈依次排列，即为该案卷的人员顺序。',
  '三、顺序：可用评查人员少的案卷先分配；可用人数相同的，按案卷键从小到大。',
  '四、选择：每个案卷依次选出规定人数（1 或 2 名，互不相同）的评查人员，每次选当前已分配案卷最少的可用人员；件数相同的，选在该案卷人员顺序中靠前者。',
  '五、均衡：分配完成后，若某人比另一人多 2 件及以上，且可通过一串符合回避规则的案卷调换把 1 件从多者转到少者，则调换；按件数从多到少、人员编号从小到大依次寻找，逐人按案卷键顺序及各案卷的人员顺序广度优先查找，直至无法再改进。可行时各人件数之差不超过 1。',
  '六、同样的种子、案卷名单和评查人员名单，总得到同样的分配结果；任何人可用本软件或按上述规则复核。',
].join('\n');

const reviewerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().min(1),
  role: z.string(),
  conflicts: z.array(z.string()),
  addedLater: z.boolean().optional(),
});

export const assignmentRecordSchema = z.object({
  kind: z.literal(ASSIGNMENT_RECORD_KIND),
  formatVersion: z.literal(1),
  seed: z.string().min(1),
  seedHash: z.string().regex(/^[0-9a-f]{64}$/),
  rule: z.string().min(1),
  perFile: z.union([z.literal(1), z.literal(2)]),
  reviewers: z.array(reviewerSchema),
  files: z.array(
    z.object({ itemId: z.string().min(1), department: z.string(), caseNo: z.string().optional() }),
  ),
  /** The seeded result, never modified. */
  initialResult: z.array(z.object({ itemId: z.string(), reviewerIds: z.array(z.string()) })),
  /** The current result (initialResult plus the logged reassignments). */
  result: z.array(z.object({ itemId: z.string(), reviewerIds: z.array(z.string()) })),
  createdAt: z.string(),
  createdBy: z.string(),
  log: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      itemId: z.string(),
      fromReviewerId: z.string(),
      toReviewerId: z.string(),
      reason: z.string().min(1),
    }),
  ),
});

export type AssignmentRecord = z.infer<typeof assignmentRecordSchema>;

export interface AssignInput {
  files: readonly AssignmentFile[];
  reviewers: readonly Reviewer[];
  perFile: 1 | 2;
  seed: string;
  createdBy?: string;
  createdAt?: string;
}

export type AssignResult = { ok: true; record: AssignmentRecord } | { ok: false; errors: string[] };

/** Department names compared after NFKC and without spaces (全角/半角, stray spaces in ledgers). */
export function normalizeDepartment(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

export type Ineligibility = 'own-unit' | 'conflict';

/** Why a reviewer may not review a file of `department`, or null when they may. */
export function ineligibility(reviewer: Reviewer, department: string): Ineligibility | null {
  const d = normalizeDepartment(department);
  if (normalizeDepartment(reviewer.unit) === d) return 'own-unit';
  if (reviewer.conflicts.some((c) => normalizeDepartment(c) === d)) return 'conflict';
  return null;
}

function fileLabel(f: AssignmentFile): string {
  return `案卷 ${f.caseNo || f.itemId}（${f.department}）`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Seeded, deterministic assignment; see ASSIGNMENT_RULE_TEXT. */
export function assignReviewers(input: AssignInput): AssignResult {
  const { files, reviewers, perFile, seed } = input;
  const errors: string[] = [];
  if (perFile !== 1 && perFile !== 2) errors.push(`每卷评查人数须为 1 或 2，现为 ${String(perFile)}`);
  if (!seed || !seed.trim()) errors.push('分配种子不能为空（请填写公开的随机种子）');
  if (files.length === 0) errors.push('没有需要分配的案卷');
  if (reviewers.length === 0) errors.push('评查人员名单为空，请先添加评查人员');
  const rIds = new Set<string>();
  reviewers.forEach((r, i) => {
    if (!r.id) errors.push(`第 ${i + 1} 名评查人员缺少编号`);
    else if (rIds.has(r.id)) errors.push(`评查人员编号“${r.id}”重复（${r.name}）`);
    rIds.add(r.id);
    if (!r.name || !r.name.trim()) errors.push(`第 ${i + 1} 名评查人员缺少姓名`);
    if (!r.unit || !r.unit.trim()) errors.push(`评查人员“${r.name || r.id}”缺少所在单位，无法判断回避`);
  });
  const fIds = new Set<string>();
  for (const f of files) {
    if (!f.itemId) errors.push('有案卷缺少编号');
    else if (fIds.has(f.itemId)) errors.push(`${fileLabel(f)}在名单中重复出现`);
    fIds.add(f.itemId);
  }
  if (errors.length) return { ok: false, errors };

  // Eligibility per file, with the reason when there are too few.
  const eligible = new Map<string, Reviewer[]>();
  for (const f of files) {
    const ok: Reviewer[] = [];
    let own = 0;
    let conflict = 0;
    for (const r of reviewers) {
      const why = ineligibility(r, f.department);
      if (why === 'own-unit') own++;
      else if (why === 'conflict') conflict++;
      else ok.push(r);
    }
    if (ok.length < perFile) {
      const why: string[] = [];
      if (own) why.push(`${own} 名来自本部门`);
      if (conflict) why.push(`${conflict} 名声明回避`);
      const detail = `${reviewers.length} 名评查人员中 ${why.join('，')}`;
      errors.push(
        ok.length === 0
          ? `${fileLabel(f)}无可用评查人员：${detail}`
          : `${fileLabel(f)}需要 ${perFile} 名评查人员，仅有 ${ok.length} 名可用：${detail}`,
      );
    }
    eligible.set(f.itemId, ok);
  }
  if (errors.length) return { ok: false, errors };

  const seedHash = sha256Hex(seed);
  const fileKey = new Map<string, string>();
  for (const f of files) fileKey.set(f.itemId, sha256Hex(`${seedHash}assign:${f.itemId}`));
  // One hash per reviewer and per file (not per pair: hashing is the cost here): reviewers sit on a
  // ring ordered by reviewer key, and each file starts its tie-break walk at a seeded offset.
  const ring = reviewers
    .map((r) => ({ r, key: sha256Hex(`${seedHash}assign:reviewer:${r.id}`) }))
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.r.id, b.r.id));
  const ringIndex = new Map<string, number>(ring.map((e, i) => [e.r.id, i]));
  const n = ring.length;
  for (const f of files) {
    const offset = parseInt(fileKey.get(f.itemId)!.slice(0, 8), 16) % n;
    const rank = (r: Reviewer) => (ringIndex.get(r.id)! - offset + n) % n;
    eligible.get(f.itemId)!.sort((a, b) => rank(a) - rank(b));
  }

  const order = [...files].sort(
    (a, b) =>
      eligible.get(a.itemId)!.length - eligible.get(b.itemId)!.length ||
      cmp(fileKey.get(a.itemId)!, fileKey.get(b.itemId)!),
  );

  const load = new Map<string, number>(reviewers.map((r) => [r.id, 0]));
  const assigned = new Map<string, string[]>();
  for (const f of order) {
    const chosen: string[] = [];
    for (let slot = 0; slot < perFile; slot++) {
      let best: Reviewer | undefined;
      for (const r of eligible.get(f.itemId)!) {
        if (chosen.includes(r.id)) continue;
        // Strictly fewer only: the list is in this file's ring order, so the first of equals wins.
        if (!best || load.get(r.id)! < load.get(best.id)!) best = r;
      }
      chosen.push(best!.id);
      load.set(best!.id, load.get(best!.id)! + 1);
    }
    assigned.set(f.itemId, chosen);
  }

  balance(files, reviewers, eligible, assigned, load, fileKey);

  const result = files.map((f) => ({ itemId: f.itemId, reviewerIds: [...assigned.get(f.itemId)!] }));
  const record: AssignmentRecord = {
    kind: ASSIGNMENT_RECORD_KIND,
    formatVersion: 1,
    seed,
    seedHash,
    rule: ASSIGNMENT_RULE_TEXT,
    perFile,
    reviewers: reviewers.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      role: r.role,
      conflicts: [...r.conflicts],
    })),
    files: files.map((f) => ({
      itemId: f.itemId,
      department: f.department,
      ...(f.caseNo !== undefined ? { caseNo: f.caseNo } : {}),
    })),
    initialResult: result,
    result: result.map((e) => ({ itemId: e.itemId, reviewerIds: [...e.reviewerIds] })),
    createdAt: input.createdAt ?? new Date().toISOString(),
    createdBy: input.createdBy ?? '',
    log: [],
  };
  return { ok: true, record };
}

/**
 * Move files along chains of conflict-free transfers from a reviewer with more work to one with at
 * least 2 fewer, until no such chain exists. Each transfer lowers the sum of squared loads, so it ends;
 * at the end no reviewer can hand work to a reviewer 2 or more below it, which is as balanced as the
 * conflicts allow (max - min <= 1 whenever that is achievable).
 */
function balance(
  files: readonly AssignmentFile[],
  reviewers: readonly Reviewer[],
  eligible: Map<string, Reviewer[]>,
  assigned: Map<string, string[]>,
  load: Map<string, number>,
  fileKey: Map<string, string>,
): void {
  const filesOrdered = [...files].sort((a, b) => cmp(fileKey.get(a.itemId)!, fileKey.get(b.itemId)!));
  for (;;) {
    const sources = [...reviewers].sort((a, b) => load.get(b.id)! - load.get(a.id)! || cmp(a.id, b.id));
    const minLoad = Math.min(...reviewers.map((r) => load.get(r.id)!));
    let moved = false;
    for (const src of sources) {
      const srcLoad = load.get(src.id)!;
      if (srcLoad - minLoad < 2) break;
      const path = findTransferPath(src.id, srcLoad, filesOrdered, eligible, assigned, load);
      if (path) {
        for (const step of path) {
          const list = assigned.get(step.itemId)!;
          list[list.indexOf(step.from)] = step.to;
        }
        load.set(src.id, srcLoad - 1);
        const last = path[path.length - 1]!;
        load.set(last.to, load.get(last.to)! + 1);
        moved = true;
        break;
      }
    }
    if (!moved) return;
  }
}

interface TransferStep {
  itemId: string;
  from: string;
  to: string;
}

function findTransferPath(
  srcId: string,
  srcLoad: number,
  filesOrdered: readonly AssignmentFile[],
  eligible: Map<string, Reviewer[]>,
  assigned: Map<string, string[]>,
  load: Map<string, number>,
): TransferStep[] | null {
  // Files held by each reviewer, in file-key order.
  const held = new Map<string, string[]>();
  for (const f of filesOrdered)
    for (const r of assigned.get(f.itemId)!) {
      const l = held.get(r);
      if (l) l.push(f.itemId);
      else held.set(r, [f.itemId]);
    }
  const prev = new Map<string, TransferStep>();
  const visited = new Set<string>([srcId]);
  const queue: string[] = [srcId];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const itemId of held.get(cur) ?? []) {
      const on = assigned.get(itemId)!;
      for (const r of eligible.get(itemId)!) {
        if (visited.has(r.id) || on.includes(r.id)) continue;
        visited.add(r.id);
        prev.set(r.id, { itemId, from: cur, to: r.id });
        if (load.get(r.id)! <= srcLoad - 2) {
          const path: TransferStep[] = [];
          let node = r.id;
          while (node !== srcId) {
            const step = prev.get(node)!;
            path.unshift(step);
            node = step.from;
          }
          // A file may appear twice in a chain (its two reviewers each hand it on); the receivers
          // are distinct BFS nodes, so it still ends with two different reviewers.
          return path;
        }
        queue.push(r.id);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Record helpers

/** Files per reviewer in the current result, panel order. */
export function workloads(record: AssignmentRecord): { reviewerId: string; name: string; count: number }[] {
  const count = new Map<string, number>(record.reviewers.map((r) => [r.id, 0]));
  for (const e of record.result) for (const id of e.reviewerIds) count.set(id, (count.get(id) ?? 0) + 1);
  return record.reviewers.map((r) => ({ reviewerId: r.id, name: r.name, count: count.get(r.id) ?? 0 }));
}

export type ReassignResult = { ok: true; record: AssignmentRecord } | { ok: false; error: string };

/**
 * Manual reassignment: replace `fromReviewerId` on a file by another reviewer (an id from the record's
 * panel, or a new Reviewer who joins the panel). Checks conflicts, requires a reason, logs the change.
 * Returns a new record; the input is not modified.
 */
export function reassign(
  record: AssignmentRecord,
  itemId: string,
  fromReviewerId: string,
  toReviewer: string | Reviewer,
  reason: string,
  by: string,
  at: string = new Date().toISOString(),
): ReassignResult {
  const file = record.files.find((f) => f.itemId === itemId);
  if (!file) return { ok: false, error: `分配记录中没有案卷“${itemId}”` };
  const label = fileLabel(file);
  const entry = record.result.find((e) => e.itemId === itemId);
  if (!entry) return { ok: false, error: `${label}没有分配结果` };
  const fromR = record.reviewers.find((r) => r.id === fromReviewerId);
  if (!entry.reviewerIds.includes(fromReviewerId))
    return { ok: false, error: `${label}目前未分配给“${fromR?.name ?? fromReviewerId}”，无法调换` };
  if (!reason || !reason.trim()) return { ok: false, error: `调换${label}的评查人员须填写理由` };
  if (!by || !by.trim()) return { ok: false, error: '须记录调换操作人' };

  let to: Reviewer | undefined;
  let newcomer: Reviewer | undefined;
  if (typeof toReviewer === 'string') {
    to = record.reviewers.find((r) => r.id === toReviewer);
    if (!to) return { ok: false, error: `评查人员“${toReviewer}”不在本次评查人员名单中` };
  } else {
    to = record.reviewers.find((r) => r.id === toReviewer.id);
    if (!to) {
      if (!toReviewer.name?.trim() || !toReviewer.unit?.trim())
        return { ok: false, error: '新增评查人员须填写姓名和所在单位' };
      newcomer = { ...toReviewer, conflicts: [...toReviewer.conflicts], addedLater: true };
      to = newcomer;
    }
  }
  if (to.id === fromReviewerId) return { ok: false, error: '调入与调出的评查人员相同' };
  if (entry.reviewerIds.includes(to.id)) return { ok: false, error: `“${to.name}”已是${label}的评查人员` };
  const why = ineligibility(to, file.department);
  if (why === 'own-unit') return { ok: false, error: `“${to.name}”来自${to.unit}，不能评查本部门的${label}` };
  if (why === 'conflict')
    return { ok: false, error: `“${to.name}”已声明对${file.department}回避，不能评查${label}` };

  const toId = to.id;
  return {
    ok: true,
    record: {
      ...record,
      reviewers: newcomer
        ? [...record.reviewers, { ...newcomer, conflicts: [...newcomer.conflicts] }]
        : record.reviewers,
      result: record.result.map((e) =>
        e.itemId === itemId
          ? { itemId, reviewerIds: e.reviewerIds.map((id) => (id === fromReviewerId ? toId : id)) }
          : e,
      ),
      log: [
        ...record.log,
        { at, by: by.trim(), itemId, fromReviewerId, toReviewerId: toId, reason: reason.trim() },
      ],
    },
  };
}

/** Re-run the seeded assignment from the record's own inputs and compare with its initialResult. */
export function verifyAssignment(record: AssignmentRecord): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  if (sha256Hex(record.seed) !== record.seedHash) problems.push('种子的散列值与记录不符');
  const rerun = assignReviewers({
    files: record.files,
    reviewers: record.reviewers.filter((r) => !r.addedLater),
    perFile: record.perFile,
    seed: record.seed,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  });
  if (!rerun.ok) return { ok: false, problems: [...problems, ...rerun.errors] };
  const want = new Map(rerun.record.initialResult.map((e) => [e.itemId, e.reviewerIds.join(',')]));
  for (const e of record.initialResult) {
    if (want.get(e.itemId) !== e.reviewerIds.join(','))
      problems.push(`案卷 ${e.itemId} 的分配结果与按种子重新计算的结果不一致`);
  }
  if (record.initialResult.length !== want.size) problems.push('分配结果的案卷数量与案卷名单不一致');
  return { ok: problems.length === 0, problems };
}
