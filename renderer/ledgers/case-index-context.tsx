import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CaseIndex } from '@shared/cases/case-index';
import { appGate, getDatabase } from '../db/database';
import { listCommittedImports, rollbackPendingImports } from '../db/ledger-repository';
import type { ImportRecord } from '../db/schema';

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
  startup ??= appGate.role === 'writer' ? rollbackPendingImports(getDatabase()) : Promise.resolve(0);
  return startup;
}

/** Lets the browser paint and handle input between chunks (no long main-thread task). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
  const imports = useLiveQuery(() => (ready ? listCommittedImports(getDatabase()) : undefined), [ready]);
  const [state, setState] = useState<CaseIndexState>({
    index: new CaseIndex(),
    version: 0,
    imports: [],
    loading: true,
  });
  const sync = useRef<SyncState | null>(null);
  sync.current ??= { wanted: null, running: false, index: state.index, setState };

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
  index: CaseIndex;
  setState: (f: (s: CaseIndexState) => CaseIndexState) => void;
}

async function syncIndex(st: SyncState): Promise<void> {
  st.running = true;
  const db = getDatabase();
  const publish = (loading: boolean) =>
    st.setState((s) => ({ index: st.index, version: s.version + 1, imports: st.wanted ?? [], loading }));
  let synced: ImportRecord[] | null = null;
  try {
    for (;;) {
      synced = st.wanted;
      const target = st.wanted ?? [];
      const ids = new Set(target.map((r) => r.id));
      const removed = new Set(st.index.imports.filter((id) => !ids.has(id)));
      if (removed.size) st.index = st.index.without(removed);
      const next = target.find((r) => !st.index.imports.includes(r.id));
      if (!next) break;
      publish(true);
      let complete = true;
      for (let seq = 0; seq < next.chunkCount; seq++) {
        const chunk = await db.caseChunks.get([next.id, seq]);
        if (!chunk) {
          complete = false; // deleted while loading
          break;
        }
        st.index.append(next.id, chunk);
        await nextTask();
      }
      if (!complete) st.index = st.index.without(new Set([next.id]));
    }
  } finally {
    st.running = false;
    publish(false);
  }
  // The imports changed after the last check: go round again.
  if (st.wanted !== synced) await syncIndex(st);
}

export function useCaseIndex(): CaseIndexState {
  const value = useContext(Ctx);
  if (!value) throw new Error('useCaseIndex must be used inside CaseIndexProvider');
  return value;
}
