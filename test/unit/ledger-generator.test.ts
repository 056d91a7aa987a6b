import { describe, expect, it } from 'vitest';
import {
  demoDepartments,
  generateDemoCampaignData,
  generateLedgerRows,
} from '../../shared/demo/ledger-generator';
import { buildLedgerReport } from '../../shared/ledger/build-report';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';

describe('ledger generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateLedgerRows({ rows: 200, seed: 1, dates: 'mixed', fullWidth: 0.2, amounts: 'text' });
    const b = generateLedgerRows({ rows: 200, seed: 1, dates: 'mixed', fullWidth: 0.2, amounts: 'text' });
    const c = generateLedgerRows({ rows: 200, seed: 2, dates: 'mixed', fullWidth: 0.2, amounts: 'text' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.rows)).not.toBe(JSON.stringify(c.rows));
  });

  it('has 33 departments with real names and realistic case-type shares', () => {
    const depts = demoDepartments();
    expect(depts).toHaveLength(33);
    expect(new Set(depts.map((d) => d.name)).size).toBe(33);
    expect(depts.map((d) => d.name)).toContain('德阳市市场监督管理局');
    const g = generateLedgerRows({ rows: 5000, seed: 3 });
    const penalty = g.cases.filter((c) => c.caseType === '行政处罚').length / g.cases.length;
    expect(penalty).toBeGreaterThan(0.4);
    expect(penalty).toBeLessThan(0.5);
    expect(new Set(g.cases.map((c) => c.department)).size).toBe(33);
    expect(g.cases.every((c) => c.closedDate >= c.filedDate)).toBe(true);
  });

  it('produces the messy variants it is asked for', () => {
    const g = generateLedgerRows({
      rows: 400,
      seed: 4,
      titleRows: 2,
      dates: 'serial',
      fullWidth: 1,
      totalRow: true,
      duplicates: 3,
      missingCaseNo: 2,
    });
    expect(g.sheetRows[0]![0]).toContain('台账');
    expect(g.rows.at(-1)![0]).toBe('合计');
    expect(typeof g.rows[0]![6]).toBe('number');
    expect(String(g.rows[0]![1])).toMatch(/[０-９]/);
    expect(g.rows.filter((r) => r[1] === null && r[0] !== '合计')).toHaveLength(2);
    expect(g.rows).toHaveLength(400 + 3 + 1);
  });

  it('demo campaign data imports cleanly through the normal path', () => {
    const demo = generateDemoCampaignData({ totalRows: 1000 });
    expect(demo.ledgers).toHaveLength(33);
    expect(demo.officers.length).toBeGreaterThan(33);
    expect(new Set(demo.officers.map((o) => o.certNo)).size).toBe(demo.officers.length);
    let valid = 0;
    for (const l of demo.ledgers) {
      const h = guessHeader(l.sheet.rows)!;
      const r = buildLedgerReport(l.sheet, {
        fileName: l.fileName,
        sheetName: l.sheet.name,
        headerRow: h.headerRow,
        mapping: suggestMapping(h.headers),
      });
      expect(r.counts.errors).toBe(0);
      expect(r.valid.every((v) => v.department === l.department)).toBe(true);
      valid += r.counts.valid;
    }
    expect(valid).toBeGreaterThan(950);
  });
});
