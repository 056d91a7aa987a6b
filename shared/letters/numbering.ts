// 发文字号 allocation rules. A number is taken when a letter is issued: the next sequence of the
// prefix and year is one past the highest ever allocated (issued or void), so a number is never
// given twice and a gap can only come from a voided number, which stays on record.

import { formatDocNumber } from '../documents/layout-model';

export type LetterNumberStatus = 'issued' | 'void';

export interface AllocatedNumber {
  prefix: string;
  year: number;
  seq: number;
  status: LetterNumberStatus;
}

/** Store key of a number: one record per prefix, year and sequence. */
export const letterNumberId = (prefix: string, year: number, seq: number): string =>
  `${prefix.trim()}|${year}|${seq}`;

/** The sequence the next issued letter gets (1 for a new prefix or year). */
export function nextSequence(allocated: readonly AllocatedNumber[], prefix: string, year: number): number {
  const p = prefix.trim();
  let max = 0;
  for (const n of allocated) if (n.prefix === p && n.year === year && n.seq > max) max = n.seq;
  return max + 1;
}

export interface NumberAllocation {
  id: string;
  prefix: string;
  year: number;
  seq: number;
  /** '德法函〔2026〕12号' */
  docNumber: string;
}

/** Validates the prefix and year (Chinese errors from formatDocNumber) and returns the next number. */
export function allocateNumber(
  allocated: readonly AllocatedNumber[],
  prefix: string,
  year: number,
): NumberAllocation {
  const seq = nextSequence(allocated, prefix, year);
  const docNumber = formatDocNumber(prefix, year, seq);
  return { id: letterNumberId(prefix, year, seq), prefix: prefix.trim(), year, seq, docNumber };
}

export interface SequenceGap {
  prefix: string;
  year: number;
  seq: number;
}

/** Sequences below the highest one with no record at all: these would be numbers skipped silently. */
export function findSequenceGaps(allocated: readonly AllocatedNumber[]): SequenceGap[] {
  const byKey = new Map<string, { prefix: string; year: number; seqs: Set<number> }>();
  for (const n of allocated) {
    const k = `${n.prefix}|${n.year}`;
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { prefix: n.prefix, year: n.year, seqs: new Set() }));
    e.seqs.add(n.seq);
  }
  const gaps: SequenceGap[] = [];
  for (const e of byKey.values()) {
    const max = Math.max(...e.seqs);
    for (let s = 1; s < max; s++) if (!e.seqs.has(s)) gaps.push({ prefix: e.prefix, year: e.year, seq: s });
  }
  return gaps;
}

/**
 * Letters of the demo campaign get numbers of their own register, marked as demo ('示例德法函〔2026〕1号'):
 * they never take, free or reuse a number of the office's real register.
 */
export const DEMO_NUMBER_MARK = '示例';

export function demoNumberPrefix(prefix: string): string {
  const p = prefix.trim();
  return p.startsWith(DEMO_NUMBER_MARK) ? p : `${DEMO_NUMBER_MARK}${p}`;
}

export function isDemoNumberPrefix(prefix: string): boolean {
  return prefix.trim().startsWith(DEMO_NUMBER_MARK);
}
