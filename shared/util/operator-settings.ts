import { z } from 'zod';

/** The person at this machine (no accounts: a panel shares machines; the name goes into the log). */
export const operatorSettingsSchema = z.object({
  name: z.string().trim().max(40).default(''),
  unit: z.string().trim().max(80).default(''),
  /** People who used this machine before, newest first: switching back is one click. */
  recent: z
    .array(z.object({ name: z.string().trim().min(1).max(40), unit: z.string().trim().max(80).default('') }))
    .max(8)
    .default([])
    .catch([]),
});
export type OperatorSettings = z.infer<typeof operatorSettingsSchema>;

export function operatorLabel(s: Pick<OperatorSettings, 'name' | 'unit'>): string {
  return s.name ? (s.unit ? `${s.name}（${s.unit}）` : s.name) : '未署名操作人员';
}

/** The actor of what the app does by itself, before anyone is named (the office key made at first start). */
export const SYSTEM_ACTOR = '评查台（自动）';
