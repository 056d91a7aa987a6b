// Corrections made in the import wizard, replayed on a file (issue 25): applied only where the cell still holds
// the text the correction was made on; otherwise refused in Chinese with the place named and nothing changed.
import { describe, expect, it } from 'vitest';
import { applyCellEdits, cellEditProblem, type CellEdit } from '../../shared/ledger/cell-edits';
import type { Cell } from '../../shared/ledger/types';

const rows = (): Cell[][] => [
  ['案件编号', '结案日期'],
  ['A-1', '2025-05-01'],
  [null, 20250301],
];
const edits: CellEdit[] = [
  { row: 2, column: 1, header: '结案日期', before: '2025-05-01', value: '2025-05-20' },
  { row: 3, column: 0, header: '案件编号', before: '', value: 'A-2' },
];

describe('cell edits', () => {
  it('replays corrections on the cells they were made on', () => {
    const r = rows();
    applyCellEdits(r, edits, '台账.csv');
    expect(r[1]).toEqual(['A-1', '2025-05-20']);
    expect(r[2]).toEqual(['A-2', 20250301]);
  });

  it('refuses a file whose cell changed, naming the place, and changes nothing', () => {
    const r = rows();
    r[2]![0] = 'B-9';
    const before = JSON.stringify(r);
    expect(() => applyCellEdits(r, edits, '台账.csv')).toThrow(
      '文件“台账.csv”第 3 行“案件编号”列的内容是“B-9”，与导入时改正前的“”不同，无法重放导入时的改正。',
    );
    expect(JSON.stringify(r)).toBe(before);
  });

  it('a correction must be a data row and a column of the table', () => {
    const r = rows();
    expect(cellEditProblem(r, 0, ['案件编号', '结案日期'], 1, 0, 'x')).toBe(
      '第 1 行不是本表的数据行，不能改正。',
    );
    expect(cellEditProblem(r, 0, ['案件编号', '结案日期'], 2, 2, 'x')).toBe(
      '第 3 列不在表头范围内，不能改正。',
    );
    expect(cellEditProblem(r, 0, ['案件编号', '结案日期'], 3, 1, '2025-03-02')).toBeNull();
  });
});
