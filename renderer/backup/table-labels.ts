import { STORE_TABLE_LABELS, storeTableLabel } from '@shared/backup/table-labels';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import type { PingchaDatabase, TableName } from '../db/database';
import { OPERATOR_AREA, readSettings } from '../db/settings-repository';

/**
 * Chinese names of the store's tables, for the backup and restore screens. A Record over every
 * table: a new table without its label does not compile.
 */
export const TABLE_LABELS: Record<TableName, string> = STORE_TABLE_LABELS;

/** The Chinese name of a table; a table only a newer version of the app knows shows 未知数据表 with its name. */
export function tableLabel(name: string): string {
  return storeTableLabel(name);
}

export async function currentOperator(db: PingchaDatabase): Promise<string> {
  return operatorLabel(await readSettings(db, OPERATOR_AREA, operatorSettingsSchema));
}
