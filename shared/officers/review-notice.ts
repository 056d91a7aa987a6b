// The yearly review notice (年审结果通知) as an official document for the document layer. Only names,
// departments and certificate numbers appear: the notice goes to every department.
import { comparePinyin } from '../util/pinyin-sort';
import { chineseDate, type DocBlock, type OfficialDocument } from '../documents/layout-model';
import {
  REVIEW_OUTCOME_LABELS,
  reviewStatistics,
  type ReviewDecision,
  type ReviewProposal,
} from './annual-review';

export interface ReviewNoticeOptions {
  year: number;
  /** 发文机关 of 设置 (e.g. 德阳市司法局): 红头, title and 署名, whoever the operator is. Must not be empty. */
  issuer: string;
  /** The rule the review follows, with its article where known (设置; default `DEFAULT_REVIEW_NOTICE_BASIS`). */
  basis?: string;
  /** ISO date of the notice. */
  date: string;
  /**
   * Allow the notice while some conclusions are still unconfirmed: it is then marked 草稿 (watermark on every
   * page). Without it such a notice is refused.
   */
  draft?: boolean;
  /** 发文字号 from the register (the final notice); absent: a draft shows no number. */
  docNumber?: string;
  /** 版记: 抄送 and 印发机关 (default: the issuer); the 印发日期 is the notice's date. */
  copyTo?: string;
  printer?: string;
  /** 附注: the contact line. */
  contact?: string;
}

/** Certificates whose yearly-review conclusion has not been confirmed by staff yet. */
export function pendingReviewCount(
  proposals: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision>,
): number {
  return proposals.filter((p) => !decisions.has(p.officerId)).length;
}

/** The basis a notice cites when 设置 names none. */
export const DEFAULT_REVIEW_NOTICE_BASIS = '《行政执法监督条例》';

/** "德阳市司法局关于2025年度行政执法证件年审结果的通知". */
export const reviewNoticeTitle = (issuer: string, year: number): string =>
  `${issuer}关于${year}年度行政执法证件年审结果的通知`;

export function buildReviewNotice(
  proposals: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision>,
  options: ReviewNoticeOptions,
): OfficialDocument {
  const { year } = options;
  const issuer = options.issuer.trim();
  if (issuer === '') throw new Error('发文机关未设置：请在“设置 → 整改函”中填写发文机关名称。');
  const basis = options.basis?.trim() || DEFAULT_REVIEW_NOTICE_BASIS;
  const pending = pendingReviewCount(proposals, decisions);
  if (pending > 0 && !options.draft) {
    throw new Error(
      `还有${pending}个证件的年审结论尚未确认：正式通知只能在全部确认后生成；如需先行传阅，请生成草稿（每页带“草稿”水印）。`,
    );
  }
  // Only confirmed conclusions are results; rule proposals awaiting review are counted, not reported.
  const confirmed = proposals.filter((p) => decisions.has(p.officerId));
  const stats = reviewStatistics(confirmed, decisions);
  const blocks: DocBlock[] = [
    {
      type: 'paragraph',
      // Outcomes nobody received are not counted out as 0 (a signer reads "书面说明0个" as a missing figure).
      text: `根据${basis}，现已完成${year}年度行政执法证件年审工作。本次共审验执法证件${stats.reviewed}个，审验通过${stats.passed}个${[
        ['不予通过（收回注销）', stats.failed],
        ['暂扣', stats.suspended],
        ['需所在部门作出书面说明', stats.needsExplanation],
      ]
        .filter(([, n]) => Number(n) > 0)
        .map(([label, n]) => `，${label}${n}个`)
        .join(
          '',
        )}。${pending > 0 ? `另有${pending}个证件的年审结论尚待确认，未计入本通知。` : ''}现将有关情况通知如下。`,
    },
    { type: 'heading', level: 1, text: '一、各部门审验情况' },
    {
      type: 'table',
      columns: [
        { title: '执法部门', width: 5 },
        { title: '审验', width: 1.4, align: 'center' },
        { title: '通过', width: 1.4, align: 'center' },
        { title: '不通过', width: 1.6, align: 'center' },
        { title: '暂扣', width: 1.4, align: 'center' },
        { title: '需说明', width: 1.6, align: 'center' },
      ],
      rows: [
        ...stats.byDepartment.map((d) => [
          d.department,
          String(d.reviewed),
          String(d.passed),
          String(d.failed),
          String(d.suspended),
          String(d.needsExplanation),
        ]),
        [
          '合计',
          String(stats.reviewed),
          String(stats.passed),
          String(stats.failed),
          String(stats.suspended),
          String(stats.needsExplanation),
        ],
      ],
      fontSize: 10.5,
    },
  ];
  const notPassed = confirmed
    .map((p) => ({ p, outcome: decisions.get(p.officerId)?.decided ?? p.outcome }))
    .filter((x) => x.outcome !== 'pass')
    .sort(
      (a, b) =>
        comparePinyin(a.p.department, b.p.department) || a.p.certificateNo.localeCompare(b.p.certificateNo),
    );
  blocks.push({ type: 'heading', level: 1, text: '二、未通过审验的证件' });
  if (notPassed.length === 0) {
    blocks.push({ type: 'paragraph', text: '本年度所有参审证件均审验通过。' });
  } else {
    blocks.push({
      type: 'table',
      columns: [
        // Wide enough that a certificate number and 不通过（收回注销） each stay on one line.
        { title: '姓名', width: 1.3 },
        { title: '执法部门', width: 2.8 },
        { title: '执法证号', width: 2.8 },
        { title: '审验结论', width: 3.4 },
        { title: '主要原因', width: 3.7 },
      ],
      rows: notPassed.map(({ p, outcome }) => {
        const d = decisions.get(p.officerId);
        const why = d?.overridden && d.reason ? d.reason : p.reasons.map((r) => r.label).join('、');
        return [p.name, p.department, p.certificateNo, REVIEW_OUTCOME_LABELS[outcome], why];
      }),
      fontSize: 10.5,
    });
  }
  // What the departments must do, for the outcomes this notice reports (none when every certificate passed).
  const requirements = [
    stats.failed > 0 ? '审验不予通过的，所在部门应当及时收回执法证件并交回注销' : '',
    stats.suspended > 0 ? '暂扣的，暂扣期间持证人不得从事行政执法活动' : '',
    stats.needsExplanation > 0
      ? '需作出书面说明的，所在部门应当在收到本通知之日起15个工作日内报送书面说明'
      : '',
  ].filter((r) => r !== '');
  if (requirements.length > 0)
    blocks.push(
      { type: 'heading', level: 1, text: '三、有关要求' },
      { type: 'paragraph', text: `${requirements.join('；')}。` },
    );
  const contact = (options.contact ?? '').trim().replace(/^[（(]|[）)。]+$/gu, '');
  const printer = (options.printer ?? '').trim() || issuer;
  return {
    style: 'document',
    issuerMark: `${issuer}文件`,
    ...(options.docNumber && pending === 0 ? { docNumber: options.docNumber } : {}),
    ...(contact !== '' ? { note: contact } : {}),
    imprint: {
      copyTo: options.copyTo ?? '',
      printer,
      printDate: chineseDate(options.date),
    },
    title: reviewNoticeTitle(issuer, year),
    titleNames: [issuer],
    addressee: '各行政执法部门：',
    blocks,
    ...(pending > 0 ? { watermark: '草稿' } : {}),
    signature: { issuer, date: chineseDate(options.date), sealPlace: true },
  };
}
