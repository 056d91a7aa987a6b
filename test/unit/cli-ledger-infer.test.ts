import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/main';
import {
  inspectionLedger,
  largeInspectionLedger,
  ledgerXlsx,
  titleOnlyLedger,
} from '../fixtures/department-ledgers';
import { recordingIo } from '../fixtures/memory-io';

describe('pingcha ledger check: a department’s own ledger', () => {
  it('infers department and type without flags and says where from', async () => {
    const l = titleOnlyLedger();
    const m = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    expect(await runCli(['ledger', 'check', l.fileName], m.io)).toBe(0);
    expect(m.out()).toContain(
      '执法部门：表中没有该列，推断为 德阳市交通运输局（取自标题行“德阳市交通运输局2024年度行政处罚案件台账”）；如不对，请用 --department 指定。',
    );
    expect(m.out()).toContain('案件类型：表中没有该列，推断为 行政处罚（取自标题行');
    expect(m.out()).toContain('可导入 24 行');
    expect(m.out()).toContain('已排除 · 表尾签署行：2 条');
  });

  it('a flag overrides the inference', async () => {
    const l = titleOnlyLedger();
    const m = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    expect(
      await runCli(
        ['ledger', 'check', l.fileName, '--json', '--department', '德阳市交通运输局（港航）'],
        m.io,
      ),
    ).toBe(0);
    const j = JSON.parse(m.out());
    expect(j.inferred.department).toBeNull();
    expect(j.inferred.caseType).toMatchObject({ value: '行政处罚', source: 'title' });
  });

  it('inspection ledger: department from the sheet name, type from the title', async () => {
    const l = inspectionLedger();
    const m = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    expect(await runCli(['ledger', 'check', l.fileName, '--json'], m.io)).toBe(0);
    const j = JSON.parse(m.out());
    expect(j.inferred.department).toMatchObject({ value: '德阳市交通运输局', source: 'sheet-name' });
    expect(j.inferred.caseType).toMatchObject({ value: '行政检查', source: 'title' });
    expect(j.counts.valid).toBe(30);
    expect(j.missingColumns).toEqual([]);
  });

  it('nothing to infer from: a summary naming the flags, the full list with --all', async () => {
    const l = { ...inspectionLedger(200), title: [], sheetName: 'Sheet1', fileName: 'ledger.xlsx' };
    l.rows = l.rows.map((r) => [r[0]!, `X-${String(r[0])}`, ...r.slice(2)]);
    const bytes = await ledgerXlsx(l);
    const m = recordingIo({ 'ledger.xlsx': bytes });
    expect(await runCli(['ledger', 'check', 'ledger.xlsx'], m.io)).toBe(1);
    const out = m.out();
    expect(out).toContain('请用 --department 名称 指定');
    expect(out).toContain('请用 --case-type 类型 指定');
    expect(out).toContain('错误 · 缺少必填项：400 条');
    expect(out).toContain('……另有 397 条');
    expect(out.split('\n').length).toBeLessThan(40);
    const full = recordingIo({ 'ledger.xlsx': bytes });
    expect(await runCli(['ledger', 'check', 'ledger.xlsx', '--all'], full.io)).toBe(1);
    expect(full.out().split('\n').length).toBeGreaterThan(400);
    const fixed = recordingIo({ 'ledger.xlsx': bytes });
    expect(
      await runCli(
        ['ledger', 'check', 'ledger.xlsx', '--department', '德阳市交通运输局', '--case-type', '行政检查'],
        fixed.io,
      ),
    ).toBe(0);
  });

  it('50,000-row inspection ledger: inferred, valid, and a short report', async () => {
    const l = largeInspectionLedger();
    const m = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    expect(await runCli(['ledger', 'check', l.fileName], m.io)).toBe(0);
    expect(m.out()).toContain('可导入 50000 行');
    expect(m.out().split('\n').length).toBeLessThan(40);
  }, 120_000);
});
