import { describe, expect, it } from 'vitest';
import { getDatabase, type PingchaDatabase } from '../../renderer/db/database';
import { onStore } from '../../renderer/db/hooks/on-store';
import { settingsStore } from '../../renderer/db/hooks/settings';
import { operatorSettingsSchema } from '../../shared/util/operator-settings';
import { OPERATOR_AREA, readSettings, writeSettings } from '../../renderer/db/settings-repository';

describe('onStore: repository functions bound to the app’s store', () => {
  it('passes the app’s database first and the call’s own arguments after it, and returns the result', () => {
    const seen: unknown[][] = [];
    const bound = onStore({
      pair: (db: PingchaDatabase, a: number, b: string) => {
        seen.push([db, a, b]);
        return `${a}${b}`;
      },
    });
    expect(bound.pair(1, 'x')).toBe('1x');
    expect(seen).toEqual([[getDatabase(), 1, 'x']]);
  });

  it('writes and reads the app’s store: the operator saved through the settings hook is the one currentOperator names', async () => {
    await writeSettings(getDatabase(), OPERATOR_AREA, operatorSettingsSchema, {
      name: '张三',
      unit: '市司法局',
    });
    expect((await readSettings(getDatabase(), OPERATOR_AREA, operatorSettingsSchema)).name).toBe('张三');
    expect(await settingsStore.currentOperator()).toBe('张三（市司法局）');
  });
});
