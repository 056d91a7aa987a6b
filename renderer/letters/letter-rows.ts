import { useMemo } from 'react';
import { sortByPinyin } from '@shared/util/pinyin-sort';
import type { OfficialDocument } from '@shared/documents/layout-model';
import { withLogCode, type LogCodeLine } from '@shared/documents/log-code-line';
import {
  buildRectificationLetter,
  letterFactsFor,
  type LetterFacts,
} from '@shared/letters/rectification-letter';
import type { LetterSettings } from '@shared/letters/letter-settings';
import type { LetterRecord } from '../db/letters-repository';
import type { CampaignResultData, ComputedResults } from '../results/use-campaign-results';

/** One unit of the letters list: its facts (while it has problems to rectify) and its stored letter. */
export interface LetterRow {
  department: string;
  letter: LetterRecord | null;
  facts: LetterFacts | undefined;
}

/** The document of a letter: as issued, or the draft rebuilt from the current results and edits. */
export function letterDocument(
  row: LetterRow,
  settings: LetterSettings,
  today: string,
  codes?: ReadonlyMap<string, LogCodeLine>,
): OfficialDocument {
  if (row.letter?.issuedDocument)
    return withLogCode(row.letter.issuedDocument, codes?.get(row.letter.id), settings.logCodePlacement);
  if (!row.facts) throw new Error(`“${row.department}”已没有需整改的问题（评查结果已变化）。`);
  return buildRectificationLetter(
    row.facts,
    settings,
    { docNumber: null, issueDate: today },
    row.letter?.edits ?? {},
  );
}

/**
 * The letter facts of each unit with problems, and the rows of the list: those units, then units whose stored
 * letter outlived their problems (results changed after it was drafted or issued), in pinyin order.
 */
export function useLetterRows(
  data: CampaignResultData | null | undefined,
  computed: ComputedResults | null,
  letters: readonly LetterRecord[] | undefined,
) {
  const facts = useMemo(() => {
    if (!computed || !data) return [];
    const c = data.campaign;
    return letterFactsFor(
      { id: c.id, name: c.name, year: c.year },
      computed.results,
      computed.basis,
      computed.drawnByDepartment,
      computed.pageLabel,
    );
  }, [computed, data]);

  const rows: LetterRow[] = useMemo(() => {
    const byDept = new Map(facts.map((f) => [f.department.department, f]));
    const out: LetterRow[] = facts.map((f) => ({
      department: f.department.department,
      facts: f,
      letter: letters?.find((l) => l.department === f.department.department) ?? null,
    }));
    for (const l of letters ?? []) {
      if (!byDept.has(l.department)) out.push({ department: l.department, facts: undefined, letter: l });
    }
    // A list to look a unit up in: pinyin order, as everywhere else.
    return sortByPinyin(out, (r) => r.department);
  }, [facts, letters]);

  return { facts, rows };
}
