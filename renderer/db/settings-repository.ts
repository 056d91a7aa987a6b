// Settings live in the meta table, one record per area, validated with the area's zod schema:
// a stored value that no longer fits (older version, hand-edited backup) falls back to defaults
// field by field instead of breaking the page.
import type { z } from 'zod';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import type { PingchaDatabase } from './database';

const KEY = (area: string) => `settings:${area}`;

export async function readSettings<S extends z.ZodType>(
  db: PingchaDatabase,
  area: string,
  schema: S,
): Promise<z.infer<S>> {
  const stored = (await db.meta.get(KEY(area)))?.value ?? {};
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : schema.parse({});
}

export async function writeSettings<S extends z.ZodType>(
  db: PingchaDatabase,
  area: string,
  schema: S,
  value: z.input<S>,
): Promise<z.infer<S>> {
  const parsed = schema.parse(value);
  await db.meta.put({ key: KEY(area), value: parsed });
  return parsed;
}

/** Who is working at this machine: every log entry and decision records it. */
export const OPERATOR_AREA = 'operator';

/** The name of the person at the keyboard, as log entries and decisions record it ('未署名操作人员' when none). */
export async function currentOperator(db: PingchaDatabase): Promise<string> {
  return operatorLabel(await readSettings(db, OPERATOR_AREA, operatorSettingsSchema));
}
