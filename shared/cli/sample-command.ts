// `pingcha sample`: the consistent sampler on a list of ids, so anyone can re-run a draw's order.
import { sha256Hex } from '../crypto/sha256';
import { splitIdLines } from '../draw/id-lines';
import { DEFAULT_TICKET_DIGITS, SamplerError, drawSampleOfLines } from '../draw/sampler';
import { takeFlag, takeOption, type CliIo } from './cli-io';

export const SAMPLE_USAGE = `用法：pingcha sample --seed 种子 [--with-replacement] [--take N] [--drop N] [--digits D] [文件|-]

按公开种子对编号清单做一致性抽样（Rivest consistent sampler, arXiv:1808.10016），与抽取记录使用同一算法。
  --seed 种子           必填，原样使用（例如现场掷骰得到的 20 位数字）
  --with-replacement    有放回抽样（默认无放回）
  --take N              输出 N 项（默认：无放回时全部；有放回时等于编号个数）
  --drop N              先跳过抽样序列的前 N 项（默认 0）
  --digits D            签号保留的位数（不计前导 9，截断不四舍五入，默认 ${DEFAULT_TICKET_DIGITS}）
  文件                  每行一个编号，UTF-8 编码；省略或为 - 时读标准输入

输入规则：换行符为 \\n 或 \\r\\n（Windows 文本），换行符之外的内容原样作为编号（含空格）；
文件末尾的换行可有可无；文件开头的 UTF-8 BOM 会被去掉；不允许空行和重复编号。
输出：每行“签号<TAB>编号<TAB>代数”，按抽样顺序。
`;

/** From this many ids on, io.firstTicketKeys (when given) computes the keys. */
export const PARALLEL_KEYS_FROM = 50_000;

function fail(io: CliIo, message: string): number {
  io.err(`错误：${message}\n`);
  return 2;
}

function emptyLineMessage(line: number): string {
  return `第 ${line} 行是空行：每行应是一个编号。请删除空行后重试。`;
}

/** Splits UTF-8 text into ids: newline is "\n" or "\r\n"; a final newline is optional. */
export function parseIdLines(text: string): { ids: string[] } | { error: string } {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body === '') return { ids: [] };
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const ids: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // The "\r" of a CRLF newline belongs to the newline; on the last line (no "\n") it is kept.
    if (line.endsWith('\r') && i < lines.length - 1) line = line.slice(0, -1);
    else if (line.endsWith('\r') && body.endsWith('\n')) line = line.slice(0, -1);
    if (line === '') return { error: emptyLineMessage(i + 1) };
    ids.push(line);
  }
  return { ids };
}

function parseCount(
  io: CliIo,
  raw: string | undefined,
  name: string,
  min: number,
): number | undefined | null {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    fail(io, `${name} 需要一个不小于 ${min} 的整数，收到的是“${raw}”。`);
    return null;
  }
  return Number(raw);
}

export async function runSample(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(SAMPLE_USAGE);
    return 0;
  }
  const seed = takeOption(args, '--seed');
  const withReplacement = takeFlag(args, '--with-replacement');
  const take = parseCount(io, takeOption(args, '--take'), '--take', 0);
  if (take === null) return 2;
  const drop = parseCount(io, takeOption(args, '--drop'), '--drop', 0);
  if (drop === null) return 2;
  const digits = parseCount(io, takeOption(args, '--digits'), '--digits', 1);
  if (digits === null) return 2;
  if (seed === undefined || seed === '') {
    return fail(
      io,
      '缺少种子：请用 --seed 给出公开的随机种子（例如 --seed 01382438112797316654）。\n\n' + SAMPLE_USAGE,
    );
  }
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) return fail(io, `不认识的参数“${unknown}”。\n\n${SAMPLE_USAGE}`);
  if (args.length > 1) return fail(io, `只能给一个编号文件，收到了 ${args.length} 个：${args.join('、')}。`);
  const file = args[0] ?? '-';
  const where = file === '-' ? '标准输入' : `文件“${file}”`;

  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    const why = e instanceof Error && 'code' in e && e.code === 'ENOENT' ? '文件不存在' : String(e);
    return fail(io, `无法读取${where}：${why}。`);
  }
  // The ids stay bytes: each is hashed in place and only the printed ones become strings.
  const split = splitIdLines(bytes, io.isUtf8);
  if ('error' in split) {
    if (split.error === 'not-utf8') {
      return fail(io, `${where}不是有效的 UTF-8 文本。请另存为 UTF-8 编码（每行一个编号）后重试。`);
    }
    return fail(io, `${where}${emptyLineMessage(split.line)}`);
  }

  const { lines } = split;
  // Many ids: let the host hash them (the Node command spreads the work over the CPU cores).
  let firstKeys: Float64Array | undefined;
  if (io.firstTicketKeys && lines.length >= PARALLEL_KEYS_FROM) {
    const seedHash = (io.sha256Hex ?? sha256Hex)(seed);
    firstKeys = await io.firstTicketKeys(seedHash, lines.bytes, lines.starts, lines.ends);
  }

  let items;
  try {
    items = drawSampleOfLines(lines, seed, {
      ...(firstKeys ? { firstKeys } : {}),
      withReplacement,
      take,
      drop,
      digits,
      ...(io.sha256Hex ? { sha: io.sha256Hex } : {}),
    });
  } catch (e) {
    if (e instanceof SamplerError) {
      // Positions in the list are line numbers here.
      return fail(io, `${where}：${e.message.replace(/第 (\d+) 个/g, '第 $1 行')}`);
    }
    throw e;
  }
  const CHUNK = 10_000;
  for (let i = 0; i < items.length; i += CHUNK) {
    io.out(
      items
        .slice(i, i + CHUNK)
        .map((x) => `${x.ticket}\t${x.id}\t${x.generation}\n`)
        .join(''),
    );
  }
  return 0;
}
