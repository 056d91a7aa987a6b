import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CaseIndex } from '@shared/cases/case-index';
import type { CaseColumns } from '@shared/cases/case-columns';
import { getDatabase } from '../db/database';
import { listCommittedImports, loadCaseChunks, rollbackPendingImports } from '../db/ledger-repository';
import type { ImportRecord } from '../db/schema';

interface CaseIndexState {
  index: CaseIndex;
  /** Bumped whenever the index changes, for memo dependencies. */
  version: number;
  imports: ImportRecord[];
  loading: boolean;
}

const Ctx = createContext<CaseIndexState | null>(null);

// Startup clean-up runs once per page: imports a closed page left pending are rolled back.
let startup: Promise<number> | null = null;
function ensureStartupCleanup(): Promise<number> {
  startup ??= rollbackPendingImports(getDatabase());
  return startup;
}

/**
 * Keeps the in-memory case index in step with the committed imports: new imports are
 * appended chunk by chunk, deleted ones dropped. Reads only committed imports.
 */
export function CaseIndexProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void ensureStartupCleanup().finally(() => setReady(true));
  }, []);
  const imports = useLiveQuery(() => (ready ? listCommittedImports(getDatabase()) : undefined), [ready]);
  const indexRef = useRef(new CaseIndex());
  const [state, setState] = useState<CaseIndexState>({
    index: indexRef.current,
    version: 0,
    imports: [],
    loading: true,
  });

  useEffect(() => {
    if (!imports) return;
    let cancelled = false;
    const wanted = new Set(imports.map((r) => r.id));
    let index = indexRef.current;
    const removed = new Set(index.imports.filter((id) => !wanted.has(id)));
    if (removed.size) index = index.without(removed);
    const added = imports.filter((r) => !index.imports.includes(r.id));
    const target = index;
    setState((s) => ({ ...s, loading: added.length > 0 }));
    void (async () => {
      // Collect the additions first, then append: a cancelled load leaves the index intact.
      const loaded: [string, CaseColumns][] = [];
      if (added.length) await loadCaseChunks(getDatabase(), added, (id, cols) => loaded.push([id, cols]));
      if (cancelled) return;
      for (const [id, cols] of loaded) target.append(id, cols);
      indexRef.current = target;
      setState((s) => ({ index: target, version: s.version + 1, imports, loading: false }));
    })();
    return () => {
      cancelled = true;
    };
  }, [imports]);

  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

export function useCaseIndex(): CaseIndexState {
  const value = useContext(Ctx);
  if (!value) throw new Error('useCaseIndex must be used inside CaseIndexProvider');
  return value;
}
