import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseIdLines, runSample } from '../../shared/cli/sample-command';
import { drawSample, firstTicket, trimTicket } from '../../shared/draw/sampler';
import { memoryIo as memoryIoOf } from '../fixtures/memory-io';

const memoryIo = (files: Record<string, string | Uint8Array>, stdin = '') =>
  memoryIoOf(files, { stdin, sha256Hex: (s) => createHash('sha256').update(s, 'utf8').digest('hex') });

const SEED = '01382438112797316654';
const IDS = ['AB-130', '市场监管局|罚〔2024〕1号', '😀 emoji id', '  spaced  ', 'x'];

describe('pingcha sample', () => {
  it('prints ticket<TAB>id<TAB>generation for every id, in ticket order, 9 digits by default', async () => {
    const io = memoryIo({ 'ids.txt': IDS.join('\n') + '\n' });
    expect(await runSample(['--seed', SEED, 'ids.txt'], io)).toBe(0);
    const lines = io.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(IDS.length);
    const expected = drawSample(IDS, SEED);
    lines.forEach((line, i) => {
      const [ticket, id, gen] = line.split('\t');
      expect(id).toBe(expected[i]!.id);
      expect(ticket).toBe(trimTicket(firstTicket(id!, SEED), 9));
      expect(ticket).toMatch(/^0\.\d{9,}$/);
      expect(gen).toBe('1');
    });
    expect(lines.map((l) => l.split('\t')[1])).toContain('  spaced  ');
    expect(io.stdout).toContain('0.262997141\tAB-130\t1\n');
  });

  it('reads standard input with "-" or no file; final newline optional; CRLF accepted', async () => {
    const a = memoryIo({}, IDS.join('\n'));
    expect(await runSample(['--seed', SEED], a)).toBe(0);
    const b = memoryIo({ 'w.txt': IDS.join('\r\n') + '\r\n' });
    expect(await runSample(['--seed', SEED, 'w.txt'], b)).toBe(0);
    const c = memoryIo({}, IDS.join('\n') + '\n');
    expect(await runSample(['--seed=' + SEED, '-'], c)).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });

  it('take, drop, digits and with-replacement', async () => {
    const io = memoryIo({ 'ids.txt': IDS.join('\n') });
    expect(
      await runSample(
        ['--seed', SEED, '--with-replacement', '--take', '7', '--drop', '2', '--digits', '4', 'ids.txt'],
        io,
      ),
    ).toBe(0);
    const expected = drawSample(IDS, SEED, { withReplacement: true, take: 7, drop: 2, digits: 4 });
    expect(io.stdout).toBe(expected.map((x) => `${x.ticket}\t${x.id}\t${x.generation}\n`).join(''));
    expect(io.stdout.trimEnd().split('\n')).toHaveLength(7);
  });

  it('exit 2 with a Chinese message for bad arguments', async () => {
    const cases: [string[], RegExp][] = [
      [['ids.txt'], /缺少种子/],
      [['--seed', '', 'ids.txt'], /缺少种子/],
      [['--seed', SEED, '--take', '-3', 'ids.txt'], /--take 需要一个不小于 0 的整数/],
      [['--seed', SEED, '--digits', '0', 'ids.txt'], /--digits 需要一个不小于 1 的整数/],
      [['--seed', SEED, '--frobnicate', 'ids.txt'], /不认识的参数“--frobnicate”/],
      [['--seed', SEED, 'a.txt', 'b.txt'], /只能给一个编号文件/],
      [['--seed', SEED, 'missing.txt'], /无法读取文件“missing.txt”：文件不存在/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo({ 'ids.txt': 'a\n' });
      expect(await runSample(args, io)).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stdout).toBe('');
    }
  });

  it('exit 2 for duplicates (naming the lines), empty lines, and invalid UTF-8', async () => {
    const dup = memoryIo({ 'ids.txt': 'a\nb\nc\nb\n' });
    expect(await runSample(['--seed', SEED, 'ids.txt'], dup)).toBe(2);
    expect(dup.stderr).toContain('“b”');
    expect(dup.stderr).toContain('第 2 行和第 4 行');
    const empty = memoryIo({ 'ids.txt': 'a\n\nb\n' });
    expect(await runSample(['--seed', SEED, 'ids.txt'], empty)).toBe(2);
    expect(empty.stderr).toContain('第 2 行是空行');
    const gbk = memoryIo({ 'ids.txt': new Uint8Array([0xc9, 0xcf, 0xba, 0xa3, 0x0a]) });
    expect(await runSample(['--seed', SEED, 'ids.txt'], gbk)).toBe(2);
    expect(gbk.stderr).toContain('不是有效的 UTF-8');
  });

  it('--help prints the usage', async () => {
    const io = memoryIo({});
    expect(await runSample(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('pingcha sample --seed');
  });
});

describe('parseIdLines', () => {
  it('keeps everything but the newline; BOM dropped; lone CR on an unterminated last line kept', () => {
    expect(parseIdLines('\ufeffa \r\n b\t\n')).toEqual({ ids: ['a ', ' b\t'] });
    expect(parseIdLines('a\r\nb\r')).toEqual({ ids: ['a', 'b\r'] });
    expect(parseIdLines('a\rb\n')).toEqual({ ids: ['a\rb'] });
    expect(parseIdLines('')).toEqual({ ids: [] });
    expect(parseIdLines('\n')).toEqual({ error: expect.stringContaining('第 1 行是空行') });
  });
});
