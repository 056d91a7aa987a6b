// Page kind from the printed title (issue 28). A 案卷 page's title is among its first lines and printed
// larger than the body; OCR may drop, add or misread a character, so titles are matched fuzzily (edit
// distance of the title against the best-matching stretch of the line). Body text names other documents
// (a 送达回证 lists the 处罚决定书 it serves), so the tallest of the first lines is tried first.

import type { DocumentKind } from '../case-files/page-labels';

/** Printed titles per kind, as departments word them. Longer, more specific titles win ties. */
export const KIND_TITLES: readonly { kind: DocumentKind; titles: readonly string[] }[] = [
  { kind: '立案审批表', titles: ['立案审批表', '立案审批', '立案登记表'] },
  { kind: '调查询问笔录', titles: ['调查询问笔录', '询问笔录', '调查笔录'] },
  { kind: '现场检查笔录', titles: ['现场检查笔录', '现场检查勘验笔录', '勘验笔录', '现场笔录'] },
  { kind: '告知书', titles: ['行政处罚告知书', '事先告知书', '陈述申辩告知书', '告知书'] },
  { kind: '听证通知', titles: ['听证通知书', '举行听证通知书', '听证通知'] },
  { kind: '法制审核意见', titles: ['法制审核意见书', '法制审核意见表', '法制审核意见'] },
  { kind: '处罚决定书', titles: ['行政处罚决定书', '处罚决定书', '当场行政处罚决定书'] },
  { kind: '送达回证', titles: ['送达回证', '文书送达回证'] },
  { kind: '结案报告', titles: ['结案报告', '结案审批表', '行政处罚结案报告'] },
];

/** A line of OCR text with its printed height (pixels or any unit; only ratios matter). */
export interface TitleCandidate {
  text: string;
  height: number;
}

export interface PageKindGuess {
  kind: DocumentKind;
  /** 0..1: how well the best title matched (1 = exactly, character for character). */
  confidence: number;
  /** The line the title was read from (empty when none matched). */
  titleLine: string;
}

/** Only the letters of a line: CJK and alphanumerics (OCR inserts spaces and misreads punctuation). */
export function titleLetters(text: string): string {
  return text.normalize('NFKC').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
}

/** Edit distance of `pattern` to its best-matching stretch of `text` (Sellers: any start, any end). */
export function substringDistance(pattern: string, text: string): number {
  const p = [...pattern];
  const t = [...text];
  let prev = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    const cur = new Array<number>(t.length + 1);
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return Math.min(...prev);
}

/** The best kind for one line, with the similarity of its title (1 − distance / title length). */
export function matchTitle(line: string): { kind: DocumentKind; score: number; length: number } | null {
  const letters = titleLetters(line);
  if (letters.length < 2) return null;
  let best: { kind: DocumentKind; score: number; length: number } | null = null;
  for (const { kind, titles } of KIND_TITLES) {
    for (const title of titles) {
      const score = 1 - substringDistance(title, letters) / title.length;
      if (!best || score > best.score || (score === best.score && title.length > best.length)) {
        best = { kind, score, length: title.length };
      }
    }
  }
  return best;
}

const FIRST_LINES = 5;
const ACCEPT = 0.75;
const LAST_RESORT = 0.6;

/**
 * The kind of a page from its lines in reading order: the title is among the first lines; the tallest of
 * them are tried first, and a match of ≥ 75 % is taken; otherwise the best match anywhere in the first
 * lines if ≥ 60 %; otherwise 其他材料 with confidence 0.
 */
export function classifyPage(lines: readonly TitleCandidate[]): PageKindGuess {
  const first = lines.slice(0, FIRST_LINES);
  const byHeight = [...first].sort((a, b) => b.height - a.height);
  let fallback: PageKindGuess | null = null;
  for (const line of byHeight) {
    const m = matchTitle(line.text);
    if (!m) continue;
    if (m.score >= ACCEPT) return { kind: m.kind, confidence: round(m.score), titleLine: line.text };
    if (m.score >= LAST_RESORT && (!fallback || m.score > fallback.confidence)) {
      fallback = { kind: m.kind, confidence: round(m.score), titleLine: line.text };
    }
  }
  return fallback ?? { kind: '其他材料', confidence: 0, titleLine: '' };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
