import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, helpText } from '../../shared/cli/main';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes, ledgerXlsxBuffer } from '../fixtures/make-ledgers';
import { recordingIo } from '../fixtures/memory-io';

const clean = generateLedgerRows({ rows: 40, seed: 8, titleRows: 1 });
const messy = generateLedgerRows({
  rows: 40,
  seed: 8,
  titleRows: 2,
  duplicates: 1,
  totalRow: true,
  dates: 'mixed',
});

describe('pingcha (in memory)', () => {
  it('--help lists every command in Chinese and English', async () => {
    const m = recordingIo({});
    expect(await runCli(['--help'], m.io)).toBe(0);
    for (const words of ['sample', 'draw verify', 'ledger check', '用法', 'Usage'])
      expect(m.out()).toContain(words);
    expect(m.out()).toBe(helpText());
  });

  it('ledger check: a clean ledger exits 0', async () => {
    const m = recordingIo({ 'd/台账.csv': ledgerCsvBytes(clean, 'gbk') });
    expect(await runCli(['ledger', 'check', 'd/台账.csv'], m.io)).toBe(0);
    expect(m.out()).toContain('编码：GBK（自动识别）');
    expect(m.out()).toContain('可导入 40 行');
    expect(m.out()).toContain('结论：台账可以导入');
  });

  it('ledger check: problems exit 1 with one line per issue naming file, sheet, row, column', async () => {
    const m = recordingIo({ 'x.xlsx': await ledgerXlsxBuffer(messy, { mergeTitle: true }) });
    expect(await runCli(['ledger', 'check', 'x.xlsx'], m.io)).toBe(1);
    const line = m
      .out()
      .split('\n')
      .map((l) => l.trimStart())
      .find((l) => l.startsWith('[') && l.includes('重复'))!;
    expect(line).toMatch(
      /^\[错误\] x\.xlsx \/ 工作表“执法台账” \/ 第 \d+ 行 \/ 「案件编号」列：第 \d+ 行与第 \d+ 行重复/,
    );
    expect(m.out()).toMatch(/\[已排除\] .*合计/);
  });

  it('ledger check --json', async () => {
    const m = recordingIo({ 'x.xlsx': await ledgerXlsxBuffer(messy) });
    expect(await runCli(['ledger', 'check', '--json', 'x.xlsx'], m.io)).toBe(1);
    const j = JSON.parse(m.out());
    expect(j).toMatchObject({
      ok: false,
      file: 'x.xlsx',
      kind: 'xlsx',
      headerRow: 3,
      counts: { valid: 40, errors: 1, excluded: 1 },
    });
    expect(j.mapping.caseNo).toBe('案件编号');
    expect(j.issues[0]).toMatchObject({ code: 'duplicate-in-file', severity: 'error', sheet: '执法台账' });
  });

  it('unreadable input exits 2 with a Chinese reason', async () => {
    const m = recordingIo({ 'a.pdf': new TextEncoder().encode('%PDF-1.4') });
    expect(await runCli(['ledger', 'check', 'a.pdf'], m.io)).toBe(2);
    expect(m.err()).toContain('PDF');
    const j = recordingIo({ 'a.pdf': new TextEncoder().encode('%PDF-1.4') });
    expect(await runCli(['ledger', 'check', 'a.pdf', '--json'], j.io)).toBe(2);
    expect(JSON.parse(j.out()).error.code).toBe('not-spreadsheet');
    const missing = recordingIo({});
    expect(await runCli(['ledger', 'check', 'nope.xlsx'], missing.io)).toBe(2);
    expect(missing.err()).toContain('文件不存在');
  });

  it('reads stdin, honours --encoding and rejects bad usage', async () => {
    const gbk = ledgerCsvBytes(clean, 'gbk');
    const m = recordingIo({}, gbk);
    expect(await runCli(['ledger', 'check', '-', '--encoding', 'gbk'], m.io)).toBe(0);
    const wrong = recordingIo({}, gbk);
    expect(await runCli(['ledger', 'check', '-', '--encoding=utf-8'], wrong.io)).toBe(2);
    expect(wrong.err()).toContain('UTF-8');
    const bad = recordingIo({});
    expect(await runCli(['ledger', 'check', 'a', '--encoding', 'big5'], bad.io)).toBe(2);
    expect(await runCli(['ledger', 'check'], bad.io)).toBe(2);
    expect(await runCli(['ledger', 'check', 'a', '--frobnicate'], bad.io)).toBe(2);
    expect(await runCli(['no-such-command'], bad.io)).toBe(2);
    expect(bad.err()).toContain('未知命令');
  });

  it('ledger check names every merged department variant, in the text and in --json', async () => {
    const rows = ['案件编号,执法部门,案件类型,立案日期,当事人'];
    for (let i = 1; i <= 12; i++)
      rows.push(`德应急罚〔2024〕${i}号,市应急管理局,行政处罚,2024-03-0${(i % 9) + 1},企业${i}`);
    for (let i = 13; i <= 15; i++)
      rows.push(`德应急罚〔2024〕${i}号,德阳市应急管理局,行政处罚,2024-04-01,企业${i}`);
    rows.push('德交罚〔2024〕1号,德阳市交通运输局,行政处罚,2024-04-02,企业16');
    const csv = new TextEncoder().encode(rows.join('\n') + '\n');
    const m = recordingIo({ '应急.csv': csv });
    await runCli(['ledger', 'check', '应急.csv'], m.io);
    expect(m.out()).toContain('执法部门名称合并');
    expect(m.out()).toContain('市应急管理局 → 按 德阳市应急管理局 计，共 12 行');
    expect(m.out()).not.toContain('德阳市交通运输局 → ');
    const j = recordingIo({ '应急.csv': csv });
    await runCli(['ledger', 'check', '--json', '应急.csv'], j.io);
    const out = JSON.parse(j.out());
    expect(out.mergedDepartments).toEqual(['市应急管理局 → 按 德阳市应急管理局 计，共 12 行']);
    expect(out.departments).toContainEqual(
      expect.objectContaining({ input: '市应急管理局', department: '德阳市应急管理局', rows: 12 }),
    );
  });

  it('ledger check says nothing of merging when every department is written one way', async () => {
    const m = recordingIo({ 'd/台账.csv': ledgerCsvBytes(clean, 'gbk') });
    await runCli(['ledger', 'check', 'd/台账.csv'], m.io);
    expect(m.out()).not.toContain('执法部门名称合并');
  });
});

describe('pingcha (spawned)', () => {
  const bin = join(process.cwd(), 'build/bin/pingcha.mjs');

  it('node build/bin/pingcha.mjs --help', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ledger check');
  });

  it('node build/bin/pingcha.mjs ledger check on a generated file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingcha-cli-'));
    const ok = join(dir, '规范.xlsx');
    writeFileSync(ok, await ledgerXlsxBuffer(clean, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' }));
    const r = spawnSync(process.execPath, [bin, 'ledger', 'check', ok], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('可导入 40 行');
    const bad = join(dir, '杂乱.csv');
    writeFileSync(bad, ledgerCsvBytes(messy, 'gbk'));
    const r2 = spawnSync(process.execPath, [bin, 'ledger', 'check', bad, '--json'], { encoding: 'utf8' });
    expect(r2.status).toBe(1);
    expect(JSON.parse(r2.stdout).counts.errors).toBe(1);
  });
});
