// The store's record shapes and its schema history. Versions are APPEND-ONLY: never edit a
// published entry of SCHEMA_VERSIONS; add a new one (with a migration test in test/db/).
import type { Transaction } from 'dexie';
import type { ColumnMapping, LedgerField, TextEncodingName } from '@shared/ledger/types';
import { seedDirectory } from '@shared/ledger/departments';
import type { CaseColumns } from '@shared/cases/case-columns';
import { randomId } from './random-id';

export const DB_NAME = 'pingcha';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type ImportStatus = 'pending' | 'committed';

/** One imported ledger file (one sheet). Pending imports are invisible and rolled back on start. */
export interface ImportRecord {
  id: string;
  status: ImportStatus;
  fileName: string;
  sheetName: string;
  /** SHA-256 of the file's bytes: the same file imported twice is recognised. */
  sha256: string;
  fileSize: number;
  encoding: TextEncodingName | null;
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  defaultDepartment: string | null;
  defaultCaseType: string | null;
  departments: string[];
  counts: { rowsRead: number; imported: number; errors: number; warnings: number; excluded: number };
  chunkCount: number;
  startedAt: string;
  committedAt: string | null;
  /** True for the 示例数据 loader's imports: shown as demo data and removable in one step. */
  isDemo: boolean;
  /** True when the user insisted on importing a file whose SHA-256 was already imported. */
  insistedDuplicate: boolean;
  /**
   * Department names as the ledger wrote them -> the directory's name they were stored under (机构名录),
   * for the record and for `draw verify`. Absent on imports made before the directory (schema < 4).
   */
  departmentMap?: Record<string, string>;
  /** Cells corrected in the import wizard, kept so draw verify replays them on the same file (issue 25). */
  cellEdits?: import('@shared/ledger/cell-edits').CellEdit[];
  /**
   * The session (page or worker) writing a pending import; it holds the Web Lock
   * `pingcha-import-owner:<owner>` while alive, so start-up clean-up leaves a live import alone.
   */
  owner?: string;
}

/**
 * Case files travel in column-oriented chunks: Chromium's IndexedDB writes ~9,000 records/s,
 * so one record per case file could never import 500,000 rows in 30 s. A chunk of
 * CHUNK_SIZE rows is one record; browsing and the draw work on an in-memory index built
 * from the chunks (shared/cases/case-index.ts, loaded by renderer/ledgers/case-index-context.tsx; the
 * draw worker keeps its own columns, renderer/workers/draw-service.ts).
 */
export const CHUNK_SIZE = 2000;

/** One stored chunk: the index columns (shared/cases/case-columns.ts) of up to CHUNK_SIZE rows of one import. */
export interface CaseChunk extends CaseColumns {
  importId: string;
  seq: number;
  count: number;
  /**
   * On an import's first chunk (seq 0): the positions of all its rows (over its chunks in seq order) in
   * code-point order of itemId (codePointOrder), written with the import so the draw merges these
   * orders instead of sorting every id after a reload. A hint: the draw checks it and sorts when absent
   * or stale (e.g. an import written before it existed, or an id renamed since).
   */
  idOrder?: Uint32Array;
}

/** The original cells of each row, kept apart from the index columns (read only on demand). */
export interface RawChunk {
  importId: string;
  seq: number;
  raw: string[][];
}

/** The column mapping a user confirmed, remembered per department by header text. */
export interface MappingMemory {
  department: string;
  byHeader: Record<LedgerField, string | null>;
  updatedAt: string;
}

export interface SchemaVersion {
  version: number;
  /** Only the tables this version adds or changes (Dexie keeps the others). */
  stores: Record<string, string | null>;
  /** Moves data an older version stored into this version's shape (runs once, in Dexie's upgrade transaction). */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      imports: 'id, status, sha256, committedAt',
      caseChunks: '[importId+seq], importId',
      rawChunks: '[importId+seq], importId',
      mappings: 'department',
    },
  },
  {
    // Campaign workflow, officers and the audit log. Record types live with each area's
    // repository (renderer/db/*-repository.ts), which augments PingchaDatabase with its tables.
    version: 2,
    stores: {
      campaigns: 'id, year, createdAt',
      draws: 'id, campaignId',
      drawEvents: 'id, drawId, [drawId+seq]',
      standards: '[id+version], id',
      reviewers: 'id, campaignId',
      assignments: 'campaignId',
      scoreSheets: 'id, campaignId, itemId, reviewerId, [campaignId+itemId]',
      finalResults: '[campaignId+itemId], campaignId',
      letters: 'id, campaignId, department, status',
      letterNumbers: 'id, [prefix+year], status',
      attachments: 'id, ownerId',
      officers: 'id, department, certificateNo, idNumber',
      examSittings: 'id',
      examCandidates: 'id, sittingId, idNumber',
      trainingSessions: 'id, year',
      trainingAttendance: 'id, sessionId, officerId',
      annualReviews: 'id, year',
      reviewDecisions: 'id, reviewId, officerId',
      panelPackages: 'id, campaignId',
      auditLog: 'seq, at, action',
    },
  },
  {
    // A draw's population ids (up to 500,000 strings, ~40 MB to deserialise) move out of the draw
    // row into their own record: pages that show a draw read the small row only; export and
    // verification read the population when they need it (renderer/db/campaign-repository.ts).
    version: 3,
    stores: { drawPopulations: 'drawId' },
    upgrade: async (tx) => {
      const draws = tx.table('draws');
      const rows = (await draws.toArray()) as (Record<string, unknown> & {
        id: string;
        record: { population: { ids: string[] } };
      })[];
      for (const row of rows) {
        if (row.populationSeparate) continue;
        const { populationStrata, ...rest } = row;
        await tx.table('drawPopulations').put({
          drawId: row.id,
          ids: row.record.population.ids,
          ...(populationStrata ? { populationStrata } : {}),
        });
        await draws.put({
          ...rest,
          record: { ...row.record, population: { ...row.record.population, ids: [] } },
          populationSeparate: true,
        });
      }
    },
  },
  {
    // Log entries a restore rolled back (issue 10): kept as a superseded branch of the log, outside
    // what a restore replaces (renderer/db/backup-repository.ts), shown on the log page.
    version: 4,
    stores: { auditSuperseded: 'id, restoreSeq, seq' },
  },
  {
    // The department directory (机构名录): one record per enforcement department with its aliases and
    // case-number prefixes (renderer/db/directory-repository.ts). Seeded from the departments of the
    // ledgers already imported; 德阳市X and 市X become one entry by the city-prefix rule.
    version: 5,
    stores: { departments: 'id, name' },
    upgrade: async (tx) => {
      const imports = (await tx.table('imports').toArray()) as {
        status: string;
        departments?: string[];
        isDemo?: boolean;
      }[];
      const names: { name: string; isDemo: boolean }[] = [];
      for (const r of imports)
        if (r.status === 'committed')
          for (const name of r.departments ?? []) names.push({ name, isDemo: r.isDemo === true });
      const seeded = seedDirectory(
        [],
        names.map((n) => n.name),
        () => newDepartmentId(),
      );
      const demoOnly = new Set(names.filter((n) => n.isDemo).map((n) => n.name));
      for (const n of names) if (!n.isDemo) demoOnly.delete(n.name);
      const at = new Date().toISOString();
      for (const d of seeded.directory)
        await tx
          .table('departments')
          .put({ ...d, isDemo: demoOnly.has(d.name), createdAt: at, updatedAt: at });
    },
  },
  {
    // The office signing key's public half, one row per key the office has used (history stays
    // verifiable from any backup). The secret key is never in this database: it lives in a separate
    // keyring database that backups do not read (renderer/db/office-key-repository.ts).
    version: 6,
    stores: { signingKeys: 'publicKey, createdAt' },
  },
  {
    // 台账体检 (issue 26): one record per committed import with the rule census of its rows — the flags
    // (row offset, rule, sentence) and the tallies per rule — and the rule pack / registry digests it was
    // computed with, so a changed pack or registry re-runs it (renderer/db/rule-census-repository.ts);
    // and the reviewers' decisions on the flags of drawn files (confirmed with a deduction, or dismissed
    // with a reason), for the precision per rule in the results (renderer/db/flag-decision-repository.ts).
    version: 7,
    stores: { ruleCensus: 'importId', flagDecisions: 'id, campaignId' },
  },
  {
    // 电子案卷 (issue 27): scanned case files attached to drawn files. `caseFiles` holds one row per
    // file attached to a drawn file (name, size, SHA-256); the bytes are kept once per SHA-256 in
    // `caseFileBytes`, so listing files never loads them; page labels (立案审批表, 送达回证 …) are kept
    // with the file's hash in `caseFilePages` (renderer/db/case-file-repository.ts).
    version: 8,
    stores: {
      caseFiles: 'id, campaignId, [campaignId+itemId], sha256',
      caseFileBytes: 'sha256',
      caseFilePages: 'sha256',
    },
  },
  {
    // 页面识别 (issue 28): what the offline OCR read from each page of a case file (kind, confidence, first
    // lines, 案号, date), one row per file by its SHA-256, beside the hand labels in `caseFilePages`
    // (renderer/db/case-file-reading-repository.ts). Machine output: a hand label always wins.
    version: 9,
    stores: { caseFileReadings: 'sha256' },
  },
];

/** A random id for a directory entry. */
export function newDepartmentId(): string {
  return randomId('dep_', 8);
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
