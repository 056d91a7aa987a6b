import { STORE_TABLE_LABELS, storeTableLabel } from '@shared/backup/table-labels';
import type { TableName } from '../db/database';

/**
 * Chinese names of the store's tables, for the backup and restore screens. A Record over every
 * table: a new table without its label does not compile.
 */
export const TABLE_LABELS: Record<TableName, string> = STORE_TABLE_LABELS;

/** The Chinese name of a table; a table only a newer version of the app knows shows 未知数据表 with its name. */
export function tableLabel(name: string): string {
  return storeTableLabel(name);
}
