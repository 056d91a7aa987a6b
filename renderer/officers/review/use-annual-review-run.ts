import { useMemo, useState } from 'react';
import { App } from 'antd';
import type { CaseIndex } from '@shared/cases/case-index';
import {
  examPassIndex,
  runAnnualReview,
  type EnforcementActRef,
  type ReviewContext,
} from '@shared/officers/annual-review';
import { examPassed } from '@shared/officers/exams';
import { yearlyTrainingHours } from '@shared/officers/training';
import { isIsoDate } from '@shared/officers/dates';
import { officerStore } from '../../db/hooks/officers';
import { useCaseIndex } from '../../ledgers/case-index-context';
import { toReviewRules } from '../officer-settings';
import { useOfficersSettings, useOperator } from '../officers-context';

/** The enforcement acts of the ledger rows (承办人 / 执法证号, 结案日期 or else 立案日期). */
function ledgerActs(index: CaseIndex): EnforcementActRef[] {
  const acts: EnforcementActRef[] = [];
  // read row by row from the index's buffers: no whole column of strings kept afterwards
  const officers = index.textColumn('officer');
  const certs = index.textColumn('certNo');
  const closed = index.textColumn('closedDate');
  const filed = index.textColumn('filedDate');
  for (let i = 0; i < index.size; i++) {
    const date = closed.at(i) ?? filed.at(i);
    const officer = officers.text(i);
    const cert = certs.text(i);
    if (!date || (!officer && !cert)) continue;
    acts.push({
      officerName: officer,
      certNo: cert || undefined,
      department: index.departmentAt(i),
      date,
    });
  }
  return acts;
}

/** 运行年审规则 for a year: gathers the year's training, exams, case-file grades and (optionally) ledger acts. */
export function useAnnualReviewRun(year: number, reviewDate: string, useLedgerActs: boolean) {
  const { message } = App.useApp();
  const { index, version } = useCaseIndex();
  const [settings] = useOfficersSettings();
  const operator = useOperator();
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState<number | null>(null);

  /** The handling officers of a case file, from its ledger row (承办人 / 执法证号). */
  const handlersLookup = useMemo(() => {
    return (itemId: string) => {
      const i = index.indexOfItemId(itemId);
      if (i < 0) return null;
      const r = index.row(i);
      return { officer: r.officer, certNo: r.certNo };
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
  }, [index, version]);

  async function run() {
    if (!isIsoDate(reviewDate)) {
      message.error('年审日期格式应为 YYYY-MM-DD');
      return;
    }
    setRunning(true);
    try {
      const t0 = performance.now();
      const { officers, sessions, attendance, sittings, candidates } =
        await officerStore.annualReviewInputs(year);
      const yearSittings = new Map(
        sittings.filter((s) => s.date?.startsWith(`${year}-`)).map((s) => [s.id, s]),
      );
      const yearCandidates = candidates.filter((c) => yearSittings.has(c.sittingId));
      const context: ReviewContext = {
        year,
        reviewDate,
        trainingHours: sessions.length > 0 ? yearlyTrainingHours(sessions, attendance, year) : undefined,
        examPassed:
          yearCandidates.length > 0
            ? examPassIndex(
                yearCandidates.map((c) => ({
                  idNumber: c.idNumber,
                  passed: examPassed(c, yearSittings.get(c.sittingId)?.passMark ?? settings.passMark),
                })),
              )
            : undefined,
        caseFileGrades: await officerStore.campaignGradesForYear(year, handlersLookup),
        enforcementActs: useLedgerActs && index.size > 0 ? ledgerActs(index) : undefined,
      };
      // A registry without a last-act date knows nothing about acts: say "not evaluated", not "none".
      const input = officers.map((o) =>
        o.lastEnforcementActDate === null ? { ...o, lastEnforcementActDate: undefined } : o,
      );
      const result = runAnnualReview(input, context, toReviewRules(settings));
      await officerStore.saveReviewRun(result, operator.label);
      setElapsed(performance.now() - t0);
      message.success(`${year}年度年审规则已运行：参审 ${result.proposals.length} 个证件`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  }

  return { run, running, elapsed, ledgerEmpty: index.size === 0 };
}
