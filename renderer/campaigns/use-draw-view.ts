import { startTransition, useEffect, useState } from 'react';
import { useCaseIndex } from '../ledgers/case-index-context';
import type { DrawView, PopulationCheck } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';

/**
 * The draw as the worker shows it (the one just made, or loaded), whether today's ledgers still match its
 * population, and when its tables may mount.
 */
export function useDrawView(drawId: string, initial: DrawView | null) {
  const runner = useDrawRunner();
  const { version } = useCaseIndex();
  const [view, setView] = useState<DrawView | null>(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [check, setCheck] = useState<PopulationCheck | null>(null);
  // The tables mount one task after the page itself: on a draw the planner's teardown and the result's
  // header commit first, the table (its column measuring and fixed column) next, so neither commit is a
  // long main-thread task on a 500k-file campaign (issue 16).
  const [tablesShown, setTablesShown] = useState(false);
  const hasView = view !== null;
  useEffect(() => {
    if (!hasView) return;
    const t = setTimeout(() => startTransition(() => setTablesShown(true)), 0);
    return () => clearTimeout(t);
  }, [hasView]);

  useEffect(() => {
    if (view?.drawId === drawId) return;
    void runner.view(drawId).then(
      (v) => startTransition(() => setView(v)),
      (e: Error) => setLoadError(e.message),
    );
  }, [runner, drawId, view]);
  useEffect(() => {
    let live = true;
    void runner.checkPopulation(drawId).then(
      (c) => live && setCheck(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [runner, drawId, version]);

  return { view, setView, loadError, check, tablesShown };
}
