import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseIndex } from '../../shared/cases/case-index';
import { emptyColumns } from '../../shared/cases/case-columns';
import {
  codePointOrder,
  comparePinyin,
  createPinyinCompare,
  sortByPinyin,
  sortPinyin,
} from '../../shared/util/pinyin-sort';

describe('pinyin order of departments', () => {
  it('sorts Deyang departments as a printed directory does', () => {
    const shuffled = [
      '德阳市应急管理局', // yīng
      '德阳市交通运输局', // jiāo
      '中江县市场监督管理局', // zhōng
      '德阳市公安局', // gōng
      '旌阳区农业农村局', // jīng
      '德阳市市场监督管理局', // shì
      '绵竹市自然资源局', // mián
      '德阳市农业农村局', // nóng
      '广汉市卫生健康局', // guǎng
    ];
    expect(sortPinyin(shuffled)).toEqual([
      '德阳市公安局',
      '德阳市交通运输局',
      '德阳市农业农村局',
      '德阳市市场监督管理局',
      '德阳市应急管理局',
      '广汉市卫生健康局',
      '旌阳区农业农村局',
      '绵竹市自然资源局',
      '中江县市场监督管理局',
    ]);
    expect(comparePinyin('德阳市交通运输局', '德阳市应急管理局')).toBeLessThan(0);
    expect(comparePinyin('德阳市应急管理局', '德阳市交通运输局')).toBeGreaterThan(0);
  });

  it('differs from code-point order (交 U+4EA4 comes before 公 U+516C by code point)', () => {
    const names = ['德阳市公安局', '德阳市交通运输局'];
    expect([...names].sort(codePointOrder)).toEqual(['德阳市交通运输局', '德阳市公安局']);
    expect(sortPinyin(names)).toEqual(['德阳市公安局', '德阳市交通运输局']);
  });

  it('is a total order: names the collator calls equal still get one fixed order', () => {
    // Full-width and half-width digits collate equal at some strengths; the tie-break keeps them apart.
    const a = '第1分局';
    const b = '第１分局';
    expect(comparePinyin(a, b)).not.toBe(0);
    expect(Math.sign(comparePinyin(a, b))).toBe(-Math.sign(comparePinyin(b, a)));
    expect(comparePinyin(a, a)).toBe(0);
  });

  it('sorts rows by a key', () => {
    const rows = [{ d: '德阳市应急管理局' }, { d: '德阳市公安局' }];
    expect(sortByPinyin(rows, (r) => r.d).map((r) => r.d)).toEqual(['德阳市公安局', '德阳市应急管理局']);
  });

  it('falls back to code-point order without a Chinese collation', () => {
    const throwing = createPinyinCompare(() => {
      throw new RangeError('no ICU');
    });
    expect(throwing).toBe(codePointOrder);
    // A build with small ICU resolves every locale to 'en-US'.
    const english = createPinyinCompare(() => new Intl.Collator('en-US'));
    expect(english).toBe(codePointOrder);
    expect(['德阳市公安局', '德阳市交通运输局'].sort(english)).toEqual(['德阳市交通运输局', '德阳市公安局']);
  });
});

describe('every list of names uses the one comparator', () => {
  it('the case index lists departments (filters, campaign scope, panel) in pinyin order', () => {
    const index = new CaseIndex();
    const cols = emptyColumns();
    for (const d of ['德阳市应急管理局', '德阳市公安局', '德阳市交通运输局']) {
      cols.itemId.push(`id-${d}`);
      cols.caseNo.push(`no-${d}`);
      cols.department.push(d);
      cols.caseType.push('行政处罚');
      cols.cause.push('');
      cols.party.push('');
      cols.filedDate.push(null);
      cols.closedDate.push(null);
      cols.amountFen.push(null);
      cols.officer.push('');
      cols.certNo.push('');
      cols.sourceRow.push(1);
    }
    index.append('imp-1', cols);
    expect(index.distinct('department')).toEqual(['德阳市公安局', '德阳市交通运输局', '德阳市应急管理局']);
    expect(index.countMatrix().departments).toEqual(['德阳市公安局', '德阳市交通运输局', '德阳市应急管理局']);
  });

  it('no component or rule sorts Chinese names with its own collation', () => {
    const root = join(__dirname, '..', '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(name)) files.push(p);
      }
    };
    walk(join(root, 'renderer'));
    walk(join(root, 'shared'));
    expect(files.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const f of files) {
      if (f.endsWith('pinyin-sort.ts')) continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/localeCompare\([^)]*'zh|new Intl\.Collator\(/.test(line))
            hits.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
