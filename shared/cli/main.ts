// `pingcha` command dispatcher. Commands are loaded lazily so `--help` and one command never pay for the
// others' code.
import type { CliCommand, CliIo } from './cli-io';

export type { CliIo } from './cli-io';

interface CommandEntry {
  /** Words after `pingcha`, e.g. ['draw', 'verify']. */
  words: string[];
  summary: string;
  usage: string;
  load: () => Promise<CliCommand>;
}

export const COMMANDS: CommandEntry[] = [
  {
    words: ['sample'],
    summary:
      '按公开种子对编号清单做可复现的随机抽样 / reproducible consistent sampling of ids with a public seed',
    usage: 'pingcha sample --seed SEED [--with-replacement] [--take N] [--drop N] [--digits D] [文件|-]',
    load: async () => (await import('./sample-command')).runSample,
  },
  {
    words: ['draw', 'verify'],
    summary: '用台账重新计算并核对抽取记录 / re-run a draw record against the ledgers and compare',
    usage: 'pingcha draw verify 抽取记录.json 台账文件...',
    load: async () => (await import('./draw-verify-command')).runDrawVerify,
  },
  {
    words: ['ledger', 'check'],
    summary: '按导入规则检查执法台账并输出校验报告 / validate an enforcement ledger and print the report',
    usage:
      'pingcha ledger check <文件> [--json] [--rules [--registry 名录.xlsx]] [--encoding utf-8|gbk] [--sheet 名称] [--department 部门] [--case-type 类型]',
    load: async () => (await import('./ledger-check-command')).runLedgerCheck,
  },
  {
    words: ['log', 'verify'],
    summary:
      '核对备份文件中的操作留痕、签名与数据 / verify the log, its signatures and the data inside a backup',
    usage: 'pingcha log verify 备份文件.pingcha-backup [--head 留痕校验码] [--json]',
    load: async () => (await import('./log-verify-command')).runLogVerify,
  },
  {
    words: ['estimate'],
    summary:
      '由随机样本推算总体中有问题的案卷数及精确置信区间 / estimate files with an attribute, exact limits',
    usage: 'pingcha estimate --population N --sample n --found k [--confidence 0.95] [--json]',
    load: async () => (await import('./estimate-command')).runEstimate,
  },
  {
    words: ['sample-size'],
    summary: '达到预定精度所需的样本量 / sample size for a planned precision',
    usage: 'pingcha sample-size --population N --rate p --precision e [--confidence 0.95]',
    load: async () => (await import('./estimate-command')).runSampleSize,
  },
];

export function helpText(): string {
  const lines = [
    '评查台命令行工具 pingcha — Pingcha command line',
    '',
    '用法 / Usage: pingcha <命令 command> [参数 args]',
    '',
    '命令 / Commands:',
  ];
  for (const c of COMMANDS) {
    lines.push(`  ${c.words.join(' ')}`);
    lines.push(`      ${c.summary}`);
    lines.push(`      ${c.usage}`);
  }
  lines.push('');
  lines.push('  help [命令]   显示帮助 / show help (also: pingcha <command> --help)');
  lines.push('');
  lines.push(
    '退出码 / Exit codes: 0 成功或一致 success/match, 1 发现问题或不一致 problems/mismatch, 2 无法读取或用法错误 unreadable/usage',
  );
  return lines.join('\n') + '\n';
}

function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | null {
  for (const entry of COMMANDS) {
    if (entry.words.every((w, i) => argv[i] === w)) return { entry, rest: argv.slice(entry.words.length) };
  }
  return null;
}

/** Run `pingcha` with argv (without node and script path); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'help') {
    const target = findCommand(argv.slice(1));
    if (target) return runEntry(target.entry, ['--help'], io);
    io.out(helpText());
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out('pingcha 0.1.0\n');
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`未知命令：${argv.join(' ')}\nUnknown command. 运行 pingcha --help 查看全部命令。\n`);
    return 2;
  }
  return runEntry(found.entry, found.rest, io);
}

async function runEntry(entry: CommandEntry, args: string[], io: CliIo): Promise<number> {
  let run: CliCommand;
  try {
    run = await entry.load();
  } catch (e) {
    io.err(`命令“${entry.words.join(' ')}”暂不可用：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    io.err(`命令“${entry.words.join(' ')}”出错：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
