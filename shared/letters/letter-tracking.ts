// Letter life cycle: draft -> issued -> replied -> closed, or replied -> returned (sent back) ->
// replied again. Pure rules shared by the repository (which enforces them) and the pages.

export type LetterStatus = 'draft' | 'issued' | 'replied' | 'returned' | 'closed';

export const LETTER_STATUS_TEXT: Record<LetterStatus, string> = {
  draft: '草稿',
  issued: '已印发，待回复',
  replied: '已回复，待审核',
  returned: '已退回，待重新回复',
  closed: '已销号',
};

export type LetterAction = 'issue' | 'void' | 'reply' | 'close' | 'return';

const ALLOWED: Record<LetterAction, readonly LetterStatus[]> = {
  issue: ['draft'],
  void: ['issued'],
  reply: ['issued', 'returned'],
  close: ['replied'],
  return: ['replied'],
};

const ACTION_TEXT: Record<LetterAction, string> = {
  issue: '印发',
  void: '作废文号',
  reply: '登记回复',
  close: '审核销号',
  return: '退回',
};

/** Null when the action is allowed, else a Chinese reason. */
export function checkTransition(status: LetterStatus, action: LetterAction): string | null {
  if (ALLOWED[action].includes(status)) return null;
  return `当前状态为“${LETTER_STATUS_TEXT[status]}”，不能${ACTION_TEXT[action]}。`;
}

export interface TrackedLetter {
  status: LetterStatus;
  /** ISO date. */
  deadline: string | null;
}

/** Waiting for the department's reply past the deadline (the deadline day itself is still in time). */
export function isOverdue(letter: TrackedLetter, today: string): boolean {
  return (
    (letter.status === 'issued' || letter.status === 'returned') &&
    !!letter.deadline &&
    today > letter.deadline
  );
}

export type FollowUpKind = 'issue' | 'await-reply' | 'overdue' | 'check-reply';

export interface FollowUp<T> {
  letter: T;
  kind: FollowUpKind;
  text: string;
}

const ORDER: Record<FollowUpKind, number> = { overdue: 0, 'check-reply': 1, 'await-reply': 2, issue: 3 };

/** 待办: what needs doing, most urgent first (overdue, replies to check, waiting, drafts to issue). */
export function followUps<T extends TrackedLetter>(letters: readonly T[], today: string): FollowUp<T>[] {
  const out: FollowUp<T>[] = [];
  for (const l of letters) {
    if (l.status === 'draft') out.push({ letter: l, kind: 'issue', text: '草稿未印发' });
    else if (l.status === 'replied') out.push({ letter: l, kind: 'check-reply', text: '回复待审核' });
    else if (isOverdue(l, today))
      out.push({ letter: l, kind: 'overdue', text: `已逾期（期限 ${l.deadline ?? ''}）` });
    else if (l.status === 'issued' || l.status === 'returned')
      out.push({ letter: l, kind: 'await-reply', text: `等待回复（期限 ${l.deadline ?? ''}）` });
  }
  return out.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] || (a.letter.deadline ?? '').localeCompare(b.letter.deadline ?? ''),
  );
}
