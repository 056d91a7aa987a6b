// The reviewers' decisions on 台账体检 flags of drawn files: confirmed (the deduction is made on the score
// sheet, citing the flag) or dismissed with a reason. One record per campaign × file × rule; the latest
// decision stands. The results read them for the precision per rule (shared/rules/flag-review.ts).
import type { Table } from 'dexie';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { flagDecisionId } from '@shared/packages/merge-flag-decisions';
import type { FlagDecisionKind } from '@shared/rules/flag-review';
import { StoreError } from './store-error';

export interface FlagDecisionRecord {
  id: string;
  campaignId: string;
  itemId: string;
  ruleId: string;
  /** The flag's arithmetic as the reviewer saw it. */
  sentence: string;
  decision: FlagDecisionKind;
  /** Why it was dismissed ('' when confirmed). */
  reason: string;
  /** The standard item the confirming deduction was made on (null when dismissed). */
  standardItemId: string | null;
  reviewerId: string;
  by: string;
  at: string;
}

declare module './database' {
  interface PingchaDatabase {
    flagDecisions: Table<FlagDecisionRecord, string>;
  }
}

export class FlagDecisionError extends StoreError {
  override name = 'FlagDecisionError';
}

export { flagDecisionId };

/** Records a decision; a dismissal without a reason is refused (Chinese) and nothing is written. */
export async function decideFlag(
  db: PingchaDatabase,
  input: Omit<FlagDecisionRecord, 'id' | 'at'> & { at?: string },
): Promise<FlagDecisionRecord> {
  const reason = input.reason.trim();
  if (input.decision === 'dismissed' && reason === '')
    throw new FlagDecisionError('不予采纳台账体检线索，须写明理由（如“卷内有延期审批表”）。');
  if (input.by.trim() === '') throw new FlagDecisionError('请先填写评查人员姓名。');
  const record: FlagDecisionRecord = {
    ...input,
    reason: input.decision === 'dismissed' ? reason : '',
    id: flagDecisionId(input.campaignId, input.itemId, input.ruleId),
    at: input.at ?? new Date().toISOString(),
  };
  return db.transaction('rw', db.flagDecisions, db.auditLog, async () => {
    await db.flagDecisions.put(record);
    await appendAudit(db, {
      actor: record.by,
      action: 'flag.decide',
      objectType: 'flag-decision',
      objectId: record.id,
      at: record.at,
      // No decision in the summary (blind review: the other reviewer of this file may read the log on a
      // shared machine); the content keeps it for the record.
      summary: `台账体检线索 ${record.ruleId} 已处理（案卷 ${record.itemId}）`,
      content: record,
    });
    return record;
  });
}

export async function listFlagDecisions(
  db: PingchaDatabase,
  campaignId: string,
): Promise<FlagDecisionRecord[]> {
  return db.flagDecisions.where('campaignId').equals(campaignId).toArray();
}

/** The decisions on the ledger flags of one file. */
export async function listFileFlagDecisions(
  db: PingchaDatabase,
  campaignId: string,
  itemId: string,
): Promise<FlagDecisionRecord[]> {
  return db.flagDecisions
    .where('campaignId')
    .equals(campaignId)
    .filter((d) => d.itemId === itemId)
    .toArray();
}
