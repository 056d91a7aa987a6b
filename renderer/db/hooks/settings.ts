import { useLiveQuery } from 'dexie-react-hooks';
import type { z } from 'zod';
import { getDatabase } from '../database';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import { currentOperator, OPERATOR_AREA, readSettings, writeSettings } from '../settings-repository';
import { onStore } from './on-store';

/** Live settings of one area (re-renders when any window changes them) and a saver. */
export function useSettings<S extends z.ZodType>(
  area: string,
  schema: S,
): [z.infer<S> | undefined, (v: z.input<S>) => Promise<z.infer<S>>] {
  const value = useLiveQuery(() => readSettings(getDatabase(), area, schema), [area]);
  return [value, (v) => writeSettings(getDatabase(), area, schema, v)];
}

/** Settings and the operator: reads and writes bound to the app's store. */
export const settingsStore = onStore({ currentOperator });

/** The name of the person at the keyboard, live ('未署名操作人员' while none is set). */
export function useOperatorName(): string {
  const [s] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  return s ? operatorLabel(s) : '未署名操作人员';
}
