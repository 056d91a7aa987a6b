// A realistic sample letter (整改通知书) for previews, tests and the bench. Not real data.

import {
  chineseDate,
  formatDocNumber,
  imprintLines,
  type DocBlock,
  type OfficialDocument,
} from './layout-model';

export interface SampleOptions {
  /** Department addressed; default 市市场监督管理局. */
  department?: string;
  /** Yearly sequence of the 发文字号; default 12. */
  seq?: number;
  /** Number of files with problems (each adds a heading and two paragraphs); default 3 (about two pages). */
  files?: number;
  style?: OfficialDocument['style'];
  withTable?: boolean;
}

export function sampleLetter(options: SampleOptions = {}): OfficialDocument {
  const dept = options.department ?? '市市场监督管理局';
  const files = options.files ?? 3;
  const blocks: DocBlock[] = [
    {
      type: 'paragraph',
      text: `根据《德阳市2026年度行政执法案卷评查工作方案》，我局于2026年10月组织开展了行政执法案卷评查。现将你单位被抽取案卷的评查情况通知如下，请认真整改。`,
    },
    { type: 'heading', level: 1, text: '一、评查基本情况' },
    {
      type: 'paragraph',
      text: `本次评查按随机抽取方式从你单位2026年1月至9月办结的行政处罚案卷中抽取${files + 2}件，经评查，优秀1件、合格1件、不合格${files}件。`,
    },
    { type: 'heading', level: 1, text: '二、存在的主要问题' },
  ];
  for (let i = 0; i < files; i += 1) {
    blocks.push(
      {
        type: 'heading',
        level: 2,
        text: `（${'一二三四五六七八九十'[i % 10]}）德市监罚〔2026〕${i + 15}号案卷`,
      },
      {
        type: 'paragraph',
        text: `调查询问笔录未载明执法人员的执法证件号码，不符合《中华人民共和国行政处罚法》第四十二条“执法人员不得少于两人，法律另有规定的除外。执法人员应当文明执法，尊重和保护当事人合法权益”及第五十五条关于出示执法证件的规定。`,
      },
      {
        type: 'paragraph',
        text: `行政处罚决定书未告知当事人申请行政复议、提起行政诉讼的途径和期限（评查标准第3.2项，扣5分），罚款金额1,500元的计算依据未在案卷中说明。`,
      },
    );
  }
  if (options.withTable) {
    blocks.push({
      type: 'table',
      columns: [
        { title: '序号', width: 1, align: 'center' },
        { title: '案卷编号', width: 3 },
        { title: '评查等次', width: 1.5, align: 'center' },
        { title: '主要问题', width: 5 },
      ],
      rows: Array.from({ length: files }, (_, i) => [
        String(i + 1),
        `德市监罚〔2026〕${i + 15}号`,
        '不合格',
        '调查询问笔录未载明执法证件号码；处罚决定书未告知救济途径和期限。',
      ]),
    });
  }
  blocks.push(
    { type: 'heading', level: 1, text: '三、整改要求' },
    {
      type: 'paragraph',
      text: `请你单位自收到本通知书之日起15个工作日内完成整改，并将整改情况书面报送我局（联系人：张三，电话：0838-1234567）。对评查结果有异议的，可在收到本通知书之日起5个工作日内向我局书面提出。`,
    },
  );
  return {
    style: options.style ?? 'letter',
    issuerMark: '德阳市司法局',
    docNumber: formatDocNumber('德法函', 2026, options.seq ?? 12),
    title: `德阳市司法局关于${dept}行政执法案卷评查发现问题的整改通知书`,
    addressee: `${dept}：`,
    blocks,
    attachments: ['案卷评查问题清单'],
    signature: { issuer: '德阳市司法局', date: chineseDate('2026-11-26'), sealPlace: true },
  };
}

/** The text a reader sees, in reading order, without page numbers (to compare with extracted text). */
export function documentText(doc: OfficialDocument): string {
  const parts: string[] = [doc.issuerMark ?? '', doc.docNumber ?? '', doc.title, doc.addressee ?? ''];
  const blocks = (list: readonly DocBlock[]) => {
    for (const b of list) {
      if (b.type === 'heading' || b.type === 'paragraph') parts.push(b.text);
      else if (b.type === 'table') {
        parts.push(b.columns.map((c) => c.title).join(''));
        for (const r of b.rows) parts.push(r.join(''));
      } else if (b.type === 'image' && b.caption) parts.push(b.caption);
    }
  };
  blocks(doc.blocks);
  const att = (doc.attachments ?? []).filter((a) => a.trim() !== '');
  att.forEach((a, i) => parts.push((i === 0 ? '附件：' : '') + (att.length > 1 ? `${i + 1}．` : '') + a));
  if (doc.signature) parts.push(doc.signature.issuer, doc.signature.date);
  const note = doc.note?.trim().replace(/^[（(]|[）)]$/gu, '') ?? '';
  if (note !== '') parts.push(`（${note}）`);
  const annexes = doc.annexes ?? [];
  annexes.forEach((a, i) => {
    parts.push(annexes.length > 1 ? `附件${i + 1}` : '附件', a.title);
    blocks(a.blocks);
  });
  if (doc.imprint) {
    const l = imprintLines(doc.imprint);
    parts.push(l.copyTo ?? '', l.printer, l.printDate);
  }
  if (doc.footerNote) parts.push(doc.footerNote);
  return parts.join('');
}
