// Reviewed case files with realistic problems, for tests, e2e seeding and benchmarks (not real data).
// Scores come from the shared scoring engine on the default standards, exactly as the review does.

import { demoDepartments, mulberry32 } from '../demo/ledger-generator';
import { scoreCaseFile, type CaseFileScore, type ScoreSheet } from '../review/scoring-engine';
import { defaultStandards } from '../standards/default-standards';
import type { ReviewStandard } from '../standards/standard-model';

export interface SampleReviewedFile {
  itemId: string;
  department: string;
  caseNo: string;
  caseType: string;
  standard: ReviewStandard;
  sheet: ScoreSheet;
  score: CaseFileScore;
}

export interface SampleResultsOptions {
  departments?: number;
  filesPerDepartment?: number;
  seed?: number;
  year?: number;
  /** Share of files with no problem at all; default 0.15. */
  cleanShare?: number;
}

const DETAILS = ['，未在案卷中说明理由', '，经核对属实', '，承办人已签字确认', '，涉及两份文书', ''];

export function sampleReviewedFiles(options: SampleResultsOptions = {}): SampleReviewedFile[] {
  const rnd = mulberry32(options.seed ?? 2026);
  const year = options.year ?? 2026;
  const base = demoDepartments();
  const nDept = options.departments ?? 10;
  const perDept = options.filesPerDepartment ?? 4;
  const standards = defaultStandards();
  const out: SampleReviewedFile[] = [];
  for (let d = 0; d < nDept; d++) {
    const dep = base[d % base.length]!;
    const department = d < base.length ? dep.name : `${dep.name}（${Math.floor(d / base.length) + 1}）`;
    for (let i = 0; i < perDept; i++) {
      const standard = standards[Math.floor(rnd() * standards.length)]!;
      const caseType = standard.caseTypes[0]!;
      const letter =
        caseType === '行政许可'
          ? '许'
          : caseType === '行政强制'
            ? '强'
            : caseType === '行政检查'
              ? '检'
              : '罚';
      const caseNo = `德${dep.abbr}${letter}〔${year}〕${d * 100 + i + 1}号`;
      const sheet: ScoreSheet = {
        standardId: standard.id,
        standardVersion: standard.version,
        deductions: [],
        vetoes: [],
      };
      if (rnd() >= (options.cleanShare ?? 0.15)) {
        const items = standard.categories.flatMap((c) => c.items);
        const n = 1 + Math.floor(rnd() * 4);
        const used = new Set<string>();
        for (let k = 0; k < n; k++) {
          const item = items[Math.floor(rnd() * items.length)]!;
          const option = item.deductions[Math.floor(rnd() * item.deductions.length)]!;
          if (used.has(option.id)) continue;
          used.add(option.id);
          sheet.deductions.push({
            itemId: item.id,
            optionId: option.id,
            count: option.mode === 'once' ? 1 : 1 + Math.floor(rnd() * 2),
            problem: option.label + DETAILS[Math.floor(rnd() * DETAILS.length)]!,
          });
        }
        const v = rnd();
        const fail = standard.vetoes.find((x) => x.kind === 'fail');
        const cap = standard.vetoes.find((x) => x.kind === 'cap');
        if (v < 0.04 && fail) sheet.vetoes.push({ vetoId: fail.id, reason: '经复核，案卷中无相应证据材料' });
        else if (v < 0.1 && cap) sheet.vetoes.push({ vetoId: cap.id, reason: '处罚决定书未加盖印章' });
      }
      out.push({
        itemId: `${department}|${caseNo}`,
        department,
        caseNo,
        caseType,
        standard,
        sheet,
        score: scoreCaseFile(standard, sheet),
      });
    }
  }
  return out;
}
