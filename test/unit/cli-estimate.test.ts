import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/main';
import { memoryIo } from '../fixtures/memory-io';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({});
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// Limits from test/fixtures/stats/hypergeometric-reference.py (scipy): N=5494 n=120 k=9 at 95 % → [194, 752];
// N=1,000,000 n=1000 k=50 at 99 % → [33935, 70494]; N=100 n=10 k=3 at 95 % → [8, 63] (exact rational).
describe('pingcha estimate', () => {
  it('prints the point estimate and the exact limits in files and shares', async () => {
    const r = await run('estimate', '--population', '5494', '--sample', '120', '--found', '9');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('点估计：412.1 件（7.50%）');
    expect(r.stdout).toContain('95% 置信区间（超几何分布精确区间）：194 – 752 件（3.53% – 13.69%）');
    expect(r.stdout).toContain('下限：194 件（3.53%）');
    expect(r.stdout).toContain('上限：752 件（13.69%）');
  });

  it('--json gives an object with integer lower / upper files and the point', async () => {
    const r = await run(
      'estimate',
      '--population=1000000',
      '--sample=1000',
      '--found=50',
      '--confidence=0.99',
      '--json',
    );
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(o).toMatchObject({ population: 1_000_000, sample: 1000, found: 50, confidence: 0.99 });
    expect(o.lower).toBe(33935);
    expect(o.upper).toBe(70494);
    expect(o.point).toBe(50000);
    expect(o.lowerShare).toBeCloseTo(0.033935, 12);
    expect(Number.isInteger(o.lower) && Number.isInteger(o.upper)).toBe(true);
  });

  it('accepts the confidence as a percentage and defaults to 95 %', async () => {
    const a = JSON.parse(
      (await run('estimate', '--population', '100', '--sample', '10', '--found', '3', '--json')).stdout,
    );
    const b = JSON.parse(
      (
        await run(
          'estimate',
          '--population',
          '100',
          '--sample',
          '10',
          '--found',
          '3',
          '--confidence',
          '95%',
          '--json',
        )
      ).stdout,
    );
    expect([a.lower, a.upper]).toEqual([8, 63]);
    expect(b).toEqual(a);
  });

  it.each([
    [['--sample', '10', '--found', '3'], '缺少 --population'],
    [['--population', '100', '--sample', '10', '--found', '-1'], '--found 需要一个不小于 0 的整数'],
    [['--population', '100', '--sample', '10', '--found', '11'], '不能大于样本量 10'],
    [['--population', '100', '--sample', '200', '--found', '1'], '样本量 200 不能大于总体案卷数 100'],
    [
      ['--population', '100', '--sample', '10', '--found', '1', '--confidence', '1.5'],
      '置信水平必须大于 0 且小于 1',
    ],
    [
      ['--population', '100', '--sample', '10', '--found', '1', '--confidence', 'high'],
      '--confidence 需要一个小数或百分数',
    ],
    [['--population', '0', '--sample', '0', '--found', '0'], '总体案卷数必须是不小于 1 的整数'],
    [['--population', '100', '--sample', '10', '--found', '1', '--bogus'], '不认识的参数“--bogus”'],
  ])('bad arguments %j: Chinese message, exit 2, nothing on stdout', async (args, message) => {
    const r = await run('estimate', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('用法：pingcha estimate');
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
  });

  it('is listed in --help', async () => {
    const r = await run('--help');
    expect(r.stdout).toContain('pingcha estimate --population N --sample n --found k');
    expect(r.stdout).toContain('pingcha sample-size --population N --rate p --precision e');
  });
});

describe('pingcha sample-size', () => {
  it('prints n (reference: linear scan in Python over n with scipy limits)', async () => {
    const a = await run('sample-size', '--population', '5494', '--rate', '0.1', '--precision', '0.05');
    expect(a).toEqual({ code: 0, stdout: '152\n', stderr: '' });
    const b = await run(
      'sample-size',
      '--population',
      '1000',
      '--rate',
      '20%',
      '--precision',
      '10%',
      '--confidence',
      '0.90',
    );
    expect(b.stdout).toBe('50\n');
    const c = await run(
      'sample-size',
      '--population',
      '200',
      '--rate',
      '0.05',
      '--precision',
      '0.05',
      '--confidence',
      '99%',
    );
    expect(c.stdout).toBe('82\n');
  });

  it.each([
    [['--rate', '0.1', '--precision', '0.05'], '缺少 --population'],
    [['--population', '100', '--precision', '0.05'], '缺少 --rate'],
    [['--population', '100', '--rate', '0.1'], '缺少 --precision'],
    [['--population', '100', '--rate', '1.2', '--precision', '0.05'], '预计比例必须在 0 到 1 之间'],
    [['--population', '100', '--rate', '0.1', '--precision', '0'], '精度（区间半宽）必须大于 0 且小于 1'],
    [
      ['--population', 'many', '--rate', '0.1', '--precision', '0.05'],
      '--population 需要一个不小于 0 的整数',
    ],
  ])('bad arguments %j: Chinese message, exit 2', async (args, message) => {
    const r = await run('sample-size', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
