// The default rule pack: each rule's article quoted from the official text (行政处罚法 2021年修订;
// 行政强制法; 行政许可法 2019年修正; 市场监督管理行政处罚程序规定 2022年修正). Each rule's test names its article
// (test/unit/rules-pack.test.ts). Add a rule: append it here with its citation, needs, check and sentence,
// then add its boundary tests; the pack's version changes and with it its SHA-256.

import { rulePackSchema, type RuleInput, type RulePack } from './rule-pack';

const CF = '中华人民共和国行政处罚法';
const QZ = '中华人民共和国行政强制法';
const XK = '中华人民共和国行政许可法';
const SC = '市场监督管理行政处罚程序规定';
const CF2021 = '2021-07-15';
const SAMR_WORDS = ['市场监督管理', '市场监管'];

/** A party whose name ends with one of these is an organisation (法人或者其他组织); otherwise a citizen. */
const ORGANISATION_SUFFIXES = [
  '公司',
  '厂',
  '店',
  '商行',
  '银行',
  '馆',
  '院',
  '所',
  '站',
  '社',
  '中心',
  '集团',
  '企业',
  '超市',
  '酒店',
  '宾馆',
  '饭店',
  '餐厅',
  '诊所',
  '药房',
  '学校',
  '幼儿园',
  '协会',
  '商会',
  '委员会',
  '局',
  '市场',
  '农场',
  '养殖场',
  '工作室',
  '门市部',
  '批发部',
  '经营部',
  '服务部',
  '有限合伙',
  '单位',
];

const PERIOD_SENTENCE =
  '{fromLabel}{from}，{toLabel}{to}{toSource}，共{elapsed}{unitWord}，超过{limit}{unitWord}期限{over}{unitWord}{excluded}{shift}{extension}';

/**
 * The three certificate rules (无证执法): one article, one set of dates, one scope; they differ only in
 * what is wrong with the 执法证号.
 */
function certificateRule(
  id: string,
  title: string,
  problem: 'missing' | 'unregistered' | 'invalid-on-date',
  sentence: string,
): RuleInput {
  return {
    id,
    title,
    citation: {
      law: CF,
      article: '第四十二条',
      text: '行政处罚应当由具有行政执法资格的执法人员实施。',
      inForceFrom: CF2021,
    },
    needs: ['certNo'],
    check: { kind: 'certificate', problem, on: ['filedDate', 'decisionDate', 'closedDate'] },
    sentence,
    bearsOn: ['执法证', '执法人员', '主体'],
  };
}

const RULES: RuleInput[] = [
  {
    id: 'CF-60-DECISION',
    title: '行政处罚决定超过九十日办案期限',
    citation: {
      law: CF,
      article: '第六十条',
      text: '行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    excludeDepartmentKeywords: SAMR_WORDS,
    needs: ['filedDate', 'decisionDate'],
    check: {
      kind: 'period',
      from: ['filedDate'],
      to: ['decisionDate', 'closedDate'],
      days: 90,
      unit: 'calendar',
    },
    sentence: PERIOD_SENTENCE,
    bearsOn: ['期限', '时限'],
  },
  {
    id: 'SC-64-DECISION',
    title: '市场监管案件超过九十日（经批准延长三十日）办案期限',
    citation: {
      law: SC,
      article: '第六十四条',
      text: '适用普通程序办理的案件应当自立案之日起九十日内作出处理决定。因案情复杂或者其他原因，不能在规定期限内作出处理决定的，经市场监督管理部门负责人批准，可以延长三十日。……听证、公告和检测、检验、检疫、鉴定……等时间不计入……案件办理期限。',
      sector: '市场监管',
      inForceFrom: '2019-04-01',
    },
    caseTypes: ['行政处罚'],
    departmentKeywords: SAMR_WORDS,
    needs: ['filedDate', 'decisionDate'],
    check: {
      kind: 'period',
      from: ['filedDate'],
      to: ['decisionDate', 'closedDate'],
      days: 90,
      unit: 'calendar',
      extensionDays: 30,
      excludesRecordedDays: true,
    },
    sentence: PERIOD_SENTENCE,
    bearsOn: ['期限', '时限'],
  },
  {
    id: 'CF-51-ON-THE-SPOT',
    title: '当场（简易程序）处罚超过法定数额',
    citation: {
      law: CF,
      article: '第五十一条',
      text: '违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['procedure', 'amount', 'party'],
    check: {
      kind: 'on-the-spot-amount',
      procedureWords: ['简易程序', '当场处罚', '当场'],
      citizenLimitFen: 20_000,
      organisationLimitFen: 300_000,
      organisationSuffixes: ORGANISATION_SUFFIXES,
    },
    sentence: '适用{procedure}，当事人“{party}”（{partyKind}），罚款{amount}元，超过当场处罚限额{limit}元',
    bearsOn: ['程序', '简易程序', '当场'],
  },
  {
    id: 'CF-33-ON-THE-SPOT-2017',
    title: '当场（简易程序）处罚超过法定数额（2021年修订前）',
    citation: {
      law: CF,
      article: '第三十三条（2017年修正）',
      text: '违法事实确凿并有法定依据，对公民处以五十元以下、对法人或者其他组织处以一千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。',
      inForceFrom: '1996-10-01',
      inForceTo: '2021-07-14',
    },
    caseTypes: ['行政处罚'],
    needs: ['procedure', 'amount', 'party'],
    check: {
      kind: 'on-the-spot-amount',
      procedureWords: ['简易程序', '当场处罚', '当场'],
      citizenLimitFen: 5_000,
      organisationLimitFen: 100_000,
      organisationSuffixes: ORGANISATION_SUFFIXES,
    },
    sentence: '适用{procedure}，当事人“{party}”（{partyKind}），罚款{amount}元，超过当场处罚限额{limit}元',
    bearsOn: ['程序', '简易程序', '当场'],
  },
  {
    id: 'CF-64-HEARING-WINDOW',
    title: '听证申请期限（告知后五日）未届满即作出决定',
    citation: {
      law: CF,
      article: '第六十四条第（一）项、第八十五条',
      text: '当事人要求听证的，应当在行政机关告知后五日内提出；本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['noticeDate', 'decisionDate'],
    check: {
      kind: 'waiting',
      from: ['noticeDate'],
      to: ['decisionDate', 'closedDate'],
      days: 5,
      unit: 'working',
      afterWindow: true,
    },
    sentence:
      '告知{from}，{toLabel}{to}{toSource}，相隔{elapsed}个工作日；听证申请期限至{deadline}届满，决定作出时期限未届满（如未告知听证权利，请核对）',
    bearsOn: ['告知', '听证', '陈述', '申辩'],
  },
  {
    id: 'CF-64-HEARING-NOTICE',
    title: '听证通知距听证不足七个工作日',
    citation: {
      law: CF,
      article: '第六十四条第（二）项、第八十五条',
      text: '行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点；本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['hearingNoticeDate', 'hearingDate'],
    check: {
      kind: 'waiting',
      from: ['hearingNoticeDate'],
      to: ['hearingDate'],
      days: 7,
      unit: 'working',
      afterWindow: false,
    },
    sentence: '听证通知{from}，听证{to}，相隔{elapsed}个工作日，不足{days}个工作日（最早可于{deadline}举行）',
    bearsOn: ['听证'],
  },
  {
    id: 'CF-61-DELIVERY',
    title: '处罚决定书送达超过七个工作日',
    citation: {
      law: CF,
      article: '第六十一条、第八十五条',
      text: '行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['decisionDate', 'deliveryDate'],
    check: { kind: 'period', from: ['decisionDate'], to: ['deliveryDate'], days: 7, unit: 'working' },
    sentence: PERIOD_SENTENCE,
    bearsOn: ['送达'],
  },
  {
    id: 'QZ-25-SEIZURE',
    title: '查封、扣押超过三十日（经批准延长不超过三十日）',
    citation: {
      law: QZ,
      article: '第二十五条',
      text: '查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。法律、行政法规另有规定的除外。……对物品需要进行检测、检验、检疫或者技术鉴定的，查封、扣押的期间不包括检测、检验、检疫或者技术鉴定的期间。',
      inForceFrom: '2012-01-01',
    },
    caseTypes: ['行政强制'],
    needs: ['measureStartDate', 'measureEndDate'],
    check: {
      kind: 'period',
      from: ['measureStartDate'],
      to: ['measureEndDate'],
      days: 30,
      unit: 'calendar',
      extensionDays: 30,
      excludesRecordedDays: true,
    },
    sentence: PERIOD_SENTENCE,
    bearsOn: ['期限', '强制', '查封', '扣押'],
  },
  {
    id: 'XK-42-LICENCE',
    title: '行政许可超过二十个工作日（经批准延长十日）办理期限',
    citation: {
      law: XK,
      article: '第四十二条、第四十五条、第八十二条',
      text: '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。但是，法律、法规另有规定的，依照其规定。……本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日。',
      inForceFrom: '2004-07-01',
    },
    caseTypes: ['行政许可'],
    needs: ['filedDate', 'decisionDate'],
    check: {
      kind: 'period',
      from: ['filedDate'],
      to: ['decisionDate', 'closedDate'],
      days: 20,
      unit: 'working',
      extensionDays: 10,
      excludesRecordedDays: true,
    },
    sentence: PERIOD_SENTENCE,
    bearsOn: ['期限', '时限'],
  },
  {
    id: 'CX-DECISION-BEFORE-FILING',
    title: '决定日期早于立案（受理）日期',
    citation: {
      law: CF,
      article: '第五十四条、第五十七条',
      text: '符合立案标准的，行政机关应当及时立案。……调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定',
      inForceFrom: CF2021,
    },
    needs: ['filedDate', 'decisionDate'],
    check: { kind: 'order', later: ['decisionDate'], earlier: ['filedDate'] },
    sentence: '{laterLabel}{later}早于{earlierLabel}{earlier}{gap}日',
    bearsOn: ['立案', '程序'],
  },
  {
    id: 'CX-CLOSED-BEFORE-DECISION',
    title: '结案日期早于决定日期',
    citation: {
      law: CF,
      article: '第五十七条',
      text: '调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定',
      inForceFrom: CF2021,
    },
    needs: ['closedDate', 'decisionDate'],
    check: { kind: 'order', later: ['closedDate'], earlier: ['decisionDate'] },
    sentence: '{laterLabel}{later}早于{earlierLabel}{earlier}{gap}日',
    bearsOn: ['结案', '程序'],
  },
  {
    id: 'CX-DELIVERY-BEFORE-DECISION',
    title: '送达日期早于决定日期',
    citation: {
      law: CF,
      article: '第六十一条',
      text: '行政处罚决定书应当在宣告后当场交付当事人',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['deliveryDate', 'decisionDate'],
    check: { kind: 'order', later: ['deliveryDate'], earlier: ['decisionDate'] },
    sentence: '{laterLabel}{later}早于{earlierLabel}{earlier}{gap}日',
    bearsOn: ['送达'],
  },
  {
    id: 'CF-42-TWO-OFFICERS',
    title: '行政处罚承办执法人员少于两人',
    citation: {
      law: CF,
      article: '第四十二条',
      text: '行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。',
      inForceFrom: CF2021,
    },
    caseTypes: ['行政处罚'],
    needs: ['officer'],
    check: { kind: 'min-officers', min: 2 },
    sentence: '承办人“{officers}”，共{count}人，少于{min}人',
    bearsOn: ['执法人员', '承办人', '主体'],
  },
  {
    id: 'QZ-18-TWO-OFFICERS',
    title: '行政强制措施实施人员少于两人',
    citation: {
      law: QZ,
      article: '第十八条第（二）项',
      text: '行政机关实施行政强制措施应当遵守下列规定：……（二）由两名以上行政执法人员实施',
      inForceFrom: '2012-01-01',
    },
    caseTypes: ['行政强制'],
    needs: ['officer'],
    check: { kind: 'min-officers', min: 2 },
    sentence: '承办人“{officers}”，共{count}人，少于{min}人',
    bearsOn: ['执法人员', '承办人', '主体'],
  },
  certificateRule('ZJ-MISSING', '执法证号缺失', 'missing', '承办人“{officers}”，台账未填写执法证号'),
  certificateRule(
    'ZJ-UNREGISTERED',
    '执法证号不在执法人员名录中',
    'unregistered',
    '执法证号{certNo}不在执法人员名录中',
  ),
  certificateRule(
    'ZJ-INVALID-ON-DATE',
    '办案日期执法证无效（未颁发、已过期、暂扣或注销）',
    'invalid-on-date',
    '执法证{certNo}（{name}）{dateLabel}{date}时{problem}',
  ),
];

export const DEFAULT_RULE_PACK: RulePack = rulePackSchema.parse({
  id: 'pingcha-ledger-rules',
  version: '2026.12-1',
  title: '评查台台账体检规则包',
  rules: RULES,
});
