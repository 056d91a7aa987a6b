// What differs between two versions of one score sheet, in words, for the merge-conflict dialog:
// "扣分项不同：「…」本机版本扣 2 分（…），结果包版本未扣；总分 92 / 94；结论不同". Pure: the
// dialog passes the standards it found for each version (null when the store lacks one).
import {
  scoreCaseFile,
  type CaseFileScore,
  type ScoreSheet,
  type SheetDeduction,
} from '../review/scoring-engine';
import { formatHalfPoints, standardItems, type ReviewStandard } from '../standards/standard-model';

export interface SheetVersionInput {
  sheet: ScoreSheet;
  status: 'draft' | 'submitted';
  standardId: string;
  standardVersion: number;
  /** The standard this version was scored under, or null when it is not in the store. */
  standard: ReviewStandard | null;
}

export interface SheetVersionDiffLabels {
  /** Name of the first version, e.g. 本机版本. */
  a: string;
  /** Name of the second version, e.g. 结果包版本. */
  b: string;
}

/** A version's score, or null when its standard is unknown or the sheet does not fit it. */
function scoreOf(v: SheetVersionInput): CaseFileScore | null {
  if (!v.standard) return null;
  const s = scoreCaseFile(v.standard, v.sheet);
  return s.errors.some((e) => e.code === 'unknown-item' || e.code === 'standard-mismatch') ? null : s;
}

function deductedHalfPoints(standard: ReviewStandard | null, list: readonly SheetDeduction[]): number | null {
  if (!standard) return null;
  let sum = 0;
  for (const d of list) {
    const item = standardItems(standard).find((x) => x.item.id === d.itemId)?.item;
    const option = item?.deductions.find((o) => o.id === d.optionId);
    if (!option) return null;
    sum += option.amountHalfPoints * (option.mode === 'once' ? 1 : d.count);
  }
  return sum;
}

function signature(list: readonly SheetDeduction[]): string {
  return list
    .map((d) => `${d.optionId}×${d.count}`)
    .sort()
    .join(',');
}

function itemTitle(standards: readonly (ReviewStandard | null)[], itemId: string): string {
  for (const s of standards) {
    const hit = s && standardItems(s).find((x) => x.item.id === itemId);
    if (hit) return `${hit.category.name}·${hit.item.title}`;
  }
  return '（标准中已无此项）';
}

function optionLabel(standard: ReviewStandard | null, d: SheetDeduction): string {
  const item = standard && standardItems(standard).find((x) => x.item.id === d.itemId)?.item;
  return item?.deductions.find((o) => o.id === d.optionId)?.label ?? '扣分';
}

function vetoText(standards: readonly (ReviewStandard | null)[], vetoId: string): string {
  for (const s of standards) {
    const v = s?.vetoes.find((x) => x.id === vetoId);
    if (v) return v.text;
  }
  return '（标准中已无此否决项）';
}

/** "扣 2 分（逾期送达 ×2：未在七日内送达）" or "未扣". */
function deductionText(standard: ReviewStandard | null, list: readonly SheetDeduction[]): string {
  if (list.length === 0) return '未扣';
  const half = deductedHalfPoints(standard, list);
  const what = list
    .map(
      (d) =>
        `${optionLabel(standard, d)}${d.count > 1 ? ` ×${d.count}` : ''}${d.problem ? `：${d.problem}` : ''}`,
    )
    .join('；');
  return `${half === null ? '扣分' : `扣 ${formatHalfPoints(half)} 分`}（${what}）`;
}

function group(sheet: ScoreSheet): Map<string, SheetDeduction[]> {
  const m = new Map<string, SheetDeduction[]>();
  for (const d of sheet.deductions) m.set(d.itemId, [...(m.get(d.itemId) ?? []), d]);
  return m;
}

/**
 * The differences between two versions of a sheet, one Chinese sentence each, most important
 * first: standard, deductions per item, vetoes, total, grade (结论), submission state, and the
 * wording of problems when that is all that differs. Empty when the versions score the same.
 */
export function describeSheetVersionDiff(
  a: SheetVersionInput,
  b: SheetVersionInput,
  labels: SheetVersionDiffLabels = { a: '本机版本', b: '结果包版本' },
): string[] {
  const lines: string[] = [];
  const both = [a.standard, b.standard];
  if (a.standardId !== b.standardId || a.standardVersion !== b.standardVersion) {
    const name = (v: SheetVersionInput) =>
      v.standard ? `“${v.standard.name}”第 ${v.standardVersion} 版` : `第 ${v.standardVersion} 版标准`;
    lines.push(`评查标准不同：${labels.a}用${name(a)}，${labels.b}用${name(b)}`);
  }
  const ga = group(a.sheet);
  const gb = group(b.sheet);
  const itemIds = [...new Set([...ga.keys(), ...gb.keys()])];
  // In the standard's order (the order of the sheet), unknown items last.
  const order = new Map(
    ((a.standard ?? b.standard) ? standardItems((a.standard ?? b.standard)!) : []).map((x, i) => [
      x.item.id,
      i,
    ]),
  );
  itemIds.sort((x, y) => (order.get(x) ?? 1e9) - (order.get(y) ?? 1e9) || (x < y ? -1 : x > y ? 1 : 0));
  let wordingOnly = 0;
  for (const id of itemIds) {
    const la = ga.get(id) ?? [];
    const lb = gb.get(id) ?? [];
    if (signature(la) === signature(lb)) {
      const pa = la.map((d) => d.problem).join('|');
      const pb = lb.map((d) => d.problem).join('|');
      if (pa !== pb) wordingOnly += 1;
      continue;
    }
    lines.push(
      `扣分项不同：「${itemTitle(both, id)}」${labels.a}${deductionText(a.standard, la)}，${labels.b}${deductionText(b.standard, lb)}`,
    );
  }
  const va = new Set(a.sheet.vetoes.map((v) => v.vetoId));
  const vb = new Set(b.sheet.vetoes.map((v) => v.vetoId));
  for (const id of [...new Set([...va, ...vb])].sort()) {
    if (va.has(id) === vb.has(id)) continue;
    const [yes, no] = va.has(id) ? [labels.a, labels.b] : [labels.b, labels.a];
    lines.push(`否决项不同：${yes}认定「${vetoText(both, id)}」，${no}未认定`);
  }
  const sa = scoreOf(a);
  const sb = scoreOf(b);
  if (sa && sb) {
    if (sa.totalHalfPoints !== sb.totalHalfPoints)
      lines.push(
        `总分 ${formatHalfPoints(sa.totalHalfPoints)} / ${formatHalfPoints(sb.totalHalfPoints)}（${labels.a} / ${labels.b}）`,
      );
    if (sa.grade !== sb.grade) lines.push(`结论不同：${labels.a}为${sa.grade}，${labels.b}为${sb.grade}`);
  }
  if (a.status !== b.status) {
    const st = (v: SheetVersionInput) => (v.status === 'submitted' ? '已提交' : '尚未提交（草稿）');
    lines.push(`提交状态不同：${labels.a}${st(a)}，${labels.b}${st(b)}`);
  }
  if (wordingOnly > 0) lines.push(`另有 ${wordingOnly} 个扣分项扣分相同，只是问题描述的文字不同`);
  return lines;
}
