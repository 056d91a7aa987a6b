// `pingcha estimate` and `pingcha sample-size`: attribute appraisal and sample size (shared/stats/estimate.ts).
import { DEFAULT_CONFIDENCE, EstimateError, exactLimits, sampleSizeFor } from '../stats/estimate';
import { formatConfidence, formatPercent } from '../stats/estimate-text';
import { takeFlag, takeOption, type CliIo } from './cli-io';

export const ESTIMATE_USAGE = `用法：pingcha estimate --population N --sample n --found k [--confidence 0.95] [--json]

由简单随机抽样（不放回）的结果推算总体中具有某特征（如“存在程序问题”）的案卷数，给出点估计和超几何分布精确置信区间。
  --population N    总体案卷数（整数，≥ 1）
  --sample n        样本量（整数，1 ≤ n ≤ N）
  --found k         样本中具有该特征的案卷数（整数，0 ≤ k ≤ n）
  --confidence C    置信水平（双侧），0 到 1 之间的小数或百分数，默认 0.95（也可写 95%）
  --json            以 JSON 输出：population、sample、found、confidence、point、lower、upper（件）及相应比例
方法：下限 L = 使 P(X ≥ k | M) > α/2 的最小 M，上限 U = 使 P(X ≤ k | M) > α/2 的最大 M，α = 1 − C。
`;

export const SAMPLE_SIZE_USAGE = `用法：pingcha sample-size --population N --rate p --precision e [--confidence 0.95]

计算达到预定精度所需的最小样本量：按预计比例 p 取 k = round(n·p)，使精确置信区间的半宽 (U − L)/(2N) ≤ e。
  --population N    总体案卷数（整数，≥ 1）
  --rate p          预计比例，0 到 1 之间的小数或百分数（如 0.1 或 10%）
  --precision e     精度（区间半宽），大于 0 小于 1 的小数或百分数（如 0.05 或 5%）
  --confidence C    置信水平（双侧），默认 0.95
输出：所需样本量 n（一个整数）。
`;

function fail(io: CliIo, message: string, usage: string): number {
  io.err(`错误：${message}\n\n${usage}`);
  return 2;
}

class ArgError extends Error {}

function intOption(args: string[], name: string, what: string): number {
  const raw = takeOption(args, name);
  if (raw === undefined || raw === '') throw new ArgError(`缺少 ${name}：请给出${what}。`);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new ArgError(`${name} 需要一个不小于 0 的整数（${what}），收到的是“${raw}”。`);
  }
  return Number(raw);
}

/** "0.95", "95%", ".05" → number; undefined when absent. */
function fractionOption(args: string[], name: string, what: string): number | undefined {
  const raw = takeOption(args, name);
  if (raw === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(raw.trim());
  if (!m) throw new ArgError(`${name} 需要一个小数或百分数（${what}），收到的是“${raw}”。`);
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

function rejectLeftovers(args: string[]): void {
  if (args.length > 0) throw new ArgError(`不认识的参数“${args[0]}”。`);
}

export async function runEstimate(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(ESTIMATE_USAGE);
    return 0;
  }
  let result;
  let json: boolean;
  try {
    json = takeFlag(args, '--json');
    const population = intOption(args, '--population', '总体案卷数');
    const sample = intOption(args, '--sample', '样本量');
    const found = intOption(args, '--found', '样本中具有该特征的案卷数');
    const confidence = fractionOption(args, '--confidence', '置信水平，如 0.95') ?? DEFAULT_CONFIDENCE;
    rejectLeftovers(args);
    result = exactLimits({ population, sample, found }, confidence);
  } catch (e) {
    if (e instanceof ArgError || e instanceof EstimateError) return fail(io, e.message, ESTIMATE_USAGE);
    throw e;
  }
  const N = result.population;
  if (json) {
    io.out(
      JSON.stringify(
        {
          population: N,
          sample: result.sample,
          found: result.found,
          confidence: result.confidence,
          method: 'hypergeometric-exact',
          point: result.point,
          lower: result.lower,
          upper: result.upper,
          pointShare: result.point / N,
          lowerShare: result.lower / N,
          upperShare: result.upper / N,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const pct = (files: number): string => formatPercent(files / N, 2);
  const point = Number.isInteger(result.point) ? String(result.point) : result.point.toFixed(1);
  io.out(
    [
      `总体 ${N} 件，随机抽取 ${result.sample} 件，其中 ${result.found} 件具有该特征。`,
      `点估计：${point} 件（${pct(result.point)}）`,
      `${formatConfidence(result.confidence)} 置信区间（超几何分布精确区间）：${result.lower} – ${result.upper} 件（${pct(result.lower)} – ${pct(result.upper)}）`,
      `下限：${result.lower} 件（${pct(result.lower)}）`,
      `上限：${result.upper} 件（${pct(result.upper)}）`,
      '',
    ].join('\n'),
  );
  return 0;
}

export async function runSampleSize(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(SAMPLE_SIZE_USAGE);
    return 0;
  }
  let n: number;
  try {
    const population = intOption(args, '--population', '总体案卷数');
    const rate = fractionOption(args, '--rate', '预计比例，如 0.1');
    if (rate === undefined) throw new ArgError('缺少 --rate：请给出预计比例（如 0.1 或 10%）。');
    const precision = fractionOption(args, '--precision', '精度，如 0.05');
    if (precision === undefined)
      throw new ArgError('缺少 --precision：请给出精度（区间半宽，如 0.05 或 5%）。');
    const confidence = fractionOption(args, '--confidence', '置信水平，如 0.95') ?? DEFAULT_CONFIDENCE;
    rejectLeftovers(args);
    n = sampleSizeFor({ population, rate, precision, confidence });
  } catch (e) {
    if (e instanceof ArgError || e instanceof EstimateError) return fail(io, e.message, SAMPLE_SIZE_USAGE);
    throw e;
  }
  io.out(`${n}\n`);
  return 0;
}
