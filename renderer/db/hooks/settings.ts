import { useLiveQuery } from 'dexie-react-hooks';
import type { z } from 'zod';
import { getDatabase } from '../database';
import { readSettings, writeSettings } from '../settings-repository';

/** Live settings of one area (re-renders when any window changes them) and a saver. */
export function useSettings<S extends z.ZodType>(
  area: string,
  schema: S,
): [z.infer<S> | undefined, (v: z.input<S>) => Promise<z.infer<S>>] {
  const value = useLiveQuery(() => readSettings(getDatabase(), area, schema), [area]);
  return [value, (v) => writeSettings(getDatabase(), area, schema, v)];
}
