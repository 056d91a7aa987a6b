// Default review standards shipped with the app, built from the shapes of published standards
// (卷面 20 + 内容 80; categories 执法主体 / 事实证据 / 法律适用 / 程序 / 裁量 / 文书制作 / 立卷归档;
// deduction steps -0.5/-1/-2/-5, 扣完为止; fail and cap vetoes; 三项制度 checkpoints).
// They are editable defaults (isDefault, named “（默认，可编辑）”), not any authority's official table.

import {
  defaultBands,
  toHalfPoints,
  type DeductionMode,
  type ItemGroup,
  type ReviewStandard,
  type StandardCategory,
  type StandardItem,
  type ThreeSystemsTag,
  type VetoItem,
} from './standard-model';

type OptionSpec = [label: string, points: number, mode?: DeductionMode];

function item(
  id: string,
  title: string,
  maxPoints: number,
  group: ItemGroup,
  legalBasis: string,
  options: OptionSpec[],
  tag?: ThreeSystemsTag,
): StandardItem {
  return {
    id,
    title,
    maxHalfPoints: toHalfPoints(maxPoints),
    deductions: options.map(([label, points, mode], i) => ({
      id: `${id}-d${i + 1}`,
      label,
      amountHalfPoints: toHalfPoints(points),
      mode: mode ?? 'per-occurrence',
    })),
    legalBasis,
    group,
    ...(tag ? { tag } : {}),
  };
}

function category(id: string, name: string, part: string, items: StandardItem[]): StandardCategory {
  return { id, name, part, items };
}

function fail(id: string, text: string, legalBasis?: string): VetoItem {
  return { id, kind: 'fail', text, ...(legalBasis ? { legalBasis } : {}) };
}
function cap(id: string, text: string): VetoItem {
  return { id, kind: 'cap', text };
}

function standard(
  id: string,
  caseType: string,
  label: string,
  categories: StandardCategory[],
  vetoes: VetoItem[],
): ReviewStandard {
  return withProblemWording({
    id,
    name: `${label}案卷评查标准（默认，可编辑）`,
    caseTypes: [caseType],
    version: 1,
    status: 'draft',
    isDefault: true,
    description:
      '本标准为软件内置的默认模板，依据公开发布的评查标准的常见结构编制（卷面 20 分、内容 80 分，扣完为止，不计负分）。请按本地规定修改后使用；开始评分时将冻结所用版本。',
    totalHalfPoints: 200,
    categories,
    vetoes,
    bands: defaultBands(200),
  });
}

/**
 * The 依据 of the 文书 items where a law in the table of known articles governs the case type's documents: what its
 * main decision must state (内容) and who signs or seals it (签章). Format and filing rules are local
 * (执法文书制作规范, 立卷归档规定) and cite no article.
 */
interface PaperBasis {
  content?: string;
  signing?: string;
}
const LOCAL_PAPER_RULES = '执法文书制作规范';
const withLocalRules = (articles: string | undefined): string =>
  articles ? `${articles}；${LOCAL_PAPER_RULES}` : LOCAL_PAPER_RULES;

// Shared archive / document-making categories (卷面 20 分).
function paperCategories(prefix: string, mainDecision: string, basis: PaperBasis = {}): StandardCategory[] {
  return [
    category(`${prefix}-doc`, '文书制作', '卷面', [
      item(`${prefix}-doc-1`, '文书格式规范，使用统一制式文书', 4, '文书归档', '执法文书制作规范', [
        ['使用非制式文书或文书格式不规范', 1],
        ['文书缺少文号或文号不规范', 0.5],
      ]),
      item(`${prefix}-doc-2`, '文书内容填写完整、准确', 4, '文书归档', withLocalRules(basis.content), [
        ['文书栏目漏填、空白栏未划线', 0.5],
        ['错别字、涂改未按规定处理', 0.5],
        [`${mainDecision}主要内容表述不完整`, 2],
      ]),
      item(`${prefix}-doc-3`, '签名、盖章、日期齐全', 4, '文书归档', withLocalRules(basis.signing), [
        ['缺执法人员签名', 1],
        ['缺当事人签名且未注明拒签情况', 1],
        ['文书日期缺失或前后矛盾', 0.5],
      ]),
    ]),
    category(`${prefix}-arch`, '立卷归档', '卷面', [
      item(`${prefix}-arch-1`, '案卷材料齐全', 3, '文书归档', '执法案卷立卷归档规定', [
        ['缺少应归档的文书或证据材料', 1],
      ]),
      item(`${prefix}-arch-2`, '排列顺序规范、页码完整', 3, '文书归档', '执法案卷立卷归档规定', [
        ['卷内文书排列顺序不当', 1, 'once'],
        ['页码缺失或编写错误', 0.5],
      ]),
      item(`${prefix}-arch-3`, '卷皮、卷内目录、备考表及装订', 2, '文书归档', '执法案卷立卷归档规定', [
        ['卷皮或卷内目录缺失、填写不全', 1, 'once'],
        ['装订不规范（金属物未去除、材料散落）', 1, 'once'],
      ]),
    ]),
  ];
}

const COMMON_FAIL = {
  subject: (basis?: string) => fail('veto-subject', '执法主体不合法（无法定职权或超越职权）', basis),
  qualification: (basis?: string) => fail('veto-qualification', '执法人员无行政执法资格', basis),
  twoOfficers: (basis?: string) => fail('veto-two-officers', '执法人员少于 2 人', basis),
  facts: (basis?: string) => fail('veto-facts', '认定事实不清', basis),
  evidence: (basis?: string) => fail('veto-evidence', '主要证据不充分', basis),
  characterisation: (basis?: string) => fail('veto-characterisation', '定性不准', basis),
  law: (basis?: string) => fail('veto-law', '适用法律、法规错误', basis),
  procedure: (basis?: string) => fail('veto-procedure', '违反法定程序', basis),
  transfer: (basis?: string) => fail('veto-transfer', '涉嫌犯罪应移送司法机关而未移送', basis),
};

const COMMON_CAP = {
  seal: () => cap('cap-seal', '对外文书未加盖执法机关印章'),
  article: () => cap('cap-article', '引用法律条款错误（未影响定性）'),
  step: () => cap('cap-step', '法定程序环节无相应文书记载'),
};

/** 行政处罚（一般程序）. */
export function defaultPenaltyStandard(): ReviewStandard {
  const p = 'pen';
  return standard(
    'default-penalty-general',
    '行政处罚',
    '行政处罚（一般程序）',
    [
      category(`${p}-subject`, '执法主体', '内容', [
        item(
          `${p}-subject-1`,
          '执法主体合法，在法定职权和管辖范围内',
          5,
          '实体',
          '《行政处罚法》第十七条、第二十二条',
          [
            ['管辖依据未说明或审查记录缺失', 1, 'once'],
            ['受委托组织实施处罚未附委托书', 2, 'once'],
          ],
        ),
        item(
          `${p}-subject-2`,
          '执法人员具备执法资格，不少于 2 人并出示证件',
          5,
          '实体',
          '《行政处罚法》第四十二条、第五十五条',
          [
            ['文书未记载执法证件号', 0.5],
            ['未记录出示执法证件', 1],
          ],
        ),
      ]),
      category(`${p}-facts`, '事实证据', '内容', [
        item(`${p}-facts-1`, '违法事实清楚，时间、地点、情节表述完整', 6, '实体', '《行政处罚法》第四十条', [
          ['违法事实要素（时间、地点、情节、后果）表述不全', 1],
          ['当事人身份信息不完整或与证据不一致', 1],
        ]),
        item(`${p}-facts-2`, '证据收集合法，形式规范', 6, '实体', '《行政处罚法》第四十六条', [
          ['证据来源不明或未注明出处', 1],
          ['现场检查笔录、询问笔录缺签名或未核对', 1],
          ['书证复印件未注明“与原件核对无误”', 0.5],
        ]),
        item(`${p}-facts-3`, '证据充分，与违法事实相互印证', 4, '实体', '《行政处罚法》第四十条', [
          ['关键事实仅有孤证', 2],
          ['证据之间矛盾未予说明', 1],
        ]),
        item(
          `${p}-facts-4`,
          '执法全过程记录：关键环节有文字及音像记录',
          4,
          '程序',
          '《行政处罚法》第四十七条；国务院办公厅关于全面推行三项制度的指导意见',
          [
            ['现场检查、调查取证、送达等关键环节缺少音像记录', 2],
            ['文字记录不完整', 1],
          ],
          '执法全过程记录',
        ),
      ]),
      category(`${p}-law`, '法律适用', '内容', [
        item(
          `${p}-law-1`,
          '违法行为定性准确，引用条款具体到条、款、项',
          7,
          '实体',
          '《行政处罚法》第五十九条',
          [
            ['引用条款不具体（未引至条、款、项）', 1],
            ['法律法规名称表述不规范', 0.5],
          ],
        ),
        item(`${p}-law-2`, '处罚种类、幅度在法定范围内并说明依据', 7, '实体', '《行政处罚法》第五十九条', [
          ['未写明处罚依据', 2, 'once'],
          ['没收违法所得计算依据不明', 1],
        ]),
      ]),
      category(`${p}-proc`, '程序', '内容', [
        item(`${p}-proc-1`, '立案审批及时、手续完备', 4, '程序', '《行政处罚法》第五十四条', [
          ['未在规定时限内立案', 1, 'once'],
          ['立案审批手续不全', 1, 'once'],
        ]),
        item(
          `${p}-proc-2`,
          '调查取证程序规范（告知权利、回避）',
          4,
          '程序',
          '《行政处罚法》第四十三条、第五十五条',
          [
            ['询问前未告知权利义务', 1],
            ['抽样取证、先行登记保存手续不全', 1],
          ],
        ),
        item(
          `${p}-proc-3`,
          '陈述、申辩和听证权利告知',
          6,
          '程序',
          '《行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条',
          [
            ['告知书内容不完整（事实、理由、依据、权利）', 1],
            ['未记录、复核当事人陈述申辩意见', 2, 'once'],
          ],
        ),
        item(
          `${p}-proc-4`,
          '重大执法决定法制审核',
          4,
          '程序',
          '《行政处罚法》第五十八条',
          [
            ['应法制审核的案件无法制审核意见', 4, 'once'],
            ['法制审核意见内容不完整或审核人员无资格', 1, 'once'],
          ],
          '重大执法决定法制审核',
        ),
        item(
          `${p}-proc-5`,
          '集体讨论、决定与送达',
          4,
          '程序',
          '《行政处罚法》第五十七条、第五十九条、第六十一条',
          [
            ['情节复杂或重大案件未集体讨论', 2, 'once'],
            ['送达方式不当或送达回证不规范', 1],
            ['超过法定期限作出决定', 1, 'once'],
          ],
        ),
        item(`${p}-proc-6`, '执行与结案', 2, '程序', '《行政处罚法》第六十六条至第七十三条', [
          ['罚没款缴纳凭证未归档', 1, 'once'],
          ['无结案审批或结案报告', 1, 'once'],
        ]),
        item(
          `${p}-proc-7`,
          '执法公示：处罚决定按规定公开',
          2,
          '程序',
          '《行政处罚法》第四十八条',
          [
            ['依法应公开的处罚决定未公示', 2, 'once'],
            ['公示超过规定期限或内容不全', 1, 'once'],
          ],
          '执法公示',
        ),
      ]),
      category(`${p}-discretion`, '裁量', '内容', [
        item(`${p}-discretion-1`, '适用裁量基准并说明理由', 6, '实体', '《行政处罚法》第三十四条', [
          ['未说明裁量理由', 2, 'once'],
          ['未适用或错误适用裁量基准', 2, 'once'],
          ['同类案件处罚明显不均衡', 5, 'once'],
        ]),
        item(
          `${p}-discretion-2`,
          '从轻、减轻、不予处罚情节认定有据',
          4,
          '实体',
          '《行政处罚法》第三十二条、第三十三条',
          [
            ['情节认定无相应证据', 1],
            ['未考虑法定从轻、减轻情节', 2, 'once'],
          ],
        ),
      ]),
      // 第五十九条: what the 处罚决定书 states, and the organ's seal on it.
      ...paperCategories(p, '处罚决定书', {
        content: '《行政处罚法》第五十九条',
        signing: '《行政处罚法》第五十九条',
      }),
    ],
    [
      COMMON_FAIL.subject('《行政处罚法》第十七条'),
      COMMON_FAIL.qualification('《行政处罚法》第四十二条'),
      COMMON_FAIL.twoOfficers('《行政处罚法》第四十二条'),
      COMMON_FAIL.facts('《行政处罚法》第四十条'),
      COMMON_FAIL.evidence('《行政处罚法》第四十条、第四十六条'),
      COMMON_FAIL.characterisation(),
      COMMON_FAIL.law(),
      COMMON_FAIL.procedure('《行政处罚法》第三十八条第二款'),
      COMMON_FAIL.transfer('《行政处罚法》第二十七条'),
      COMMON_CAP.seal(),
      COMMON_CAP.article(),
      cap('cap-range', '处罚种类或幅度超出法定范围'),
      COMMON_CAP.step(),
    ],
  );
}

/** 行政许可. */
export function defaultLicensingStandard(): ReviewStandard {
  const p = 'lic';
  return standard(
    'default-licensing',
    '行政许可',
    '行政许可',
    [
      category(`${p}-subject`, '执法主体', '内容', [
        item(`${p}-subject-1`, '许可机关具有法定许可权限', 6, '实体', '《行政许可法》第二十二条', [
          ['许可事项超出本机关公布的许可目录', 2, 'once'],
          ['受委托实施许可未附委托书或未公告', 2, 'once'],
        ]),
        item(
          `${p}-subject-2`,
          '审查人员具备资格，现场核查不少于 2 人',
          4,
          '实体',
          '《行政许可法》第三十四条',
          [['现场核查记录未载明核查人员及证件号', 1]],
        ),
      ]),
      category(`${p}-facts`, '事实证据', '内容', [
        item(
          `${p}-facts-1`,
          '申请材料齐全、符合法定形式',
          8,
          '实体',
          '《行政许可法》第三十一条、第三十二条',
          [
            ['缺少法定申请材料', 2],
            ['申请材料未经申请人签章确认', 1],
            ['要求申请人提交与许可无关的材料', 2],
          ],
        ),
        item(`${p}-facts-2`, '实质审查、现场核查到位', 10, '实体', '《行政许可法》第三十四条', [
          ['需现场核查未核查或核查记录缺失', 2],
          ['核查记录内容不完整', 1],
        ]),
        item(
          `${p}-facts-3`,
          '执法全过程记录：受理、核查等环节有记录可查',
          4,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [
            ['现场核查无音像或照片记录', 2],
            ['受理、审查环节无书面记录', 1],
          ],
          '执法全过程记录',
        ),
      ]),
      category(`${p}-law`, '法律适用', '内容', [
        item(`${p}-law-1`, '许可条件、依据引用准确', 10, '实体', '《行政许可法》第三十八条', [
          ['决定书未写明许可依据', 2, 'once'],
          ['引用条款不具体或名称不规范', 1],
        ]),
        item(`${p}-law-2`, '不予许可说明理由并告知救济途径', 4, '实体', '《行政许可法》第三十八条第二款', [
          ['不予许可未说明理由', 2, 'once'],
          ['未告知申请复议或提起诉讼的权利', 2, 'once'],
        ]),
      ]),
      category(`${p}-proc`, '程序', '内容', [
        item(`${p}-proc-1`, '受理或不予受理程序规范', 6, '程序', '《行政许可法》第三十二条', [
          ['未出具受理通知书或不予受理决定书', 2],
          ['材料不全未一次告知需补正内容', 2, 'once'],
        ]),
        item(`${p}-proc-2`, '办理时限符合规定', 6, '程序', '《行政许可法》第四十二条', [
          ['超过法定或承诺时限办结', 2, 'once'],
          ['延期未经批准或未告知申请人', 1, 'once'],
        ]),
        item(`${p}-proc-3`, '听证与利害关系人告知', 4, '程序', '《行政许可法》第三十六条、第四十七条', [
          ['涉及他人重大利益未告知利害关系人', 2, 'once'],
          ['依法应告知听证权利而未告知', 2, 'once'],
        ]),
        item(
          `${p}-proc-4`,
          '重大许可决定法制审核',
          4,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [['应法制审核的许可决定无法制审核意见', 4, 'once']],
          '重大执法决定法制审核',
        ),
        item(`${p}-proc-5`, '决定送达与证照发放', 4, '程序', '《行政许可法》第三十九条、第四十四条', [
          ['未在法定期限内颁发、送达许可证件', 1, 'once'],
          ['送达记录缺失', 1],
        ]),
        item(
          `${p}-proc-6`,
          '执法公示：许可结果按规定公开',
          4,
          '程序',
          '《行政许可法》第四十条',
          [
            ['许可决定未依法公开', 2, 'once'],
            ['公示内容不全或超期', 1, 'once'],
          ],
          '执法公示',
        ),
      ]),
      category(`${p}-discretion`, '裁量', '内容', [
        item(
          `${p}-discretion-1`,
          '许可数量限制、招标拍卖等决定公平公正',
          6,
          '实体',
          '《行政许可法》第五十三条、第五十七条',
          [
            ['有数量限制时未按受理先后或公开方式作出决定', 2, 'once'],
            ['附加法定条件以外的限制', 2, 'once'],
          ],
        ),
      ]),
      // 第三十八条: the written decision (reasons and remedies when refused); 第三十九条: the certificate under the
      // organ's seal.
      ...paperCategories(p, '许可决定书', {
        content: '《行政许可法》第三十八条',
        signing: '《行政许可法》第三十九条',
      }),
    ],
    [
      COMMON_FAIL.subject('《行政许可法》第二十二条'),
      COMMON_FAIL.qualification(),
      fail(
        'veto-conditions',
        '不符合法定条件而准予许可，或符合法定条件而不予许可',
        '《行政许可法》第三十八条',
      ),
      COMMON_FAIL.facts(),
      COMMON_FAIL.law(),
      COMMON_FAIL.procedure(),
      COMMON_CAP.seal(),
      COMMON_CAP.article(),
      COMMON_CAP.step(),
    ],
  );
}

/** 行政强制. */
export function defaultCoercionStandard(): ReviewStandard {
  const p = 'coe';
  return standard(
    'default-coercion',
    '行政强制',
    '行政强制',
    [
      category(`${p}-subject`, '执法主体', '内容', [
        item(`${p}-subject-1`, '实施机关具有法定强制权，不得委托', 5, '实体', '《行政强制法》第十七条', [
          ['强制措施依据的授权条款未写明', 2, 'once'],
        ]),
        item(
          `${p}-subject-2`,
          '执法人员具备资格，不少于 2 人并出示证件',
          5,
          '实体',
          '《行政强制法》第十八条',
          [
            ['文书未记载执法证件号', 0.5],
            ['未记录出示执法证件', 1],
          ],
        ),
      ]),
      category(`${p}-facts`, '事实证据', '内容', [
        item(
          `${p}-facts-1`,
          '采取强制措施的事实、理由清楚',
          8,
          '实体',
          '《行政强制法》第十八条、第二十四条',
          [
            ['强制措施的事实理由表述不清', 2],
            ['查封、扣押财物与违法行为关联不明', 2],
          ],
        ),
        item(`${p}-facts-2`, '现场笔录和物品清单完整', 6, '实体', '《行政强制法》第十八条、第二十四条', [
          ['现场笔录缺当事人或见证人签名且未注明', 1],
          ['查封扣押清单物品名称、数量、规格不清', 1],
        ]),
        item(
          `${p}-facts-3`,
          '执法全过程记录：强制措施实施过程有音像记录',
          6,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [
            ['实施查封、扣押等强制措施全过程无音像记录', 5, 'once'],
            ['音像记录不完整', 1],
          ],
          '执法全过程记录',
        ),
      ]),
      category(`${p}-law`, '法律适用', '内容', [
        item(`${p}-law-1`, '强制措施种类、对象符合法律规定', 10, '实体', '《行政强制法》第九条、第二十三条', [
          ['查封扣押与违法行为无关的财物', 2],
          ['引用条款不具体', 1],
        ]),
        item(`${p}-law-2`, '强制执行决定载明依据、方式和期限', 4, '实体', '《行政强制法》第三十七条', [
          ['强制执行决定未写明依据', 2, 'once'],
          ['未写明强制执行方式或时间', 1, 'once'],
        ]),
      ]),
      category(`${p}-proc`, '程序', '内容', [
        item(`${p}-proc-1`, '实施前报告批准（紧急情况 24 小时内补办）', 5, '程序', '《行政强制法》第十九条', [
          ['未经负责人批准', 2, 'once'],
          ['紧急情况未在 24 小时内补办批准手续', 2, 'once'],
        ]),
        item(`${p}-proc-2`, '告知理由、依据和救济权利，听取陈述申辩', 5, '程序', '《行政强制法》第十八条', [
          ['未当场告知理由、依据和救济途径', 2, 'once'],
          ['未记录当事人陈述申辩', 1, 'once'],
        ]),
        item(`${p}-proc-3`, '期限与处理决定', 6, '程序', '《行政强制法》第二十五条、第二十七条', [
          ['查封扣押超过法定期限', 2, 'once'],
          ['延长期限未书面告知', 1, 'once'],
          ['期限届满未及时作出处理决定', 2, 'once'],
        ]),
        item(`${p}-proc-4`, '强制执行催告与决定', 4, '程序', '《行政强制法》第三十五条至第三十七条', [
          ['强制执行前未书面催告', 2, 'once'],
          ['强制执行决定书内容不全', 1],
        ]),
        item(
          `${p}-proc-5`,
          '重大强制决定法制审核',
          4,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [['应法制审核的强制决定无法制审核意见', 4, 'once']],
          '重大执法决定法制审核',
        ),
        item(
          `${p}-proc-6`,
          '执法公示：强制决定依法公开',
          4,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [
            ['依法应公开的强制决定未公示', 2, 'once'],
            ['公示内容不全或超期', 1, 'once'],
          ],
          '执法公示',
        ),
      ]),
      category(`${p}-discretion`, '裁量', '内容', [
        item(
          `${p}-discretion-1`,
          '强制适当，选择对当事人损害最小的方式',
          8,
          '实体',
          '《行政强制法》第五条、第四十三条',
          [
            ['可用非强制手段达到目的而采取强制', 2, 'once'],
            ['夜间或法定节假日实施强制执行', 2, 'once'],
            ['对居民生活采取停水、停电等方式迫使履行', 5, 'once'],
          ],
        ),
      ]),
      // 第二十四条: what the 查封、扣押决定书 states; 第十八条: the 现场笔录 signed by the party and the officers, a
      // refusal noted in it.
      ...paperCategories(p, '强制措施决定书', {
        content: '《行政强制法》第二十四条',
        signing: '《行政强制法》第十八条',
      }),
    ],
    [
      COMMON_FAIL.subject('《行政强制法》第十七条'),
      COMMON_FAIL.qualification('《行政强制法》第十八条'),
      COMMON_FAIL.twoOfficers('《行政强制法》第十八条'),
      COMMON_FAIL.facts(),
      COMMON_FAIL.evidence(),
      COMMON_FAIL.law(),
      COMMON_FAIL.procedure(),
      COMMON_FAIL.transfer(),
      COMMON_CAP.seal(),
      COMMON_CAP.article(),
      COMMON_CAP.step(),
    ],
  );
}

/** 行政检查. */
export function defaultInspectionStandard(): ReviewStandard {
  const p = 'ins';
  return standard(
    'default-inspection',
    '行政检查',
    '行政检查',
    [
      category(`${p}-subject`, '执法主体', '内容', [
        item(`${p}-subject-1`, '检查主体和事项在法定职权范围内', 5, '实体', '本地行政检查事项清单', [
          ['检查事项不在检查事项清单内', 2, 'once'],
          ['跨部门联合检查未载明牵头及参与单位', 1, 'once'],
        ]),
        // No national law on 行政检查 yet: where an inspection finds a violation it is the 调查 of 《行政处罚法》, whose
        // 第五十五条 (certificates shown, a 笔录 made) and 第二十七条/第五十四条 (移送, 立案) are cited.
        item(
          `${p}-subject-2`,
          '检查人员具备资格，不少于 2 人并出示证件',
          5,
          '实体',
          '《行政处罚法》第五十五条；行政执法证件管理规定',
          [
            ['检查记录未记载执法证件号', 0.5],
            ['未记录出示执法证件', 1],
          ],
        ),
      ]),
      category(`${p}-facts`, '事实证据', '内容', [
        item(
          `${p}-facts-1`,
          '检查记录真实完整，发现问题表述清楚',
          12,
          '实体',
          '《行政处罚法》第五十五条；行政检查工作规范',
          [
            ['检查记录内容空泛，未写明检查内容和结果', 2],
            ['发现问题未写明具体事实', 2],
            ['检查记录缺被检查人签名且未注明', 1],
          ],
        ),
        item(
          `${p}-facts-2`,
          '执法全过程记录：检查现场有音像记录',
          6,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [
            ['现场检查无音像或照片记录', 2],
            ['音像记录与检查记录不一致', 1],
          ],
          '执法全过程记录',
        ),
      ]),
      category(`${p}-law`, '法律适用', '内容', [
        item(`${p}-law-1`, '检查依据和问题定性引用准确', 10, '实体', '相关法律、法规、规章', [
          ['检查依据未写明', 2, 'once'],
          ['问题定性引用条款不具体', 1],
        ]),
        item(`${p}-law-2`, '责令整改等处理措施有法定依据', 4, '实体', '相关法律、法规、规章', [
          ['责令整改未写明依据', 1],
          ['采取的处理措施无法定依据', 2, 'once'],
        ]),
      ]),
      category(`${p}-proc`, '程序', '内容', [
        item(
          `${p}-proc-1`,
          '检查计划与“双随机、一公开”抽取',
          6,
          '程序',
          '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
          [
            ['无检查计划或未经批准', 2, 'once'],
            ['应随机抽取而未随机抽取检查对象或检查人员', 2, 'once'],
          ],
        ),
        item(`${p}-proc-2`, '检查频次与涉企检查规范', 5, '程序', '本地涉企行政检查规定', [
          ['超频次或重复检查', 2, 'once'],
          ['检查时间影响企业正常生产经营未说明理由', 1, 'once'],
        ]),
        item(
          `${p}-proc-3`,
          '问题处理：责令整改、复查、移交',
          10,
          '程序',
          '《行政处罚法》第二十七条、第五十四条；行政检查工作规范',
          [
            ['发现问题未责令整改', 2],
            ['整改期限届满未复查', 2],
            ['发现违法线索未转立案或移交', 5, 'once'],
          ],
        ),
        item(
          `${p}-proc-4`,
          '重大检查处理决定法制审核',
          4,
          '程序',
          '国务院办公厅关于全面推行三项制度的指导意见',
          [['应法制审核的处理决定无法制审核意见', 4, 'once']],
          '重大执法决定法制审核',
        ),
        item(
          `${p}-proc-5`,
          '执法公示：检查结果按规定公开',
          4,
          '程序',
          '“双随机、一公开”监管相关规定',
          [
            ['检查结果未按规定公示', 2, 'once'],
            ['公示超期或内容不全', 1, 'once'],
          ],
          '执法公示',
        ),
      ]),
      category(`${p}-discretion`, '裁量', '内容', [
        item(`${p}-discretion-1`, '处理措施适当，包容审慎', 9, '实体', '本地行政检查规定', [
          ['轻微问题未采用提醒、告诫等柔性措施', 1, 'once'],
          ['处理措施与问题严重程度明显不相称', 2, 'once'],
        ]),
      ]),
      ...paperCategories(p, '检查记录'),
    ],
    [
      COMMON_FAIL.subject(),
      COMMON_FAIL.qualification(),
      COMMON_FAIL.twoOfficers(),
      COMMON_FAIL.facts(),
      COMMON_FAIL.procedure(),
      COMMON_FAIL.transfer(),
      COMMON_CAP.seal(),
      COMMON_CAP.article(),
      COMMON_CAP.step(),
    ],
  );
}

/** All default standards, freshly built (callers may edit the returned objects). */
// 问题表述 of every default item: the problem as a 通报 heading names it (the item's title is the requirement).
// Items the four standards share (文书制作, 立卷归档) are keyed without their prefix.
const PROBLEM_WORDING: Record<string, string> = {
  'doc-1': '文书格式不规范，未使用统一制式文书',
  'doc-2': '文书内容填写不完整、不准确',
  'doc-3': '文书签名、盖章或日期缺失',
  'arch-1': '案卷材料不齐全',
  'arch-2': '卷内文书排列不规范、页码不完整',
  'arch-3': '卷皮、卷内目录、备考表缺失或装订不规范',
  'pen-subject-1': '执法主体不合法或超出职权、管辖范围',
  'pen-subject-2': '执法人员资格不符、不足2人或未出示证件',
  'pen-facts-1': '违法事实认定不清，时间、地点、情节表述不完整',
  'pen-facts-2': '证据收集不合法、形式不规范',
  'pen-facts-3': '证据不充分，不能与违法事实相互印证',
  'pen-facts-4': '执法全过程记录缺失，关键环节无文字或音像记录',
  'pen-law-1': '违法行为定性不准，引用条款未具体到条、款、项',
  'pen-law-2': '处罚种类、幅度超出法定范围或未说明依据',
  'pen-proc-1': '立案审批不及时、手续不完备',
  'pen-proc-2': '调查取证程序不规范，未告知权利或未落实回避',
  'pen-proc-3': '未依法告知陈述、申辩和听证权利',
  'pen-proc-4': '重大执法决定未经法制审核或审核不规范',
  'pen-proc-5': '集体讨论、决定或送达不规范',
  'pen-proc-6': '执行与结案不规范',
  'pen-proc-7': '行政处罚决定未按规定公开',
  'pen-discretion-1': '未适用裁量基准或未说明裁量理由',
  'pen-discretion-2': '从轻、减轻、不予处罚情节认定依据不足',
  'lic-subject-1': '许可机关超越法定许可权限',
  'lic-subject-2': '审查人员资格不符或现场核查不足2人',
  'lic-facts-1': '申请材料不齐全或不符合法定形式',
  'lic-facts-2': '实质审查、现场核查不到位',
  'lic-facts-3': '执法全过程记录缺失，受理、核查等环节无记录可查',
  'lic-law-1': '许可条件、依据引用不准确',
  'lic-law-2': '不予许可未说明理由或未告知救济途径',
  'lic-proc-1': '受理或不予受理程序不规范',
  'lic-proc-2': '超过法定办理时限',
  'lic-proc-3': '未依法举行听证或告知利害关系人',
  'lic-proc-4': '重大许可决定未经法制审核或审核不规范',
  'lic-proc-5': '许可决定送达或证照发放不规范',
  'lic-proc-6': '行政许可结果未按规定公开',
  'lic-discretion-1': '许可数量限制、招标拍卖等决定不够公平公正',
  'coe-subject-1': '实施机关无法定强制权或违法委托实施',
  'coe-subject-2': '执法人员资格不符、不足2人或未出示证件',
  'coe-facts-1': '采取强制措施的事实、理由不清',
  'coe-facts-2': '现场笔录或物品清单不完整',
  'coe-facts-3': '执法全过程记录缺失，强制措施实施过程无音像记录',
  'coe-law-1': '强制措施种类、对象不符合法律规定',
  'coe-law-2': '强制执行决定未载明依据、方式或期限',
  'coe-proc-1': '实施前未报告批准或未按时补办',
  'coe-proc-2': '未告知理由、依据和救济权利或未听取陈述申辩',
  'coe-proc-3': '强制措施超过期限或未及时作出处理决定',
  'coe-proc-4': '强制执行前未依法催告或决定不规范',
  'coe-proc-5': '重大强制决定未经法制审核或审核不规范',
  'coe-proc-6': '行政强制决定未依法公开',
  'coe-discretion-1': '强制措施不当，未选择对当事人损害最小的方式',
  'ins-subject-1': '检查主体或检查事项超出法定职权范围',
  'ins-subject-2': '检查人员资格不符、不足2人或未出示证件',
  'ins-facts-1': '检查记录不真实完整，发现的问题表述不清',
  'ins-facts-2': '执法全过程记录缺失，检查现场无音像记录',
  'ins-law-1': '检查依据或问题定性引用不准确',
  'ins-law-2': '责令整改等处理措施缺少法定依据',
  'ins-proc-1': '未按检查计划或“双随机、一公开”要求抽取检查对象',
  'ins-proc-2': '检查频次超标或涉企检查不规范',
  'ins-proc-3': '发现问题后未责令整改、复查或移交',
  'ins-proc-4': '重大检查处理决定未经法制审核或审核不规范',
  'ins-proc-5': '检查结果未按规定公开',
  'ins-discretion-1': '处理措施不适当，未体现包容审慎',
};

/** Each item with its 问题表述 (every default item has one; test/unit/standards-problem-wording.test.ts). */
function withProblemWording(s: ReviewStandard): ReviewStandard {
  for (const c of s.categories)
    for (const it of c.items) {
      const wording = PROBLEM_WORDING[it.id] ?? PROBLEM_WORDING[it.id.slice(it.id.indexOf('-') + 1)];
      if (wording !== undefined) it.problemWording = wording;
    }
  return s;
}

export function defaultStandards(): ReviewStandard[] {
  return [
    defaultPenaltyStandard(),
    defaultLicensingStandard(),
    defaultCoercionStandard(),
    defaultInspectionStandard(),
  ];
}

/** The default standard for a case type, or undefined. */
export function defaultStandardFor(caseType: string): ReviewStandard | undefined {
  const key = caseType.trim();
  return defaultStandards().find((s) => s.caseTypes.some((t) => key.startsWith(t)));
}
