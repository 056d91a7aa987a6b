// Random records of every table of the store, in the shapes the repositories write (record types of
// renderer/db/*), seeded so a failure can be replayed. Used by the backup round-trip property test.
// A table without a generator here makes that test fail: add one when you add a table.
import { sha256BytesHex } from '../../shared/crypto/sha256';
import { computeDrawRecord, type DrawCase, type DrawRecord } from '../../shared/draw/draw-record';
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import {
  defaultCoercionStandard,
  defaultInspectionStandard,
  defaultLicensingStandard,
  defaultPenaltyStandard,
} from '../../shared/standards/default-standards';
import { scoreCaseFile, type ScoreSheet } from '../../shared/review/scoring-engine';
import type { ReviewStandard } from '../../shared/standards/standard-model';
import { CHUNK_SIZE } from '../../renderer/db/schema';

/** The stored case files every generated attachment points at (bytes of a few sizes, zero included). */
const CASE_FILE_POOL = [0, 1, 2999].map((n, i) =>
  Uint8Array.from({ length: n }, (_, k) => (k * 31 + i * 7) & 255),
);

export type Rng = () => number;

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(r: Rng, v: () => T): T | null => (r() < 0.5 ? v() : null);
const TEXTS = [
  '市场监督管理局',
  '交通运输局',
  '案由：未按规定公示',
  'a"b\\c',
  '😀 表情',
  '',
  ' 空格 ',
  '\u200b零宽',
  '第\n二行',
];
const text = (r: Rng) => pick(r, TEXTS) + int(r, 0, 999);
const iso = (r: Rng) =>
  new Date(Date.UTC(2024 + int(r, 0, 2), int(r, 0, 11), int(r, 1, 28), int(r, 0, 23))).toISOString();
const day = (r: Rng) => iso(r).slice(0, 10);
const hex = (r: Rng) => Array.from({ length: 64 }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
const DEPTS = ['市场监督管理局', '交通运输局', '生态环境局', '城市管理综合行政执法局', '应急管理局'];
const TYPES = ['行政处罚', '行政检查', '行政许可', '行政强制'];
const STANDARDS = [
  defaultPenaltyStandard,
  defaultLicensingStandard,
  defaultCoercionStandard,
  defaultInspectionStandard,
];

/** Values IndexedDB keeps but JSON does not: they go where records hold `unknown`. */
function exotic(r: Rng): unknown {
  return {
    at: new Date(Date.UTC(2025, int(r, 0, 11), 3)),
    bytes: Uint8Array.from({ length: int(r, 0, 9) }, () => int(r, 0, 255)),
    f64: new Float64Array([r(), -0, Number.NaN, Infinity]),
    i32: new Int32Array([-int(r, 0, 1e9), int(r, 0, 1e9)]),
    buffer: Uint8Array.from([1, 2, 3, int(r, 0, 255)]).buffer,
    nested: [[1, [2, [3, null]]], { deep: { list: [undefined, 'x'] } }],
    undef: undefined,
    negZero: -0,
    nan: Number.NaN,
    tagLike: { $pingcha: 'ta', t: 'Uint8Array', v: '' },
  };
}

export interface Population {
  cases: DrawCase[];
  record: DrawRecord;
  strata: Uint16Array | Uint32Array;
}

/** A real draw (computeDrawRecord) over `size` case files, with its per-file stratum index. */
export function makePopulation(size: number, seed = '20251126000000000001', campaignId = 'c-1'): Population {
  const cases: DrawCase[] = Array.from({ length: size }, (_, i) => {
    const d = DEPTS[i % DEPTS.length]!;
    const caseNo = `罚〔2025〕${i + 1}号`;
    return {
      itemId: `${d}|${caseNo}`,
      caseNo,
      department: d,
      caseType: TYPES[(i >> 3) % TYPES.length]!,
      closedDate: '2025-05-01',
    };
  });
  const { record } = computeDrawRecord({
    campaign: {
      id: campaignId,
      name: '第十一次行政执法案卷评查',
      year: 2025,
      period: { from: null, to: null },
      scope: { departments: [], caseTypes: [] },
    },
    drawnAt: '2026-03-01T09:30:00.000Z',
    operator: '张三',
    witnesses: ['李四', '王五'],
    seed,
    stratifyBy: 'department×caseType',
    filter: { departments: null, caseTypes: null, closedFrom: null, closedTo: null },
    sources: [
      {
        fileName: '台账.xlsx',
        sha256: 'a'.repeat(64),
        sheet: 'Sheet1',
        headerRow: 0,
        mapping: { caseNo: '案件编号', department: '执法部门', caseType: null },
        defaultDepartment: null,
        defaultCaseType: '行政处罚',
        encoding: null,
      },
    ],
    population: cases,
    total: Math.min(40, size),
  });
  const index = new Map(record.strata.map((s, i) => [s.key, i]));
  const byId = new Map(cases.map((c) => [c.itemId, c]));
  const strata = record.strata.length < 65536 ? new Uint16Array(size) : new Uint32Array(size);
  record.population.ids.forEach((id, i) => {
    const c = byId.get(id)!;
    strata[i] = index.get(`${c.department}|${c.caseType}`) ?? 0;
  });
  return { cases, record, strata };
}

export interface GenContext {
  campaignId: string;
  population: Population;
  standards: ReviewStandard[];
}

type Gen = (r: Rng, ctx: GenContext) => unknown[];

function sheet(r: Rng, s: ReviewStandard): ScoreSheet {
  const item = s.categories[0]!.items[0]!;
  const option = item.deductions[0]!;
  return {
    standardId: s.id,
    standardVersion: s.version,
    deductions:
      r() < 0.7 ? [{ itemId: item.id, optionId: option.id, count: int(r, 1, 2), problem: text(r) }] : [],
    vetoes: [],
  };
}

const n = (r: Rng) => int(r, 1, 4);

/** One generator per table name of the current schema (and tables of older versions). */
export const GENERATORS: Record<string, Gen> = {
  meta: (r) => [
    { key: 'settings:operator', value: { name: text(r) } },
    { key: 'settings:letters', value: { prefix: '德法函', extra: exotic(r) } },
    { key: 'review:default-standards-seeded', value: iso(r) },
    { key: 'report-edits:c-1', value: { intro: text(r) } },
  ],
  imports: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `imp_${i}`,
      status: pick(r, ['pending', 'committed'] as const),
      fileName: text(r) + '.xlsx',
      sheetName: 'Sheet1',
      sha256: hex(r),
      fileSize: int(r, 1, 1e7),
      encoding: pick(r, [null, 'utf-8', 'gbk']),
      headerRow: int(r, 0, 3),
      headers: ['案件编号', '执法部门', text(r)],
      mapping: {
        caseNo: 0,
        department: 1,
        caseType: null,
        cause: null,
        party: null,
        filedDate: null,
        closedDate: null,
        amount: maybe(r, () => 2),
        officer: null,
        certNo: null,
      },
      defaultDepartment: maybe(r, () => pick(r, DEPTS)),
      defaultCaseType: maybe(r, () => pick(r, TYPES)),
      departments: [pick(r, DEPTS)],
      counts: { rowsRead: 10, imported: 9, errors: 1, warnings: 0, excluded: 0 },
      chunkCount: 1,
      startedAt: iso(r),
      committedAt: maybe(r, () => iso(r)),
      isDemo: r() < 0.5,
      insistedDuplicate: r() < 0.2,
    })),
  caseChunks: (r) =>
    Array.from({ length: n(r) }, (_, seq) => {
      const count = seq === 0 ? CHUNK_SIZE : int(r, 1, 30);
      const col = <T>(f: (i: number) => T) => Array.from({ length: count }, (_, i) => f(i));
      return {
        importId: 'imp_0',
        seq,
        count,
        itemId: col((i) => `市场监督管理局|A-${seq}-${i}`),
        caseNo: col((i) => `A-${seq}-${i}`),
        department: col(() => pick(r, DEPTS)),
        caseType: col(() => pick(r, TYPES)),
        cause: col(() => text(r)),
        party: col(() => text(r)),
        filedDate: col(() => maybe(r, () => day(r))),
        closedDate: col(() => maybe(r, () => day(r))),
        amountFen: col(() => maybe(r, () => int(r, 0, 1e9))),
        officer: col(() => text(r)),
        certNo: col(() => String(int(r, 0, 1e8))),
        sourceRow: col((i) => i + 2),
      };
    }),
  rawChunks: (r) =>
    Array.from({ length: n(r) }, (_, seq) => ({
      importId: 'imp_0',
      seq,
      raw: Array.from({ length: int(r, 1, 20) }, () => [text(r), text(r), '', text(r)]),
    })),
  mappings: (r) =>
    DEPTS.slice(0, n(r)).map((department) => ({
      department,
      byHeader: { caseNo: '案件编号', department: null, caseType: maybe(r, () => '类型') },
      updatedAt: iso(r),
    })),
  campaigns: (r, ctx) => [
    {
      id: ctx.campaignId,
      name: text(r),
      year: 2025,
      periodFrom: maybe(r, () => '2025-01-01'),
      periodTo: maybe(r, () => '2025-12-31'),
      departments: r() < 0.5 ? [] : [pick(r, DEPTS)],
      caseTypes: [],
      createdAt: iso(r),
      createdBy: text(r),
      isDemo: r() < 0.5,
      standards: ctx.standards.map((s) => ({
        caseType: s.caseTypes[0]!,
        standardId: s.id,
        version: s.version,
      })),
      standardsFrozenAt: maybe(r, () => iso(r)),
      ...(r() < 0.5
        ? { dateByType: { 行政检查: 'filedDate' as const, 行政处罚: 'closedDate' as const } }
        : {}),
      ...(r() < 0.5 ? { excludeReviewedBefore: r() < 0.5 } : {}),
    },
  ],
  draws: (r, ctx) => [
    {
      id: 'draw-1',
      campaignId: ctx.campaignId,
      createdAt: iso(r),
      record: { ...ctx.population.record, population: { ...ctx.population.record.population, ids: [] } },
      populationSeparate: true,
    },
  ],
  drawPopulations: (_r, ctx) => [
    { drawId: 'draw-1', ids: ctx.population.record.population.ids, populationStrata: ctx.population.strata },
  ],
  drawEvents: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `draw-1|${i + 1}`,
      drawId: 'draw-1',
      seq: i + 1,
      at: iso(r),
      by: text(r),
      kind: pick(r, ['replace', 'more'] as const),
      payload: { reason: text(r), extra: exotic(r) },
    })),
  standards: (_r, ctx) => ctx.standards,
  reviewers: (r, ctx) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `rv${i}`,
      name: text(r),
      unit: pick(r, DEPTS),
      role: '律师',
      conflicts: r() < 0.5 ? [] : [pick(r, DEPTS)],
      ...(r() < 0.5 ? { addedLater: true } : {}),
      campaignId: ctx.campaignId,
    })),
  assignments: (r, ctx) => {
    const result = ctx.population.record.drawn.map((d) => ({ itemId: d.itemId, reviewerIds: ['rv0'] }));
    return [
      {
        campaignId: ctx.campaignId,
        record: {
          kind: 'pingcha-reviewer-assignment',
          formatVersion: 1,
          seed: '12345',
          seedHash: hex(r),
          rule: '规则',
          perFile: 1,
          reviewers: [{ id: 'rv0', name: '甲', unit: DEPTS[0], role: '律师', conflicts: [] }],
          files: ctx.population.record.drawn.map((d) => ({ itemId: d.itemId, department: d.department })),
          initialResult: result,
          result,
          createdAt: iso(r),
          createdBy: text(r),
          log: [],
        },
      },
    ];
  },
  scoreSheets: (r, ctx) =>
    ctx.population.record.drawn.slice(0, n(r)).map((d) => {
      const s = ctx.standards[0]!;
      return {
        id: `${ctx.campaignId}|${d.itemId}|rv0`,
        campaignId: ctx.campaignId,
        itemId: d.itemId,
        reviewerId: 'rv0',
        standardId: s.id,
        standardVersion: s.version,
        sheet: sheet(r, s),
        status: pick(r, ['draft', 'submitted'] as const),
        revision: int(r, 0, 9),
        updatedAt: iso(r),
        updatedBy: text(r),
        submittedAt: maybe(r, () => iso(r)),
        origin: pick(r, ['local', 'package:pkg_1']),
      };
    }),
  finalResults: (r, ctx) =>
    ctx.population.record.drawn.slice(0, n(r)).map((d) => {
      const s = ctx.standards[0]!;
      const sh = sheet(r, s);
      return {
        campaignId: ctx.campaignId,
        itemId: d.itemId,
        department: d.department,
        caseNo: d.caseNo,
        caseType: d.caseType,
        standardId: s.id,
        standardVersion: s.version,
        sheet: sh,
        score: scoreCaseFile(s, sh),
        reconciliation: { decisions: [{ itemId: 'x', take: 'a', reason: text(r) }], extra: exotic(r) },
        finalisedAt: iso(r),
        finalisedBy: text(r),
      };
    }),
  letters: (r, ctx) =>
    DEPTS.slice(0, n(r)).map((department, i) => ({
      id: `${ctx.campaignId}|${department}`,
      campaignId: ctx.campaignId,
      department,
      status: i === 0 ? 'issued' : 'draft',
      edits: r() < 0.5 ? {} : { intro: text(r) },
      docNumber: i === 0 ? '德法函〔2026〕1号' : null,
      numberId: i === 0 ? '德法函|2026|1' : null,
      issueDate: i === 0 ? '2026-03-02' : null,
      deadline: i === 0 ? '2026-04-02' : null,
      deadlineRule: i === 0 ? { kind: 'calendar', days: 30 } : null,
      issuedDocument: i === 0 ? { title: text(r), paragraphs: [{ text: text(r) }] } : null,
      issuedBy: i === 0 ? text(r) : null,
      voidedNumbers:
        r() < 0.3 ? [{ docNumber: '德法函〔2026〕9号', at: iso(r), by: '甲', reason: '打错' }] : [],
      replies:
        r() < 0.3
          ? [
              {
                receivedAt: day(r),
                summary: text(r),
                attachmentId: 'att_1',
                fileName: '回复.pdf',
                recordedAt: iso(r),
                recordedBy: '甲',
              },
            ]
          : [],
      returns: [],
      closedAt: null,
      closedBy: null,
      closeNote: null,
      createdAt: iso(r),
      updatedAt: iso(r),
    })),
  letterNumbers: (r, ctx) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `德法函|2026|${i + 1}`,
      prefix: '德法函',
      year: 2026,
      seq: i + 1,
      docNumber: `德法函〔2026〕${i + 1}号`,
      status: i === 0 ? 'issued' : 'void',
      letterId: `${ctx.campaignId}|${DEPTS[0]}`,
      ...(r() < 0.5 ? { docType: pick(r, ['letter', 'report', 'notice'] as const) } : {}),
      allocatedAt: iso(r),
      allocatedBy: text(r),
      voidedAt: i === 0 ? null : iso(r),
      voidReason: i === 0 ? null : text(r),
    })),
  attachments: (r) =>
    Array.from({ length: n(r) }, (_, i) => {
      const bytes = Uint8Array.from({ length: int(r, 0, 3000) }, () => int(r, 0, 255));
      return {
        id: `att_${i}`,
        ownerId: i === 0 ? 'settings:letters' : 'c-1|市场监督管理局',
        kind: i === 0 ? 'font' : 'reply',
        name: text(r),
        size: bytes.byteLength,
        bytes,
        addedAt: iso(r),
      };
    }),
  officers: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `off_${i}`,
      name: '张' + i,
      gender: pick(r, ['男', '女', null]),
      idNumber: '',
      department: pick(r, DEPTS),
      post: text(r),
      employmentType: '正式在编',
      certificateNo: String(51000000 + i),
      areas: [pick(r, TYPES)],
      issueDate: maybe(r, () => '2020-01-01'),
      expiryDate: maybe(r, () => '2030-01-01'),
      status: pick(r, ['有效', '暂扣', '注销'] as const),
      statusHistory: [{ at: iso(r), from: null, to: '有效', reason: '发证', by: '甲' }],
      inEnforcementPost: r() < 0.8,
      sanctions: r() < 0.3 ? [{ kind: '立案调查', date: day(r), note: '', endDate: null }] : [],
      ...(r() < 0.5 ? { lastEnforcementActDate: day(r) } : {}),
      certificateIssues: [],
      updatedAt: iso(r),
      ...(r() < 0.5 ? { isDemo: r() < 0.5 } : {}),
    })),
  examSittings: (r) => [
    { id: 'sit_1', number: 17, date: maybe(r, () => day(r)), ...(r() < 0.5 ? { passMark: 60 } : {}) },
  ],
  examCandidates: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `cand_${i}`,
      sittingId: 'sit_1',
      name: '李' + i,
      idNumber: '',
      department: pick(r, DEPTS),
      publicLawScore: maybe(r, () => int(r, 0, 100)),
      specialisedScore: maybe(r, () => int(r, 0, 100) + 0.5),
      absent: r() < 0.1,
    })),
  trainingSessions: (r) => [
    { id: 'ts_1', title: text(r) + '培训', date: '2025-06-01', hours: 4.5, organiser: text(r), year: 2025 },
  ],
  trainingAttendance: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `ts_1|off_${i}`,
      sessionId: 'ts_1',
      officerId: `off_${i}`,
      ...(r() < 0.5 ? { hours: 2 } : {}),
    })),
  annualReviews: (r) => [
    {
      id: 'review_2025',
      year: 2025,
      reviewDate: '2026-01-15',
      runAt: iso(r),
      runBy: text(r),
      proposals: [{ officerId: 'off_0', outcome: 'pass', reasons: [] }],
      skipped: [{ officerId: 'off_1', name: '张1', reason: '已注销' }],
      notEvaluated: [{ rule: 'x', why: text(r) }],
    },
  ],
  reviewDecisions: (r) => [
    {
      id: 'review_2025|off_0',
      reviewId: 'review_2025',
      officerId: 'off_0',
      year: 2025,
      proposed: 'pass',
      decided: pick(r, ['pass', 'fail']),
      reasonCodes: [],
      reason: text(r),
      by: '甲',
      at: iso(r),
      overridden: r() < 0.5,
    },
  ],
  panelPackages: (r, ctx) => [
    {
      id: 'assignment-export:pkg_1',
      packageId: 'pkg_1',
      kind: 'assignment-export',
      campaignId: ctx.campaignId,
      reviewerId: 'rv0',
      reviewerName: '甲',
      sha256: hex(r),
      fileName: '评查包.pingcha-package',
      at: iso(r),
      by: text(r),
      ...(r() < 0.5 ? { counts: { added: 2, same: 1 } } : {}),
    },
  ],
  departments: (r) =>
    Array.from({ length: n(r) }, (_, i) => ({
      id: `dep_${i}`,
      name: `${text(r)}局${i}`,
      aliases: r() < 0.5 ? [`市${text(r)}`] : [],
      caseNoPrefixes: r() < 0.5 ? ['德应急罚'] : [],
      kind: pick(r, ['municipal', 'district', 'township', 'other'] as const),
      isDemo: r() < 0.2,
      createdAt: iso(r),
      updatedAt: iso(r),
    })),
  signingKeys: (r) =>
    Array.from({ length: int(r, 0, 2) }, (_, i) => ({
      publicKey: hex(r).slice(0, 63) + String(i),
      fingerprint: `AAAA-BBBB-CCCC-DDDD-000${i}`,
      createdAt: iso(r),
      createdBy: text(r),
      source: pick(r, ['generated', 'imported'] as const),
    })),
  ruleCensus: (r) =>
    Array.from({ length: int(r, 0, 2) }, (_, i) => {
      const flags = int(r, 0, 3);
      return {
        importId: `imp_${i}`,
        packId: 'pingcha-ledger-rules',
        packVersion: text(r),
        packSha256: hex(r),
        registrySha256: pick(r, ['', hex(r)]),
        checkedAt: iso(r),
        ruleIds: ['SC-64-DECISION', 'ZJ-MISSING'],
        tallies: [
          {
            ruleId: 'SC-64-DECISION',
            applicable: int(r, 0, 9),
            flagged: flags,
            cannotCheck: int(r, 0, 9),
            cannotCheckReasons: { [text(r)]: int(r, 0, 9) },
            flaggedByDepartment: { [text(r)]: flags },
          },
        ],
        flagOffset: Array.from({ length: flags }, (_, k) => k * 7),
        flagRule: Array.from({ length: flags }, () => int(r, 0, 1)),
        flagItemId: Array.from({ length: flags }, () => text(r)),
        flagSentence: Array.from({ length: flags }, () => text(r)),
      };
    }),
  flagDecisions: (r) =>
    Array.from({ length: int(r, 0, 3) }, (_, i) => {
      const confirmed = int(r, 0, 1) === 1;
      return {
        id: `c|item${i}|SC-64-DECISION`,
        campaignId: 'c',
        itemId: `item${i}`,
        ruleId: 'SC-64-DECISION',
        sentence: text(r),
        decision: confirmed ? ('confirmed' as const) : ('dismissed' as const),
        reason: confirmed ? '' : text(r),
        standardItemId: confirmed ? text(r) : null,
        reviewerId: text(r),
        by: text(r),
        at: iso(r),
      };
    }),
  // Attached files point at stored bytes whose key is their SHA-256 (a restore checks both).
  caseFiles: (r) =>
    Array.from({ length: int(r, 0, 3) }, (_, i) => ({
      id: `cf_${i}`,
      campaignId: 'c-1',
      itemId: `市场监督管理局|A-${i}`,
      name: text(r) + '.pdf',
      size: CASE_FILE_POOL[i]!.length,
      sha256: sha256BytesHex(CASE_FILE_POOL[i]!),
      attachedAt: iso(r),
      attachedBy: text(r),
    })),
  caseFileBytes: () => CASE_FILE_POOL.map((bytes) => ({ sha256: sha256BytesHex(bytes), bytes })),
  caseFilePages: (r) =>
    Array.from({ length: int(r, 0, 2) }, (_, i) => ({
      sha256: hex(r).slice(0, 63) + String(i),
      labels: { [int(r, 0, 199)]: pick(r, ['立案审批表', '送达回证', '处罚决定书'] as const) },
      updatedAt: iso(r),
      updatedBy: text(r),
    })),
  caseFileReadings: (r) =>
    Array.from({ length: int(r, 0, 2) }, (_, i) => ({
      sha256: hex(r).slice(0, 63) + String(i),
      pageCount: int(r, 1, 80),
      readings: [
        {
          page: int(r, 0, 79),
          kind: pick(r, ['告知书', '送达回证', '处罚决定书'] as const),
          confidence: int(r, 0, 100) / 100,
          firstLines: [text(r)],
          caseNo: pick(r, ['德市监罚〔2024〕1号', null] as const),
          date: pick(r, ['2024-03-02', null] as const),
        },
      ],
      updatedAt: iso(r),
    })),
  auditSuperseded: (r) =>
    Array.from({ length: int(r, 0, 3) }, (_, i) => ({
      ...makeAuditEntry(null, {
        at: iso(r),
        actor: text(r),
        action: 'letter.issue',
        objectType: 'letter',
        objectId: String(i),
        summary: text(r),
        content: { i },
      }),
      seq: i + 3,
      id: `${'f'.repeat(64)}:${i + 3}`,
      restoreSeq: 3,
      restoreHash: 'f'.repeat(64),
      restoredAt: iso(r),
      restoredBy: text(r),
      backupCreatedAt: iso(r),
    })),
  auditLog: (r) => {
    const out: AuditEntry[] = [];
    for (let i = 0; i < n(r) + 1; i++) {
      out.push(
        makeAuditEntry(out.at(-1) ?? null, {
          at: iso(r),
          actor: text(r),
          action: pick(r, ['ledger.import', 'draw.create', 'letter.issue', 'score.submit'] as const),
          objectType: 'x',
          objectId: String(i),
          summary: text(r),
          content: { i },
        }),
      );
    }
    return out;
  },
};

/** The context every generator shares (a campaign, its standards and a real draw). */
export function makeContext(r: Rng, populationSize = 300): GenContext {
  const standards = STANDARDS.slice(0, int(r, 1, 4)).map((f) => {
    const s = f();
    return { ...s, status: 'published' as const };
  });
  return { campaignId: 'c-1', population: makePopulation(populationSize), standards };
}
