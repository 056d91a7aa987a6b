// The printable draw record (随机抽取记录): the same content as the JSON record except the list of
// population ids (printed as its size and SHA-256 per stratum), laid out as an official document
// (shared/documents: PDF and DOCX from one model).
import {
  chineseDate,
  type DocBlock,
  type OfficialDocument,
  type TableColumn,
} from '../documents/layout-model';
import type { DrawRecord } from './draw-record';
import { PURPOSIVE_STRATUM, summarizePurposive, type PurposivePart } from './purposive';
import { SAMPLER_ALGORITHM_LABEL, SAMPLER_REFERENCE } from './sampler';

export interface DrawRecordDocumentOptions {
  /**
   * The office keeping the record, printed under the record with its date, e.g. '德阳市司法局'. The record is a
   * working record (工作记录), not an outgoing document: no red mark (红头) and no 发文字号.
   */
  issuer?: string;
}

/** '2026-01-01' -> '2026年1月1日' through the one date formatter; anything else is shown as written. */
function periodDate(value: string | null | undefined): string {
  if (!value) return '不限';
  try {
    return chineseDate(value);
  } catch {
    return value;
  }
}

/** '2026-03-01T02:00:00.000Z' -> '2026年3月1日 10:00:00（北京时间）' (fixed UTC+8, no machine time zone). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}（北京时间）`
  );
}

function beijingDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const percent = (share: number): string => `${(share * 100).toFixed(2)}%`;

/** A 64-hex digest split in two lines' worth so narrow table cells wrap it evenly. */
const splitHash = (h: string): string => `${h.slice(0, 32)} ${h.slice(32)}`;

export function drawRecordTitle(record: DrawRecord): string {
  return `${record.campaign.name}案卷随机抽取记录`;
}

export function buildDrawRecordDocument(
  record: DrawRecord,
  options: DrawRecordDocumentOptions = {},
): OfficialDocument {
  const c = record.campaign;
  const period =
    c.period.from || c.period.to ? `${periodDate(c.period.from)}至${periodDate(c.period.to)}` : '不限';
  const scopeDepts = c.scope.departments.length ? c.scope.departments.join('、') : '全部部门';
  const scopeTypes = c.scope.caseTypes.length ? c.scope.caseTypes.join('、') : '全部案件类型';
  const by = record.stratification.by === 'department' ? '按执法部门分层' : '按执法部门 × 案件类型分层';
  const blocks: DocBlock[] = [];
  // sections are numbered in order (the purposive section only in records that have one)
  const NUMERALS = '一二三四五六七八九十';
  let section = 0;
  const h1 = (text: string) =>
    blocks.push({ type: 'heading', level: 1, text: `${NUMERALS[section++] ?? String(section)}、${text}` });
  const para = (text: string) => blocks.push({ type: 'paragraph', text });

  h1('活动与抽取情况');
  para(
    `评查活动：${c.name}（${c.year}年度）。案卷范围：结案日期${period}；执法部门：${scopeDepts}；案件类型：${scopeTypes}。`,
  );
  // the optional scope rules (only in records that use them)
  const filed = Object.keys(record.filter.dateByType ?? {});
  if (filed.length > 0) {
    para(
      `期间判断：${filed.join('、')}按立案/受理/检查日期判断是否在期间内，其余案件类型按结案/办结日期判断。`,
    );
  }
  if (record.filter.excludeItemIds !== undefined) {
    para(
      `排除以往已评查案卷：${record.filter.excludeReason ?? '以往评查活动已抽取评查的案卷'}，共${record.filter.excludeItemIds.length}件（编号清单见机读抽取记录）。`,
    );
  }
  para(
    `抽取时间：${beijingTime(record.drawnAt)}。操作人员：${record.operator || '未署名'}。见证人：${record.witnesses.length ? record.witnesses.join('、') : '无'}。`,
  );
  para(`随机种子：${record.seed}（共${record.seed.length}位，抽取后锁定，不可更改）。`);
  para(
    `抽样算法：${SAMPLER_ALGORITHM_LABEL}（参考文献：${SAMPLER_REFERENCE}），实现版本${record.algorithm.version}；不放回抽样，签号保留${record.algorithm.digits}位有效数字，签号按字符串比较从小到大排序。`,
  );
  para(record.itemIdRule);
  para(`分层方式：${by}。${record.stratification.rule}`);

  h1('总体');
  para(
    `总体（范围内全部案卷）共${record.population.size}件，SHA-256：${record.population.sha256}。${record.population.hashRule}全部案卷编号见同名 JSON 记录文件。`,
  );
  blocks.push(
    table(
      [
        { title: '层', width: 4 },
        { title: '案卷数', width: 1.4, align: 'right' },
        { title: '该层 SHA-256', width: 5.2 },
      ],
      record.strata.map((s) => [s.key, String(s.size), splitHash(s.sha256)]),
    ),
  );

  h1('名额分配');
  para(
    `样本量${record.allocation.total}件，每层最低${record.allocation.minimum}件，每层备选${record.allocation.sparesPerStratum}件。分配规则：${record.allocation.rule}`,
  );
  blocks.push(
    table(
      [
        { title: '层', width: 3.2 },
        { title: '案卷数', width: 1.1, align: 'right' },
        { title: '占比', width: 1.1, align: 'right' },
        { title: '名额', width: 0.9, align: 'right' },
        { title: '备选', width: 0.9, align: 'right' },
        { title: '依据', width: 4.6 },
      ],
      record.strata.map((s) => [
        s.key,
        String(s.size),
        percent(s.share),
        String(s.quota),
        String(s.spares),
        s.reason,
      ]),
    ),
  );

  h1('抽中案卷');
  para(`按签号从小到大排列，共${record.drawn.length}件。“序位”为该案卷在全部总体签号顺序中的位置。`);
  blocks.push(
    numberedTable(
      [
        { title: '序位', width: 1, align: 'right' },
        { title: '签号', width: 2, align: 'left' },
        { title: '层', width: 3 },
        { title: '案件编号', width: 3 },
        { title: '案件类型', width: 1.5 },
      ],
      record.drawn.map((p) => [String(p.order), p.ticket, p.stratum, p.caseNo, p.caseType]),
    ),
  );

  h1('备选案卷');
  para(
    record.spares.length
      ? `各层按签号顺序排在抽中案卷之后的案卷为备选，抽中案卷无法调取时按顺序替补，共${record.spares.length}件。`
      : '本次抽取没有备选案卷。',
  );
  if (record.spares.length) {
    blocks.push(
      table(
        [
          { title: '序位', width: 1, align: 'right' },
          { title: '签号', width: 2 },
          { title: '层', width: 3 },
          { title: '案卷编号', width: 5 },
        ],
        record.spares.map((p) => [String(p.order), p.ticket, p.stratum, p.itemId]),
      ),
    );
  }

  if (record.purposive) purposiveSection(record.purposive, h1, para, blocks);

  h1('替换与追加');
  if (record.replacements.length === 0 && record.extras.length === 0) {
    para('截至本记录生成时，没有替换或追加抽取。');
  } else {
    const rows = [
      ...record.replacements.map((r) => ({
        seq: r.seq,
        row: [
          String(r.seq),
          '替换',
          r.stratum,
          `“${r.itemId}”由备选“${r.replacedBy}”替补`,
          r.reason,
          `${r.by}，${beijingTime(r.at)}`,
        ],
      })),
      ...record.extras.map((x) => ({
        seq: x.seq,
        row: [
          String(x.seq),
          '追加',
          x.stratum,
          `追加${x.count}件：${x.itemIds.join('、')}`,
          x.reason,
          `${x.by}，${beijingTime(x.at)}`,
        ],
      })),
    ].sort((a, b) => a.seq - b.seq);
    blocks.push(
      table(
        [
          { title: '次序', width: 0.8, align: 'center' },
          { title: '操作', width: 0.9 },
          { title: '层', width: 2.2 },
          { title: '内容', width: 4 },
          { title: '原因', width: 2.4 },
          { title: '操作人员与时间', width: 2.4 },
        ],
        rows.map((r) => r.row),
      ),
    );
  }

  h1('核验方法');
  para(
    '任何人可用同名 JSON 记录和抽取所用的台账文件重新计算并核对：pingcha draw verify 抽取记录.json 台账文件……；' +
      '也可在评查台“评查活动 → 核验抽取记录”中打开 JSON 记录核对。结果一致时输出“一致”，否则指出第一处不同。',
  );
  if (record.sources.length) {
    para(`抽取所用台账共${record.sources.length}个：`);
    blocks.push(
      numberedTable(
        [
          { title: '台账文件', width: 3.6 },
          { title: '工作表', width: 1.6 },
          { title: 'SHA-256', width: 5.6 },
        ],
        record.sources.map((s) => [s.fileName, s.sheet, splitHash(s.sha256)]),
      ),
    );
  }
  // Each signer on a line of their own with the rest of the line (well over 25 mm) and a blank line above
  // left free for the signature.
  h1('签名');
  const signers = [
    { role: '操作人员', name: record.operator || '' },
    ...(record.witnesses.length ? record.witnesses : ['']).map((w) => ({ role: '见证人', name: w })),
  ];
  const IDEOGRAPHIC_SPACE = '\u3000';
  for (const s of signers) {
    blocks.push({ type: 'paragraph', text: IDEOGRAPHIC_SPACE, indent: 0 });
    blocks.push({
      type: 'paragraph',
      text: `${s.role}：${s.name}${IDEOGRAPHIC_SPACE.repeat(2)}签名：`,
      indent: 2,
      align: 'left',
    });
  }

  return {
    style: 'document',
    title: drawRecordTitle(record),
    blocks,
    ...(options.issuer ? { signature: { issuer: options.issuer, date: beijingDate(record.drawnAt) } } : {}),
  };
}

/** 台账体检发现 and 定向抽取: the rule pack as run, the stratum's quota and draw, the named files with reasons. */
function purposiveSection(
  part: PurposivePart,
  h1: (text: string) => void,
  para: (text: string) => void,
  blocks: DocBlock[],
): void {
  const s = summarizePurposive(part);
  h1('台账体检发现与定向抽取');
  para(
    `以下案卷为有目的抽取，不是随机样本，不计入总体推算。台账体检规则包：${s.rulePack.id}，版本${s.rulePack.version}，` +
      `SHA-256：${s.rulePack.sha256}${s.rulePack.registrySha256 ? `；所用执法人员名录 SHA-256：${s.rulePack.registrySha256}` : ''}。`,
  );
  if (s.flagged) {
    para(
      `“${PURPOSIVE_STRATUM}”层：依据规则${s.rules.join('、')}，范围内有线索且未被随机抽中的案卷${s.flagged.candidates}件` +
        `（编号清单 SHA-256：${s.flagged.sha256}），以同一随机种子和同一抽样算法抽取${s.flagged.quota}件。`,
    );
  }
  const flagged = s.files.filter((f) => f.kind === 'flagged');
  if (flagged.length) {
    blocks.push(
      numberedTable(
        [
          { title: '签号', width: 2 },
          { title: '执法部门', width: 3 },
          { title: '案件编号', width: 3 },
        ],
        flagged.map((f) => [f.ticket, f.department, f.caseNo]),
      ),
    );
  }
  const named = s.files.filter((f) => f.kind === 'named');
  para(named.length ? `定向抽取${named.length}件，各附理由：` : '本次没有定向抽取的案卷。');
  if (named.length) {
    blocks.push(
      numberedTable(
        [
          { title: '执法部门', width: 3 },
          { title: '案件编号', width: 3 },
          { title: '理由', width: 4 },
        ],
        named.map((f) => [f.department, f.caseNo, f.basis]),
      ),
    );
  }
}

/** A table of the record in its 9-point type. */
function table(columns: TableColumn[], rows: string[][]): DocBlock {
  return { type: 'table', fontSize: 9, columns, rows };
}

/** A table of the record whose first column, 序号, numbers its rows from 1. */
function numberedTable(columns: TableColumn[], rows: string[][]): DocBlock {
  return table(
    [{ title: '序号', width: 0.8, align: 'center' }, ...columns],
    rows.map((row, i) => [String(i + 1), ...row]),
  );
}
