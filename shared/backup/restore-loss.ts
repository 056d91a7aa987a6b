// What a restore undoes, in words: the work done on this machine that the backup does not hold
// (letters issued, numbers allocated, scores submitted, certificate decisions, log entries), shown
// in the restore preview for the user to confirm. Pure: the store and the backup are read by
// renderer/db/backup-repository.ts.

export interface LossLetterNumber {
  id: string;
  docNumber: string;
  status: string;
  allocatedAt: string;
}
export interface LossLetter {
  id: string;
  department: string;
  status: string;
  docNumber: string | null;
  updatedAt: string;
}
export interface LossSheet {
  id: string;
  itemId: string;
  reviewerId: string;
  status: string;
  revision: number;
  submittedAt: string | null;
}
export interface LossDecision {
  id: string;
  officerId: string;
  decided: string;
  at: string;
}
export interface LossLogEntry {
  seq: number;
  hash: string;
  at: string;
  actor: string;
  summary: string;
  /** The entry's action (absent in callers that do not read it). */
  action?: string;
}

/** The records of one side (the live store or the backup) that a restore can undo. */
export interface LossSide {
  letterNumbers: LossLetterNumber[];
  letters: LossLetter[];
  scoreSheets: LossSheet[];
  reviewDecisions: LossDecision[];
  auditLog: LossLogEntry[];
}

export interface RestoreLoss {
  /** Letters issued here whose issue the backup does not hold ('德法函〔2026〕3号（交通运输局）'). */
  lettersIssued: string[];
  /** Numbers allocated here that the backup does not hold (kept on record as void after the restore). */
  numbersAllocated: string[];
  /** Score sheets submitted here (or submitted again later) whose submission the backup does not hold. */
  scoresSubmitted: number;
  /** Yearly certificate review decisions the backup does not hold (or holds differently). */
  certificateDecisions: number;
  /** Log entries of this machine after the point the backup's log shares with it. */
  logEntries: { count: number; from: LossLogEntry | null; to: LossLogEntry | null };
}

/** How many leading entries two logs share (same seq and hash). */
export function commonLogPrefix(a: readonly LossLogEntry[], b: readonly LossLogEntry[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k]!.seq === b[k]!.seq && a[k]!.hash === b[k]!.hash) k++;
  return k;
}

const OFFICE_KEY_ACTIONS: ReadonlySet<string> = new Set(['key.create', 'key.change', 'key.import']);

const listOf = (xs: readonly string[], max = 5) =>
  xs.length <= max ? xs.join('、') : `${xs.slice(0, max).join('、')} 等 ${xs.length} 个`;

/** What restoring `backup` over `current` undoes. */
export function computeRestoreLoss(current: LossSide, backup: LossSide): RestoreLoss {
  const backupNumbers = new Set(backup.letterNumbers.map((n) => n.id));
  const numbersAllocated = current.letterNumbers
    .filter((n) => !backupNumbers.has(n.id))
    .sort((a, b) => a.allocatedAt.localeCompare(b.allocatedAt))
    .map((n) => n.docNumber);

  const backupLetters = new Map(backup.letters.map((l) => [l.id, l]));
  const lettersIssued = current.letters
    .filter((l) => l.docNumber !== null && l.status !== 'draft')
    .filter((l) => backupLetters.get(l.id)?.docNumber !== l.docNumber)
    .map((l) => `${l.docNumber!}（${l.department}）`);

  const backupSheets = new Map(backup.scoreSheets.map((s) => [s.id, s]));
  const scoresSubmitted = current.scoreSheets.filter((s) => {
    if (s.status !== 'submitted') return false;
    const b = backupSheets.get(s.id);
    return !b || b.status !== 'submitted' || b.submittedAt !== s.submittedAt || b.revision < s.revision;
  }).length;

  const backupDecisions = new Map(backup.reviewDecisions.map((d) => [d.id, d]));
  const certificateDecisions = current.reviewDecisions.filter((d) => {
    const b = backupDecisions.get(d.id);
    return !b || b.decided !== d.decided || b.at !== d.at;
  }).length;

  const k = commonLogPrefix(current.auditLog, backup.auditLog);
  // The office key's own entries (a new installation starts its key) are no work of anyone: a
  // restore onto an empty machine undoes nothing (the key question is asked on its own).
  const undone = current.auditLog.slice(k).filter((e) => !OFFICE_KEY_ACTIONS.has(e.action ?? ''));
  const logEntries = { count: undone.length, from: undone[0] ?? null, to: undone.at(-1) ?? null };
  return { lettersIssued, numbersAllocated, scoresSubmitted, certificateDecisions, logEntries };
}

/** True when the restore undoes nothing done on this machine. */
export function restoreLosesNothing(loss: RestoreLoss): boolean {
  return (
    loss.lettersIssued.length === 0 &&
    loss.numbersAllocated.length === 0 &&
    loss.scoresSubmitted === 0 &&
    loss.certificateDecisions === 0 &&
    loss.logEntries.count === 0
  );
}

/**
 * The loss in sentences (Chinese) for the preview; empty when nothing is undone. `format` is the
 * app's time formatter (local time); `backupCreatedAt` the backup's time (ISO).
 */
export function describeRestoreLoss(
  loss: RestoreLoss,
  backupCreatedAt: string,
  format: (iso: string) => string = (s) => s,
): string[] {
  const { lettersIssued, numbersAllocated, scoresSubmitted, certificateDecisions } = loss;
  const lines: string[] = [];
  const when = format(backupCreatedAt);
  if (lettersIssued.length) {
    lines.push(
      `${lettersIssued.length} 份整改函在备份之后印发，恢复后这些整改函回到备份时的状态：${listOf(lettersIssued)}。已送出的函不会因此收回，请另行处理。`,
    );
  }
  if (numbersAllocated.length) {
    lines.push(
      `${numbersAllocated.length} 个发文字号在备份之后分配：${listOf(numbersAllocated)}。恢复后这些文号作为“已作废”保留在登记中，不会再次分配。`,
    );
  }
  if (scoresSubmitted)
    lines.push(`${scoresSubmitted} 份评分表在备份之后提交或修改，恢复后回到备份时的内容。`);
  if (certificateDecisions) {
    lines.push(`${certificateDecisions} 项执法证年审决定在备份之后作出或更改，恢复后回到备份时的状态。`);
  }
  const { count, from, to } = loss.logEntries;
  if (count && from && to) {
    const span = count === 1 ? `第 ${from.seq} 条` : `第 ${from.seq}–${to.seq} 条`;
    lines.push(
      `操作留痕中本机在备份（${when}）之后的 ${count} 条记录（${span}，${format(from.at)} 至 ${format(to.at)}）所记录的操作将被撤销；这些记录不会删除，作为“已被恢复撤销”的分支保留在操作留痕中。`,
    );
  }
  return lines;
}
