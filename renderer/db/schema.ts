// The store's record shapes and its schema history. Versions are APPEND-ONLY: never edit a
// published entry of SCHEMA_VERSIONS; add a new one (with a migration test in test/db/).
import type { Transaction } from 'dexie';
import type { ColumnMapping, LedgerField, TextEncodingName } from '@shared/ledger/types';

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
   * The session (page or worker) writing a pending import; it holds the Web Lock
   * `pingcha-import-owner:<owner>` while alive, so start-up clean-up leaves a live import alone.
   */
  owner?: string;
}

/**
 * Case files travel in column-oriented chunks: Chromium's IndexedDB writes ~9,000 records/s,
 * so one record per case file could never import 500,000 rows in 30 s. A chunk of
 * CHUNK_SIZE rows is one record; browsing and the draw work on an in-memory index built
 * from the chunks (renderer/db/case-index.ts).
 */
export const CHUNK_SIZE = 2000;

export interface CaseChunk {
  importId: string;
  seq: number;
  count: number;
  itemId: string[];
  caseNo: string[];
  department: string[];
  caseType: string[];
  cause: string[];
  party: string[];
  filedDate: (string | null)[];
  closedDate: (string | null)[];
  amountFen: (number | null)[];
  officer: string[];
  certNo: string[];
  sourceRow: number[];
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
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
