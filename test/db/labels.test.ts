import { describe, expect, it } from 'vitest';
import { TABLE_LABELS, tableLabel } from '../../renderer/backup/table-labels';
import { ACTION_LABELS, actionLabel } from '../../shared/audit/action-labels';
import { freshDb } from './helpers';

// The compiler checks both lists against the types; these check them against what runs:
// the tables the schema really creates, and readable names for the user.
describe('labels for every table and log action', () => {
  it('every table the schema creates has a Chinese label, and no label names a table that does not exist', async () => {
    const db = freshDb();
    await db.open();
    const tables = db.tables.map((t) => t.name).sort();
    expect(Object.keys(TABLE_LABELS).sort()).toEqual(tables);
    for (const name of tables) expect(tableLabel(name)).toMatch(/[\u4e00-\u9fff]/);
    db.close();
  });

  it('an unknown table or action is named as unknown, never shown bare', () => {
    expect(tableLabel('futureTable')).toBe('未知数据表（futureTable）');
    expect(actionLabel('future.action')).toBe('未知操作（future.action）');
  });

  it('every action label is Chinese (campaign.create and training.import included)', () => {
    expect(actionLabel('campaign.create')).toBe('新建评查活动');
    expect(actionLabel('training.import')).toBe('导入培训出勤');
    for (const label of Object.values(ACTION_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fff]/);
  });
});
