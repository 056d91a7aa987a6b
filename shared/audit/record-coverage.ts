// Which records the log (操作留痕) vouches for, and which actions may vouch for them.
// - TABLE_COVERAGE: a decision for EVERY table of the store (a Record over the table names, so a new
//   table without a decision does not compile): covered by record digests, or not, and why.
// - ACTION_WRITES: for EVERY action, the covered tables its entries may write. A digest carried by an
//   entry whose action may not write that table is never a cover (a forged `letter.reply` carrying a
//   final result's digest proves nothing).
// - coveredRow: what an entry records for a row it wrote; a row that leaves coverage (a letter voided
//   back to draft) is recorded as released (digest null), so the check expects exactly that.
// - sinceWritten: a table whose rows are vouched for once an entry wrote them (a standard version
//   from the freeze that used it on); rows no entry wrote (older logs, a laptop's copies) are not.
// - legacy: rows written before the log carried the table's digests (the number register before
//   issue 23) count as covered while a signed entry names them; only their presence is proved.
import type { STORE_TABLE_LABELS } from '../backup/table-labels';
import type { AuditAction, AuditEntry } from './audit-chain';

export type StoreTableName = keyof typeof STORE_TABLE_LABELS;

export type Coverage =
  | {
      covered: true;
      /** Chinese name in messages. */
      label: string;
      /** The fields that make a record's key text (joined with '|'), as the entries key it. */
      keyPath: readonly string[];
      /** False for rows that are work in progress (not vouched for); absent = every row. */
      vouches?: (row: Record<string, unknown>) => boolean;
      /** True: a row is vouched for from the first entry that wrote it on (none before). */
      sinceWritten?: true;
      /** Rows from before the table was covered: the name a signed entry gives them, and the row's. */
      legacy?: {
        namedBy: (entry: Pick<AuditEntry, 'action' | 'summary'>) => string | null;
        nameOf: (row: unknown) => string;
      };
    }
  | { covered: false; why: string };

const notCovered = (why: string): Coverage => ({ covered: false, why });

const field = (v: unknown, k: string): unknown =>
  v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;

/**
 * The 发文字号 a number-giving entry of an older log names in its summary (hashed in the chain):
 * 「印发德法函〔2026〕1号（…）」, 「通报定稿编号德法通〔2026〕1号（…）」.
 */
function numberNamedBy(entry: Pick<AuditEntry, 'action' | 'summary'>): string | null {
  const m =
    entry.action === 'letter.issue'
      ? /^印发(.+?号)（/.exec(entry.summary)
      : entry.action === 'number.allocate'
        ? /定稿编号(.+?号)（/.exec(entry.summary)
        : null;
  return m ? m[1]! : null;
}

export const TABLE_COVERAGE = {
  meta: notCovered('程序设置与运行状态，不是办案记录。'),
  imports: notCovered('台账导入过程记录；导入本身记入留痕（ledger.import）。'),
  caseChunks: notCovered('部门报送的台账数据，以抽取总体的摘要固定在抽取记录中。'),
  rawChunks: notCovered('台账原始单元格，仅供查看。'),
  mappings: notCovered('列对应记忆，仅为操作便利。'),
  campaigns: notCovered('活动设置；抽取时的方案与种子固定在抽取记录中。'),
  draws: { covered: true, label: '抽取结果', keyPath: ['id'] },
  drawEvents: { covered: true, label: '替换与追加抽取', keyPath: ['id'] },
  drawPopulations: notCovered('抽取总体由抽取记录中的总体摘要核对。'),
  standards: {
    covered: true,
    label: '评查标准冻结版本',
    keyPath: ['id', 'version'],
    // Drafts are work in progress; a version is vouched for once a campaign froze it (开始评分),
    // from that standard.freeze entry on (versions frozen before the entries carried them are not).
    vouches: (row) => row.status === 'published',
    sinceWritten: true,
  },
  reviewers: notCovered('评查人员名单；分配结果记入留痕。'),
  assignments: notCovered('分配过程数据；以定稿结果为准。'),
  scoreSheets: notCovered('评查人员的工作稿；以复核定稿结果为准。'),
  finalResults: { covered: true, label: '复核定稿结果', keyPath: ['campaignId', 'itemId'] },
  letters: {
    covered: true,
    label: '整改函',
    keyPath: ['id'],
    // Drafts are work in progress: only issued and later letters are vouched for.
    vouches: (row) => row.status !== 'draft',
  },
  letterNumbers: {
    covered: true,
    label: '文号登记',
    keyPath: ['id'],
    legacy: { namedBy: numberNamedBy, nameOf: (row) => String(field(row, 'docNumber')) },
  },
  attachments: notCovered('附件文件本身；回复记录随整改函的留痕核对。'),
  officers: notCovered('执法人员名册，来自人事数据。'),
  examSittings: notCovered('考试场次，来自考试数据导入。'),
  examCandidates: notCovered('考生成绩，来自考试数据导入。'),
  trainingSessions: notCovered('培训班次，来自培训数据导入。'),
  trainingAttendance: notCovered('培训出勤，来自培训数据导入。'),
  annualReviews: notCovered('年审批次；结论逐条记入审验决定。'),
  reviewDecisions: { covered: true, label: '证件年审结论', keyPath: ['id'] },
  panelPackages: notCovered('评查包收发记录。'),
  auditLog: notCovered('操作留痕本身，由哈希链与签名核对。'),
  auditSuperseded: notCovered('被恢复撤销的留痕分支，仅供查看。'),
  departments: {
    covered: true,
    label: '机构名录',
    keyPath: ['id'],
    // Entries seeded by the schema upgrade (from the ledgers already imported, no entry wrote them)
    // are vouched for from the first entry that writes them on: an import, an edit, a merge.
    sinceWritten: true,
  },
  signingKeys: notCovered('公钥；由留痕中的密钥记录核对。'),
  ruleCensus: notCovered('台账体检结果，可随时由规则包和台账重新计算；体检本身记入留痕（rules.census）。'),
  caseFiles: notCovered('电子案卷的附件登记；文件的 SHA-256 记入留痕（casefile.attach），查看时逐一核对。'),
  caseFileBytes: notCovered('电子案卷文件内容，以登记的 SHA-256 核对。'),
  caseFilePages: notCovered('页面标签，仅为查阅便利。'),
  caseFileReadings: notCovered(
    '机器识别的页面类型、案号与日期，仅供查阅；须经评查人员确认（即改为人工标签）方可采用。',
  ),
  flagDecisions: notCovered('评查人员对体检线索的采纳或不予采纳；以复核定稿结果为准。'),
} satisfies Record<StoreTableName, Coverage>;

type CoveredOf<T> = { [K in keyof T]: T[K] extends { covered: true } ? K : never }[keyof T];

/** The tables whose records the log vouches for. */
export type CoveredTable = CoveredOf<typeof TABLE_COVERAGE>;

export const COVERED_TABLES = (Object.keys(TABLE_COVERAGE) as StoreTableName[]).filter(
  (t) => TABLE_COVERAGE[t].covered,
) as CoveredTable[];

/** Every action, with the covered tables its entries may write (a Record: a new action must decide). */
export const ACTION_WRITES: Readonly<Record<AuditAction, readonly CoveredTable[]>> = {
  'ledger.import': ['departments'],
  'ledger.delete': [],
  'directory.save': ['departments'],
  'directory.rename': ['departments'],
  'directory.merge': ['departments'],
  'campaign.create': [],
  'campaign.scope': [],
  'draw.create': ['draws'],
  'draw.replace': ['drawEvents'],
  'draw.more': ['drawEvents'],
  'assignment.create': [],
  'assignment.reassign': [],
  'assignment.calibration': [],
  'score.submit': [],
  'score.change-after-submit': [],
  'review.finalise': ['finalResults'],
  'letter.issue': ['letters', 'letterNumbers'],
  'letter.void': ['letters', 'letterNumbers'],
  'number.allocate': ['letterNumbers'],
  'number.void': ['letterNumbers'],
  'letter.reply': ['letters'],
  'letter.close': ['letters'],
  'letter.return': ['letters'],
  'certificate.decision': ['reviewDecisions'],
  'officer.status': [],
  'officer.save': [],
  'officers.import': [],
  'officers.normalise': [],
  'exam.import': [],
  'training.import': [],
  'standard.freeze': ['standards'],
  'package.import': [],
  // The numbers this store had allocated that the backup lacks stay on the register as void.
  'backup.restore': ['letterNumbers'],
  'key.create': [],
  'key.change': [],
  'key.import': [],
  'report.issue': [],
  'rules.census': [],
  'rules.settings': [],
  'flag.decide': [],
  'casefile.attach': [],
  'casefile.remove': [],
  'casefile.purge': [],
  // Removing the demo data removes the directory entries only the demo ledgers brought in.
  'demo.remove': ['departments'],
};

export function isCoveredTable(table: string): table is CoveredTable {
  return (COVERED_TABLES as string[]).includes(table);
}

/** True when an entry of `action` may vouch for a record of `table`. */
export function actionMayWrite(action: AuditAction, table: string): boolean {
  return (ACTION_WRITES[action] ?? []).some((t) => t === table);
}

/** The Chinese name of a covered table (the table name itself for any other). */
export function coveredTableLabel(table: string): string {
  return isCoveredTable(table) ? TABLE_COVERAGE[table].label : table;
}

/** True when the log must vouch for this row (a covered table, and a row its rule vouches for). */
export function rowIsVouched(table: string, row: unknown): boolean {
  if (!isCoveredTable(table)) return false;
  const c = TABLE_COVERAGE[table] as Extract<Coverage, { covered: true }>;
  return !c.vouches || c.vouches((row ?? {}) as Record<string, unknown>);
}

/**
 * What an entry records for a row it writes: the row itself while the log vouches for it, null
 * (released, like a deletion) once it leaves coverage: a letter voided back to a draft.
 */
export function coveredRow(table: string, row: unknown): unknown {
  return row === null || row === undefined || !rowIsVouched(table, row) ? null : row;
}

/** The key text of a covered row, as entries key it. */
export function coveredKey(table: CoveredTable, row: unknown): string {
  const r = (row ?? {}) as Record<string, unknown>;
  return TABLE_COVERAGE[table].keyPath.map((k) => String(r[k])).join('|');
}

/** Actions whose entry leaves a covered record unvouched whatever digest it carries. */
const RELEASES: Partial<Record<AuditAction, readonly CoveredTable[]>> = {
  // 作废文号 returns the letter to a draft (work in progress); logs written before the writer
  // recorded the release still carry the draft's digest.
  'letter.void': ['letters'],
};

/** True when an entry of `action` releases its `table` record from coverage (like a deletion). */
export function releasesRecord(action: AuditAction, table: string): boolean {
  return (RELEASES[action] ?? []).some((t) => t === table);
}
