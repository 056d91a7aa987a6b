import Dexie, { type Table } from 'dexie';
import {
  DB_NAME,
  SCHEMA_VERSIONS,
  type CaseChunk,
  type ImportRecord,
  type MappingMemory,
  type MetaRecord,
  type RawChunk,
} from './schema';
import { WriteGate, installWriteGate, webLocks } from './write-gate';
import { signWhenOpen } from './office-key-repository';

/**
 * The one database. Tables added after version 1 are typed by module augmentation from their
 * repository files (e.g. `declare module './database' { interface PingchaDatabase { letters: Table<...> } }`),
 * so each area owns its record types; the index definitions stay together in schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- augmented per area, see above
export class PingchaDatabase extends Dexie {
  meta!: Table<MetaRecord, string>;
  imports!: Table<ImportRecord, string>;
  caseChunks!: Table<CaseChunk, [string, number]>;
  rawChunks!: Table<RawChunk, [string, number]>;
  mappings!: Table<MappingMemory, string>;

  /** Whether this connection may write (one writer window at a time; see write-gate.ts). */
  readonly gate: WriteGate;

  constructor(name = DB_NAME, upTo = SCHEMA_VERSIONS.length, gate = new WriteGate()) {
    super(name);
    this.gate = gate;
    installWriteGate(this, gate);
    // Declare every version in order: Dexie runs the upgrades an older database needs.
    for (const v of SCHEMA_VERSIONS.slice(0, upTo)) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PingchaDatabase {}

/** Every table of the database, as the compiler knows it (each area augments PingchaDatabase). */
export type TableName = {
  [K in keyof PingchaDatabase]: PingchaDatabase[K] extends Table<infer _R, infer _K> ? K : never;
}[keyof PingchaDatabase];

let instance: PingchaDatabase | null = null;

/**
 * The page's gate: a reader until the writer lock is ours (renderer/db/writer-lock.ts). Workers get
 * theirs from their name (`workerGate`), tests create PingchaDatabase instances that may write.
 */
export const appGate = new WriteGate(webLocks() ? 'reader' : 'writer');

/** The app's one database (per origin). Tests create their own PingchaDatabase instances. */
export function getDatabase(): PingchaDatabase {
  instance ??= signWhenOpen(new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, appGate));
  return instance;
}
