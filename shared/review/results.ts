// Campaign results (评查结果): per file, per department (mean, grade, rank) and the campaign
// (grade distribution, most frequent problems, 三项制度 compliance). Pure and integer-exact.

import { withSheetPins } from '../case-files/sheet-pins';
import {
  DEFAULT_BANDS,
  ITEM_GROUPS,
  THREE_SYSTEMS_TAGS,
  type GradeBand,
  type ItemGroup,
  type ReviewStandard,
  type ThreeSystemsTag,
  type VetoKind,
} from '../standards/standard-model';
import {
  departmentResult,
  rankByMean,
  scoreCaseFile,
  type AppliedVeto,
  type CaseFileScore,
  type DepartmentResult,
  type ProblemEntry,
  type ScoreSheet,
} from './scoring-engine';

export interface ReviewedFileInput {
  itemId: string;
  department: string;
  caseNo?: string;
  caseType?: string;
  standard: ReviewStandard;
  /** The final (reconciled) sheet. */
  sheet: ScoreSheet;
  /** Pass when already computed to skip re-scoring. */
  score?: CaseFileScore;
}

export interface FileResult {
  itemId: string;
  department: string;
  caseNo?: string;
  caseType?: string;
  standardId: string;
  totalHalfPoints: number;
  total: number;
  grade: string;
  failed: boolean;
  capped: boolean;
  /**
   * The score this file contributes to department and campaign means: its total, held inside the
   * band of its own grade. A file that a cap veto keeps out of 优秀 counts with the highest score
   * of the band it was given (98 -> 89.5), so no mean is graded above what its files are.
   */
  countedHalfPoints: number;
  vetoes: AppliedVeto[];
  problems: ProblemEntry[];
}

export interface DepartmentRow extends DepartmentResult {
  department: string;
  rank: number;
  /** Files per grade (file grades, vetoes included). */
  gradeCounts: Record<string, number>;
  /** Number of deduction entries + vetoes recorded for the department's files. */
  problemCount: number;
}

export interface ItemProblemStat {
  standardId: string;
  itemId: string;
  title: string;
  /** The item's 问题表述 (the standard's wording of the problem), when the standard gives one. */
  problemWording?: string;
  categoryName: string;
  group: ItemGroup;
  /** Files with at least one deduction on this item. */
  fileCount: number;
  /** Sum of occurrence counts. */
  occurrences: number;
  deductedHalfPoints: number;
  /** Up to 3 problem descriptions, first seen first. */
  examples: string[];
}

export interface GroupProblemStat {
  group: ItemGroup;
  fileCount: number;
  occurrences: number;
  deductedHalfPoints: number;
}

export interface VetoStat {
  vetoId: string;
  text: string;
  kind: VetoKind;
  fileCount: number;
}

export interface ThreeSystemsRate {
  tag: ThreeSystemsTag;
  /** Files whose standard has at least one item tagged with this checkpoint. */
  applicableFiles: number;
  /** Of those, files without any deduction on the tagged items. */
  compliantFiles: number;
  /** compliant / applicable in tenths of a percent, rounded half up (e.g. 875 = 87.5%); null when none apply. */
  permille: number | null;
  /** e.g. '87.5%' or '—'. */
  rateText: string;
}

export interface CampaignResults {
  fileCount: number;
  files: FileResult[];
  departments: DepartmentRow[];
  /** Mean of all files, graded with the campaign bands. */
  overall: DepartmentResult;
  /** Band order from the highest grade down. */
  gradeDistribution: { grade: string; count: number }[];
  problemsByItem: ItemProblemStat[];
  problemsByGroup: GroupProblemStat[];
  vetoStats: VetoStat[];
  threeSystems: ThreeSystemsRate[];
  /** E.g. a file scored on a standard whose total differs from the campaign bands. */
  warnings: string[];
}

export interface CampaignResultOptions {
  /** Bands for department / overall grades. Defaults to the standard 优秀/合格/不合格 on 100 points. */
  bands?: readonly GradeBand[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildCampaignResults(
  input: readonly ReviewedFileInput[],
  options: CampaignResultOptions = {},
): CampaignResults {
  const bands = options.bands ?? DEFAULT_BANDS;
  const bandTop = bands[bands.length - 1]?.maxHalfPoints ?? 200;
  const warnings: string[] = [];
  const files: FileResult[] = [];
  const warnedStandards = new Set<string>();

  const deptFiles = new Map<string, FileResult[]>();
  const itemStats = new Map<string, ItemProblemStat>();
  const groupStats = new Map<ItemGroup, GroupProblemStat>(
    ITEM_GROUPS.map((g) => [g, { group: g, fileCount: 0, occurrences: 0, deductedHalfPoints: 0 }]),
  );
  const vetoStats = new Map<string, VetoStat>();
  const tagApplicable = new Map<ThreeSystemsTag, number>(THREE_SYSTEMS_TAGS.map((t) => [t, 0]));
  const tagCompliant = new Map<ThreeSystemsTag, number>(THREE_SYSTEMS_TAGS.map((t) => [t, 0]));
  const standardTags = new Map<ReviewStandard, Set<ThreeSystemsTag>>();

  for (const f of input) {
    // A stored score keeps the pins of its sheet's deductions (letters cite their pages).
    const score = f.score ? withSheetPins(f.score, f.sheet) : scoreCaseFile(f.standard, f.sheet);
    if (f.standard.totalHalfPoints !== bandTop && !warnedStandards.has(f.standard.id)) {
      warnedStandards.add(f.standard.id);
      warnings.push(
        `标准“${f.standard.name}”总分为 ${f.standard.totalHalfPoints / 2} 分，与部门等次所用的 ${bandTop / 2} 分制不一致，部门平均分可能不可比`,
      );
    }
    if (!score.valid)
      warnings.push(
        `案卷 ${f.caseNo ?? f.itemId}（${f.department}）的评分表有未解决的问题：${score.errors[0]?.message ?? ''}`,
      );
    const fr: FileResult = {
      itemId: f.itemId,
      department: f.department,
      ...(f.caseNo !== undefined ? { caseNo: f.caseNo } : {}),
      ...(f.caseType !== undefined ? { caseType: f.caseType } : {}),
      standardId: f.standard.id,
      totalHalfPoints: score.totalHalfPoints,
      total: score.total,
      grade: score.grade,
      failed: score.failed,
      capped: score.capped,
      countedHalfPoints: score.capped
        ? countedHalfPoints(score.totalHalfPoints, score.grade, bands)
        : score.totalHalfPoints,
      vetoes: score.vetoes,
      problems: score.problems,
    };
    files.push(fr);
    const list = deptFiles.get(f.department);
    if (list) list.push(fr);
    else deptFiles.set(f.department, [fr]);

    // Problems by item and by group (a file counts once per item / group).
    const groupsHit = new Set<ItemGroup>();
    const itemsHit = new Set<string>();
    for (const p of score.problems) {
      const key = `${f.standard.id}\u0000${p.itemId}`;
      let st = itemStats.get(key);
      if (!st) {
        const wording = f.standard.categories
          .flatMap((c) => c.items)
          .find((it) => it.id === p.itemId)?.problemWording;
        st = {
          standardId: f.standard.id,
          itemId: p.itemId,
          title: p.itemTitle,
          ...(wording?.trim() ? { problemWording: wording.trim() } : {}),
          categoryName: p.categoryName,
          group: p.group,
          fileCount: 0,
          occurrences: 0,
          deductedHalfPoints: 0,
          examples: [],
        };
        itemStats.set(key, st);
      }
      if (!itemsHit.has(key)) {
        itemsHit.add(key);
        st.fileCount++;
      }
      st.occurrences += p.count;
      st.deductedHalfPoints += p.amountHalfPoints;
      if (st.examples.length < 3 && p.problem) st.examples.push(p.problem);
      const g = groupStats.get(p.group)!;
      if (!groupsHit.has(p.group)) {
        groupsHit.add(p.group);
        g.fileCount++;
      }
      g.occurrences += p.count;
      g.deductedHalfPoints += p.amountHalfPoints;
    }
    for (const v of score.vetoes) {
      const key = `${v.kind}\u0000${v.text}`;
      const st = vetoStats.get(key);
      if (st) st.fileCount++;
      else vetoStats.set(key, { vetoId: v.vetoId, text: v.text, kind: v.kind, fileCount: 1 });
    }

    // 三项制度: applicable when the standard carries the tag; compliant when no deduction hit it.
    let tags = standardTags.get(f.standard);
    if (!tags) {
      tags = new Set();
      for (const c of f.standard.categories) for (const it of c.items) if (it.tag) tags.add(it.tag);
      standardTags.set(f.standard, tags);
    }
    for (const t of tags) {
      tagApplicable.set(t, tagApplicable.get(t)! + 1);
      if (!score.problems.some((p) => p.tag === t)) tagCompliant.set(t, tagCompliant.get(t)! + 1);
    }
  }

  const departments: DepartmentRow[] = rankByMean(
    [...deptFiles].map(([department, list]) => {
      const gradeCounts: Record<string, number> = {};
      let problemCount = 0;
      for (const f of list) {
        gradeCounts[f.grade] = (gradeCounts[f.grade] ?? 0) + 1;
        problemCount += f.problems.length + f.vetoes.length;
      }
      return { department, ...departmentResult(counted(list), bands), gradeCounts, problemCount };
    }),
    (d) => d.department,
  );

  const gradeOrder = [...bands].reverse().map((b) => b.grade);
  const gradeCount = new Map<string, number>(gradeOrder.map((g) => [g, 0]));
  for (const f of files) gradeCount.set(f.grade, (gradeCount.get(f.grade) ?? 0) + 1);

  const problemsByItem = [...itemStats.values()].sort(
    (a, b) =>
      b.fileCount - a.fileCount ||
      b.occurrences - a.occurrences ||
      b.deductedHalfPoints - a.deductedHalfPoints ||
      cmp(a.standardId, b.standardId) ||
      cmp(a.itemId, b.itemId),
  );
  const problemsByGroup = [...groupStats.values()].sort(
    (a, b) => b.fileCount - a.fileCount || b.occurrences - a.occurrences,
  );

  const threeSystems: ThreeSystemsRate[] = THREE_SYSTEMS_TAGS.map((tag) => {
    const applicable = tagApplicable.get(tag)!;
    const compliant = tagCompliant.get(tag)!;
    const permille = applicable === 0 ? null : Math.floor((compliant * 2000 + applicable) / (2 * applicable));
    return {
      tag,
      applicableFiles: applicable,
      compliantFiles: compliant,
      permille,
      rateText: permille === null ? '—' : `${Math.floor(permille / 10)}.${permille % 10}%`,
    };
  });

  return {
    fileCount: files.length,
    files,
    departments,
    overall: departmentResult(counted(files), bands),
    gradeDistribution: [...gradeCount].map(([grade, count]) => ({ grade, count })),
    problemsByItem,
    problemsByGroup,
    vetoStats: [...vetoStats.values()].sort((a, b) => b.fileCount - a.fileCount || cmp(a.text, b.text)),
    threeSystems,
    warnings,
  };
}

/** A capped file's total held inside its grade's band (campaign bands); unchanged when the grade is not one of them. */
export function countedHalfPoints(
  totalHalfPoints: number,
  grade: string,
  bands: readonly GradeBand[],
): number {
  const band = bands.find((b) => b.grade === grade);
  if (!band) return totalHalfPoints;
  const i = bands.indexOf(band);
  const upper = i < bands.length - 1 ? bands[i + 1]!.minHalfPoints - 1 : band.maxHalfPoints;
  return Math.min(Math.max(totalHalfPoints, band.minHalfPoints), upper);
}

const counted = (files: readonly FileResult[]) =>
  files.map((f) => ({ totalHalfPoints: f.countedHalfPoints }));

/** Why a file's grade is lower than its points say, in words for the results table and letters. */
export function gradeExplanation(f: FileResult): string | null {
  if (f.failed) {
    const v = f.vetoes.find((x) => x.kind === 'fail');
    return `因否决项“${v?.text ?? ''}”评为${f.grade}，按 0 分计`;
  }
  if (f.capped) {
    const v = f.vetoes.find((x) => x.kind === 'cap');
    return `得分 ${f.totalHalfPoints / 2} 分，因否决项“${v?.text ?? ''}”评为${f.grade}，计入平均分时按 ${f.countedHalfPoints / 2} 分`;
  }
  return null;
}
