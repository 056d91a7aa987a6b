import { getDatabase, type PingchaDatabase } from '../database';

/** A repository function: the store first, then the call's own arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument list; each is kept exactly below
type RepositoryFunction = (db: PingchaDatabase, ...args: any[]) => unknown;

/** The same function with the app's store already given. */
export type OnStore<F> = F extends (db: PingchaDatabase, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/**
 * Repository functions bound to the app's one database, so pages and components call
 * `scoreStore.saveSheet(input)` and never hold the store themselves (renderer/db is the only door,
 * for writes as for reads). The database is looked up on each call, not when the module loads,
 * so the page opens it only when it first reads or writes.
 */
export function onStore<T extends Record<string, RepositoryFunction>>(
  functions: T,
): { readonly [K in keyof T]: OnStore<T[K]> } {
  const bound: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, fn] of Object.entries(functions)) bound[name] = (...args) => fn(getDatabase(), ...args);
  return bound as { readonly [K in keyof T]: OnStore<T[K]> };
}
