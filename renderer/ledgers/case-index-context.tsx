import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { CaseIndex } from '@shared/cases/case-index';
import { appGate } from '../db/database';
import { ledgerStore, useCommittedImports } from '../db/hooks/ledgers';
import type { ImportRecord } from '../db/schema';
import {
  defaultCaseIndexBuilder,
  takeImportedCaseIndex,
  type CaseIndexBuilder,
} from '../workers/case-index-client';

interface CaseIndexState {
  index: CaseIndex;
  /** Bumped whenever the index changes, for memo dependencies. */
  version: number;
  imports: ImportRecord[];
  loading: boolean;
}

const Ctx = createContext<CaseIndexState | null>(null);

// Startup clean-up runs once per page, in the writer window only (a reader runs it when it takes
// over, see main.tsx): imports a closed page left pending are rolled back.
let startup: Promise<number> | null = null;
function ensureStartupCleanup(): Promise<number> {
  startup ??= appGate.role === 'writer' ? ledgerStore.rollbackPendingImports() : Promise.resolve(0);
  return startup;
}

const CHUNKS_PER_READ = 4;
const PUBLISH_EVERY_MS = 400;

/** Lets the browser paint and handle input between chunks (no long main-thread task). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Builds the whole index at start-up in a worker (issue 31); null where there are no module workers. */
const builder: CaseIndexBuilder | null = defaultCaseIndexBuilder();

/**
 * Keeps the in-memory case index in step with the committed imports. One sync loop at a time:
 * it drops deleted imports, then loads each new import chunk by chunk (one IndexedDB read and one
 * append per task), publishing after each import; if the imports change meanwhile it goes round
 * again. An import deleted while it is being loaded is dropped again at once.
 */
export function CaseIndexProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void ensureStartupCleanup().finally(() => setReady(true));
  }, []);
  const imports = useCommittedImports(ready);
  const [state, setState] = useState<CaseIndexState>({
    index: new CaseIndex(),
    version: 0,
    imports: [],
    loading: true,
  });
  const sync = useRef<SyncState | null>(null);
  sync.current ??= {
    wanted: null,
    running: false,
    alive: true,
    index: state.index,
    loaded: new Map(),
    setState,
  };

  // Unmounted (the page closed, a test torn down): the loop stops reading and publishes nothing more.
  useEffect(() => {
    const st = sync.current!;
    st.alive = true;
    return () => {
      st.alive = false;
    };
  }, []);

  useEffect(() => {
    const st = sync.current!;
    if (!imports) return;
    st.wanted = imports;
    if (!st.running) void syncIndex(st);
  }, [imports]);

  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

interface SyncState {
  wanted: ImportRecord[] | null;
  running: boolean;
  /** False once the provider is unmounted. */
  alive: boolean;
  index: CaseIndex;
  /** Import id -> its departments when loaded. */
  loaded: Map<string, string>;
  setState: (f: (s: CaseIndexState) => CaseIndexState) => void;
}

async function syncIndex(st: SyncState): Promise<void> {
  st.running = true;
  const publish = (loading: boolean) => {
    if (st.alive)
      st.setState((s) => ({ index: st.index, version: s.version + 1, imports: st.wanted ?? [], loading }));
  };
  let synced: ImportRecord[] | null = null;
  try {
    for (;;) {
      if (!st.alive) break;
      synced = st.wanted;
      const target = st.wanted ?? [];
      // an import whose departments changed (机构名录: rename or merge) is loaded again
      const sig = (r: ImportRecord) => r.departments.join('\u0001');
      const ids = new Set(
        target
          .filter((r) => st.loaded.get(r.id) === undefined || st.loaded.get(r.id) === sig(r))
          .map((r) => r.id),
      );
      const removed = new Set(st.index.imports.filter((id) => !ids.has(id)));
      for (const id of removed) st.loaded.delete(id);
      if (removed.size) st.index = st.index.without(removed);
      const next = target.find((r) => !st.index.imports.includes(r.id));
      if (!next) break;
      publish(true);
      // Imported from this page: its rows came with the commit, packed in the import worker (issue 31).
      const handed = await takeImportedCaseIndex(next.id);
      if (handed && sameDepartments(handed, next)) {
        st.index.appendIndex(handed);
        st.loaded.set(next.id, sig(next));
        continue;
      }
      if (builder && st.index.size === 0) {
        // At start-up (or after everything was deleted) the whole index is built in a worker and its typed
        // columns transferred here: no chunk is decoded on this thread. If an import goes meanwhile, the
        // loop drops it; if the worker fails, the chunks are loaded here as below.
        try {
          const built = builder(target);
          built.catch(() => undefined); // its failure is handled where it is awaited below
          // First rows at once: the first chunk, read here, is shown until the whole index arrives.
          const [first] = await ledgerStore.readCaseChunks([[next.id, 0]]);
          if (first) {
            st.index = new CaseIndex();
            st.index.append(next.id, first);
            publish(true);
          }
          st.index = await built;
          for (const r of target) st.loaded.set(r.id, sig(r));
          continue;
        } catch {
          st.index = new CaseIndex();
        }
      }
      let complete = true;
      // Rows show as soon as the first chunk is in, then every PUBLISH_EVERY_MS while the rest loads
      // (reload to usable with 500,000 files: issue 16); a few chunks per IndexedDB read.
      let published = -Infinity;
      for (let seq = 0; seq < next.chunkCount && complete && st.alive; seq += CHUNKS_PER_READ) {
        const keys: [string, number][] = [];
        for (let k = seq; k < Math.min(next.chunkCount, seq + CHUNKS_PER_READ); k++) keys.push([next.id, k]);
        const chunks = await ledgerStore.readCaseChunks(keys);
        for (const chunk of chunks) {
          if (!chunk) {
            complete = false; // deleted while loading
            break;
          }
          st.index.append(next.id, chunk);
          if (performance.now() - published >= PUBLISH_EVERY_MS) {
            publish(true);
            published = performance.now();
          }
          await nextTask();
        }
      }
      if (!complete) st.index = st.index.without(new Set([next.id]));
      else st.loaded.set(next.id, sig(next));
    }
  } finally {
    st.running = false;
    publish(false);
  }
  // The imports changed after the last check: go round again.
  if (st.alive && st.wanted !== synced) await syncIndex(st);
}

/** The handed-over rows still name the import's departments (no 机构名录 rename since the commit). */
function sameDepartments(part: CaseIndex, imp: ImportRecord): boolean {
  const names = part.distinct('department');
  return names.length === imp.departments.length && names.every((d) => imp.departments.includes(d));
}

export function useCaseIndex(): CaseIndexState {
  const value = useContext(Ctx);
  if (!value) throw new Error('useCaseIndex must be used inside CaseIndexProvider');
  return value;
}
