// Issue 31: the case index's typed, dictionary-encoded columns answer as the rows say: distinct from the
// dictionaries (rows of a removed import gone), empty amounts kept as null, a packed index identical.
import { describe, expect, it } from 'vitest';
import { CaseIndex, packedBuffers } from '../../shared/cases/case-index';
import { toColumnChunks, type CaseColumns } from '../../shared/cases/case-columns';
import type { CaseFileRecord } from '../../shared/ledger/types';

/** One chunk's columns of the records. */
const toColumns = (records: CaseFileRecord[]): CaseColumns =>
  toColumnChunks(records, records.length)[0]!.columns;

const record = (
  i: number,
  department: string,
  caseType: string,
  amountFen: number | null,
): CaseFileRecord => ({
  itemId: `${department}|N-${i}`,
  caseNo: `N-${i}`,
  department,
  caseType,
  cause: '',
  party: `当事人${i}`,
  filedDate: null,
  closedDate: i % 2 ? '2025-03-01' : null,
  amountFen,
  officer: '',
  certNo: '',
  sourceRow: i + 2,
  raw: [],
});

describe('columnar case index', () => {
  it('distinct comes from the dictionaries and forgets the departments of a removed import', () => {
    const index = new CaseIndex();
    index.append(
      'a',
      toColumns([record(1, '交通运输局', '行政处罚', 100), record(2, '应急管理局', '行政检查', null)]),
    );
    index.append('b', toColumns([record(3, '卫生健康委员会', '行政许可', 0)]));
    expect(index.distinct('caseType')).toEqual(['行政许可', '行政处罚', '行政检查']);
    expect(index.distinct('department')).toHaveLength(3);
    const left = index.without(new Set(['b']));
    expect(left.distinct('department')).toEqual(['交通运输局', '应急管理局']);
    expect(left.distinct('caseType')).toEqual(['行政处罚', '行政检查']);
    expect(left.countMatrix().total).toBe(2);
  });

  it('keeps an empty amount as null (and 0 as 0), and a column handed out follows later rows', () => {
    const index = new CaseIndex();
    index.append(
      'a',
      toColumns([record(1, '交通运输局', '行政处罚', null), record(2, '交通运输局', '行政处罚', 0)]),
    );
    expect(index.column('amountFen')).toEqual([null, 0]);
    expect(index.row(0).amountFen).toBeNull();
    expect(index.column('department')).toEqual(['交通运输局', '交通运输局']);
    index.append('b', toColumns([record(3, '应急管理局', '行政检查', 5)]));
    expect(index.column('department')).toEqual(['交通运输局', '交通运输局', '应急管理局']);
    expect(index.column('amountFen')).toEqual([null, 0, 5]);
  });

  it('a packed index comes back identical, its typed columns exactly as long as the rows', () => {
    const index = new CaseIndex();
    const rows = Array.from({ length: 3000 }, (_, i) =>
      record(i, ['甲局', '乙局', '丙局'][i % 3]!, ['行政处罚', '行政检查'][i % 2]!, i % 7 ? i : null),
    );
    index.append('a', toColumns(rows.slice(0, 2000)));
    index.append('b', toColumns(rows.slice(2000)));
    const packed = index.pack();
    // the row columns: exact length; the text columns: their code units, rows + 1 offsets, the nulls
    for (const b of packedBuffers(packed).slice(0, 5)) expect(b.byteLength % 3000).toBe(0);
    const partyUnits = rows.reduce((a, r) => a + r.party.length, 0);
    expect(packed.text.party.units.length).toBe(partyUnits);
    expect(packed.text.party.offsets.length).toBe(3001);
    expect(packed.text.party.nulls.length).toBe(0);
    expect(packed.text.closedDate.nulls.length).toBe(3000);
    const back = CaseIndex.fromPacked(packed);
    for (const i of [0, 1999, 2000, 2999]) expect(back.row(i)).toEqual(index.row(i));
    expect(back.countMatrix()).toEqual(index.countMatrix());
    expect(back.filter({ departments: ['乙局'], closedFrom: '2025-01-01' })).toEqual(
      index.filter({ departments: ['乙局'], closedFrom: '2025-01-01' }),
    );
    expect(back.positionInImport(2500)).toEqual({ importId: 'b', offset: 500 });
    expect(back.column('closedDate')).toEqual(rows.map((r) => r.closedDate));
    expect(back.indexOfItemId('乙局|N-2500')).toBe(2500);
    expect(back.itemIdAt(2500)).toBe('乙局|N-2500');
    expect(back.departmentAt(2500)).toBe('乙局');
    expect(back.latest('closedDate')).toBe('2025-03-01');
    expect(back.latest('filedDate')).toBeNull();
    expect(back.latest('caseNo')).toBe(
      rows
        .map((r) => r.caseNo)
        .sort()
        .at(-1),
    );
    expect(back.filter({ search: 'n-299' })).toEqual(
      Int32Array.from([299, ...Array.from({ length: 10 }, (_, k) => 2990 + k)]),
    );
  });

  it('appending another index is appending its rows: codes mapped, text copied, ids found', () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      record(i, ['甲局', '乙局', '丙局'][i % 3]!, ['行政处罚', '行政检查'][i % 2]!, i % 7 ? i : null),
    );
    const direct = new CaseIndex();
    direct.append('a', toColumns(rows.slice(0, 1000)));
    direct.append('b', toColumns(rows.slice(1000)));
    const merged = new CaseIndex();
    merged.append('a', toColumns(rows.slice(0, 1000)));
    merged.hasItemId('甲局|N-0'); // the id lookup exists before the append: it must follow it
    // the part's dictionary codes are in another order (乙局 first: row 1000) than the index it joins
    const part = new CaseIndex();
    part.append('b', toColumns(rows.slice(1000)));
    expect(part.row(0).department).toBe('乙局');
    merged.appendIndex(part);
    expect(merged.size).toBe(2500);
    for (const i of [0, 999, 1000, 1001, 2499]) expect(merged.row(i)).toEqual(direct.row(i));
    expect(merged.countMatrix()).toEqual(direct.countMatrix());
    expect(merged.distinct('department')).toEqual(direct.distinct('department'));
    expect(merged.column('closedDate')).toEqual(direct.column('closedDate'));
    expect(merged.indexOfItemId('乙局|N-2401')).toBe(2401);
    expect(merged.positionInImport(2400)).toEqual({ importId: 'b', offset: 1400 });
  });
});
