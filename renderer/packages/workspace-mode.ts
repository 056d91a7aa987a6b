// A reviewer's laptop (a store opened from a panel package, meta `packageWorkspace`) is shown as
// what it is: the reviewer's files and progress, the standard they score by, the results package
// to send back, and settings. The coordinator's areas (ledgers, campaigns, results, letters,
// officers) are not offered there.
import type { PackageWorkspace } from '../db/package-repository';
import { useWorkspace } from '../db/hooks/packages';

/** Navigation sections a reviewer workspace offers, in the left navigation's order. */
export const WORKSPACE_SECTION_KEYS: ReadonlySet<string> = new Set([
  'review',
  'standards',
  'data-safety',
  'settings',
]);

/** The section a workspace opens on, and falls back to for any route it does not offer. */
export const WORKSPACE_HOME = 'review';

/**
 * The navigation for this store: every section, or in a reviewer workspace only theirs; `section`
 * is the one the route names, falling back to the first (a workspace falls back to 评查).
 */
export function useNavSections<T extends { key: string }>(
  all: readonly T[],
  routeKey: string,
): { sections: readonly T[]; section: T; workspace: PackageWorkspace | null | undefined } {
  const workspace = useWorkspace();
  const sections = workspace ? all.filter((s) => WORKSPACE_SECTION_KEYS.has(s.key)) : all;
  const section =
    sections.find((s) => s.key === routeKey) ??
    (workspace ? sections.find((s) => s.key === WORKSPACE_HOME) : undefined) ??
    sections[0]!;
  return { sections, section, workspace };
}
