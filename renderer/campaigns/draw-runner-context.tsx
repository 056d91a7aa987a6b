import { createContext, useContext } from 'react';
import { createWorkerDrawRunner, type DrawRunner } from '../workers/draw-client';

let shared: DrawRunner | null = null;
/** One draw worker for the app (it keeps the ledgers loaded); tests provide an in-process runner. */
export const DrawRunnerContext = createContext<() => DrawRunner>(() => (shared ??= createWorkerDrawRunner()));

export function useDrawRunner(): DrawRunner {
  return useContext(DrawRunnerContext)();
}
