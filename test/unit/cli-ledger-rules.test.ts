import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/main';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { recordingIo } from '../fixtures/memory-io';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { rulePackDigest } from '../../shared/rules/rule-pack';

const withClocks = generateLedgerRows({ rows: 2000, seed: 26, statutoryColumns: true });
const plain = generateLedgerRows({ rows: 200, seed: 26 });

const csv = (lines: string[][]): Uint8Array =>
  new TextEncoder().encode(lines.map((l) => l.join(',')).join('\r\n') + '\r\n');

describe('pingcha ledger check --rules', () => {
  it('keeps the other cells of a generated ledger when the statutory columns are added', () => {
    const a = generateLedgerRows({ rows: 50, seed: 9 });
    const b = generateLedgerRows({ rows: 50, seed: 9, statutoryColumns: true });
    expect(b.headers.slice(a.headers.length)).toEqual([
      '处罚决定日期',
      '适用程序',
      '告知日期',
      '送达日期',
      '延期批准',
    ]);
    expect(b.rows.map((r) => r.slice(0, 7))).toEqual(a.rows.map((r) => r.slice(0, 7)));
  });

  it('prints counts per rule with the first rows and the pack digest', async () => {
    const m = recordingIo({ 'd/台账.csv': ledgerCsvBytes(withClocks, 'utf-8') });
    expect(await runCli(['ledger', 'check', 'd/台账.csv', '--rules'], m.io)).toBe(0);
    const out = m.out();
    expect(out).toContain(`SHA-256 ${rulePackDigest(DEFAULT_RULE_PACK).slice(0, 16)}`);
    expect(out).toContain('处罚决定日期');
    expect(out).toMatch(
      /【SC-64-DECISION】市场监管案件超过九十日.*（《市场监督管理行政处罚程序规定》第六十四条）/,
    );
    expect(out).toMatch(/适用 \d+ 行，发现 [1-9]\d* 行/);
    expect(out).toMatch(
      /第 \d+ 行 .+：立案\d{4}-\d\d-\d\d，决定\d{4}-\d\d-\d\d（取自“处罚决定日期”列），共\d+日，超过/,
    );
    // without a registry the certificate rules say why they cannot check
    expect(out).toMatch(
      /【ZJ-UNREGISTERED】.*\n {2}适用 \d+ 行，发现 0 行，无法检查 \d+ 行（未导入执法人员名录 \d+ 行）/,
    );
  });

  it('--json gives every flag and the tallies; the exit code still follows validation', async () => {
    const m = recordingIo({ 't.csv': ledgerCsvBytes(withClocks, 'utf-8') });
    expect(await runCli(['ledger', 'check', 't.csv', '--rules', '--json'], m.io)).toBe(0);
    const j = JSON.parse(m.out()) as {
      rules: {
        pack: { sha256: string };
        flags: { ruleId: string; sentence: string }[];
        tallies: { ruleId: string; flagged: number }[];
      };
    };
    expect(j.rules.pack.sha256).toBe(rulePackDigest(DEFAULT_RULE_PACK));
    for (const t of j.rules.tallies)
      expect(j.rules.flags.filter((f) => f.ruleId === t.ruleId).length).toBe(t.flagged);
    expect(j.rules.flags.some((f) => f.ruleId === 'CF-64-HEARING-WINDOW')).toBe(true);
    expect(j.rules.flags.some((f) => f.ruleId === 'CF-61-DELIVERY')).toBe(true);
  });

  it('a ledger without the clock columns says what it cannot check', async () => {
    const m = recordingIo({ 'p.csv': ledgerCsvBytes(plain, 'utf-8') });
    expect(await runCli(['ledger', 'check', 'p.csv', '--rules'], m.io)).toBe(0);
    expect(m.out()).toContain('可用于体检的附加列：无');
    expect(m.out()).toMatch(/无法检查 \d+ 行（台账无“适用程序”列 \d+ 行）/);
  });

  it('--registry checks certificates against the officer registry on the case date', async () => {
    const ledger = csv([
      ['案件编号', '执法部门', '案件类型', '当事人', '立案日期', '结案日期', '承办人', '执法证号'],
      [
        '德交罚〔2024〕1号',
        '德阳市交通运输局',
        '行政处罚',
        '张某',
        '2024-03-04',
        '2024-04-01',
        '甲、乙',
        '51000001、51000002',
      ],
      [
        '德交罚〔2024〕2号',
        '德阳市交通运输局',
        '行政处罚',
        '李某',
        '2025-03-04',
        '2025-04-01',
        '甲',
        '51000001',
      ],
      [
        '德交罚〔2024〕3号',
        '德阳市交通运输局',
        '行政处罚',
        '王某',
        '2024-03-04',
        '2024-04-01',
        '丙、丁',
        '51009999、',
      ],
    ]);
    const registry = csv([
      ['姓名', '执法部门', '人员类别', '执法证号', '发证日期', '有效期至'],
      ['甲', '德阳市交通运输局', '正式在编', '51000001', '2020-01-01', '2024-12-31'],
      ['乙', '德阳市交通运输局', '正式在编', '51000002', '2020-01-01', '2029-12-31'],
    ]);
    const m = recordingIo({ 'l.csv': ledger, 'r.csv': registry });
    expect(await runCli(['ledger', 'check', 'l.csv', '--rules', '--registry', 'r.csv', '--json'], m.io)).toBe(
      0,
    );
    const j = JSON.parse(m.out()) as {
      rules: { flags: { ruleId: string; sourceRow: number; sentence: string }[] };
    };
    const by = (id: string) =>
      j.rules.flags.filter((f) => f.ruleId === id).map((f) => [f.sourceRow, f.sentence]);
    expect(by('ZJ-INVALID-ON-DATE')).toEqual([
      [3, '执法证51000001（甲）立案2025-03-04时证件已过期（有效期至2024-12-31）'],
    ]);
    expect(by('ZJ-UNREGISTERED')).toEqual([[4, '执法证号51009999不在执法人员名录中']]);
    expect(by('CF-42-TWO-OFFICERS')).toEqual([[3, '承办人“甲”，共1人，少于2人']]);
  });

  it('refuses --registry without --rules and an unreadable registry, in Chinese', async () => {
    const m = recordingIo({ 'p.csv': ledgerCsvBytes(plain, 'utf-8') });
    expect(await runCli(['ledger', 'check', 'p.csv', '--registry', 'r.csv'], m.io)).toBe(2);
    expect(m.err()).toContain('--registry 只能与 --rules 一起使用');
    const n = recordingIo({ 'p.csv': ledgerCsvBytes(plain, 'utf-8') });
    expect(await runCli(['ledger', 'check', 'p.csv', '--rules', '--registry', 'nope.xlsx'], n.io)).toBe(2);
    expect(n.err()).toContain('无法打开执法人员名录“nope.xlsx”：文件不存在');
  });
});
