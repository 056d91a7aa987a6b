import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { evaluateRule, RuleCensus, splitOfficerNames, isOrganisation } from '../../shared/rules/evaluate';
import type { DateField, RuleRow } from '../../shared/rules/rule-fields';
import { isoDayNumber } from '../../shared/rules/working-days';
import {
  effectiveRulePack,
  rulePackDigest,
  rulePackSchema,
  rulePackSettingsSchema,
  type Rule,
} from '../../shared/rules/rule-pack';
import { buildCertificateRegistry } from '../../shared/rules/certificate-registry';
import { parseOfficer } from '../../shared/officers/officer-model';

const rule = (id: string): Rule => {
  const r = DEFAULT_RULE_PACK.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

type RowInput = Partial<Record<DateField, string | null>> & {
  department?: string;
  caseType?: string;
  procedure?: string;
  extension?: string;
  partyKind?: string;
  party?: string;
  officer?: string;
  certNo?: string;
  amountYuan?: number | null;
  excludedDays?: number | null;
};

const DATE_KEYS: DateField[] = [
  'filedDate',
  'decisionDate',
  'closedDate',
  'noticeDate',
  'hearingRequestDate',
  'hearingNoticeDate',
  'hearingDate',
  'deliveryDate',
  'measureStartDate',
  'measureEndDate',
];

function row(input: RowInput): RuleRow {
  const dates: RuleRow['dates'] = {};
  const dateHeaders: RuleRow['dateHeaders'] = {};
  for (const k of DATE_KEYS) {
    const v = input[k];
    if (v === undefined) continue;
    dates[k] = v === null ? null : (isoDayNumber(v) ?? Number.NaN);
    dateHeaders[k] =
      { decisionDate: '处罚决定日期', closedDate: '结案日期', filedDate: '立案日期' }[k as string] ?? k;
  }
  const text: RuleRow['text'] = {};
  for (const k of ['procedure', 'extension', 'partyKind', 'party', 'officer', 'certNo'] as const)
    if (input[k] !== undefined) text[k] = input[k];
  return {
    itemId: 'i1',
    caseNo: '德市监罚〔2024〕1号',
    department: input.department ?? '德阳市市场监督管理局',
    caseType: input.caseType ?? '行政处罚',
    sourceRow: 2,
    dates,
    dateHeaders,
    text,
    amountFen:
      input.amountYuan === undefined ? undefined : input.amountYuan === null ? null : input.amountYuan * 100,
    excludedDays: input.excludedDays,
  };
}

const kind = (r: Rule, input: RowInput, ctx = {}): string => evaluateRule(r, row(input), ctx).kind;
const sentence = (r: Rule, input: RowInput, ctx = {}): string => {
  const out = evaluateRule(r, row(input), ctx);
  if (out.kind !== 'flag') throw new Error(`expected a flag, got ${JSON.stringify(out)}`);
  return out.sentence;
};
const reason = (r: Rule, input: RowInput, ctx = {}): string => {
  const out = evaluateRule(r, row(input), ctx);
  if (out.kind !== 'cannot-check') throw new Error(`expected cannot-check, got ${JSON.stringify(out)}`);
  return out.reason;
};

describe('the rule pack as data', () => {
  it('has at least 15 rules, each citing its law and article, checked by zod', () => {
    expect(DEFAULT_RULE_PACK.rules.length).toBeGreaterThanOrEqual(15);
    for (const r of DEFAULT_RULE_PACK.rules) {
      expect(r.citation.law).toMatch(/法|规定/);
      expect(r.citation.article).toMatch(/^第.+条/);
    }
    expect(() => rulePackSchema.parse({ ...DEFAULT_RULE_PACK, rules: [] })).toThrow();
    const dup = { ...DEFAULT_RULE_PACK, rules: [...DEFAULT_RULE_PACK.rules, DEFAULT_RULE_PACK.rules[0]] };
    expect(() => rulePackSchema.parse(dup)).toThrow(/重复/);
  });

  it('has a SHA-256 over its canonical JSON that changes when a rule changes', () => {
    const digest = rulePackDigest(DEFAULT_RULE_PACK);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(rulePackDigest(rulePackSchema.parse(JSON.parse(JSON.stringify(DEFAULT_RULE_PACK))))).toBe(digest);
    const changed = effectiveRulePack(
      DEFAULT_RULE_PACK,
      rulePackSettingsSchema.parse({ periods: { 'SC-64-DECISION': { days: 60, extensionDays: 30 } } }),
    );
    expect(rulePackDigest(changed)).not.toBe(digest);
    expect(changed.version).toBe('2026.12-1+本机调整');
    expect(changed.rules.find((r) => r.id === 'SC-64-DECISION')?.check).toMatchObject({ days: 60 });
    const off = effectiveRulePack(
      DEFAULT_RULE_PACK,
      rulePackSettingsSchema.parse({ disabled: ['ZJ-MISSING'] }),
    );
    expect(off.rules.find((r) => r.id === 'ZJ-MISSING')?.enabled).toBe(false);
    expect(
      evaluateRule(
        off.rules.find((r) => r.id === 'ZJ-MISSING')!,
        row({ certNo: '' }),
      ).kind,
    ).toBe('not-applicable');
    expect(() => rulePackSettingsSchema.parse({ periods: { X: { days: 0, extensionDays: 0 } } })).toThrow(
      /1 到 3650/,
    );
  });
});

describe('市场监督管理行政处罚程序规定 第六十四条: 90 days after 立案, +30 with approval, excluded periods', () => {
  const r = rule('SC-64-DECISION');
  it('prints the arithmetic and says which date was used (the issue example)', () => {
    expect(sentence(r, { filedDate: '2024-03-02', decisionDate: '2024-07-20', extension: '' })).toBe(
      '立案2024-03-02，决定2024-07-20（取自“处罚决定日期”列），共140日，超过90日期限50日；未见延期批准记录',
    );
  });
  it('exactly at 90 days is not flagged; one day over is', () => {
    // 2024-03-02 + 90 = 2024-05-31 (Friday, a working day)
    expect(kind(r, { filedDate: '2024-03-02', decisionDate: '2024-05-31' })).toBe('ok');
    expect(sentence(r, { filedDate: '2024-03-02', decisionDate: '2024-06-01' })).toContain(
      '共91日，超过90日期限1日',
    );
  });
  it('an approved extension gives 120 days; one day over is flagged', () => {
    // 2024-03-04 + 120 = 2024-07-02 (Tuesday)
    expect(kind(r, { filedDate: '2024-03-04', decisionDate: '2024-07-02', extension: '是' })).toBe('ok');
    expect(
      sentence(r, { filedDate: '2024-03-04', decisionDate: '2024-07-03', extension: '经局长批准延长' }),
    ).toContain('共121日，超过120日期限1日；已记录延期批准（延长30日）');
    expect(kind(r, { filedDate: '2024-03-04', decisionDate: '2024-07-03', extension: '否' })).toBe('flag');
  });
  it('periods the ledger records as not counted (听证、鉴定) are added', () => {
    // 2024-03-04 + 90 + 10 = 2024-06-12 (Wednesday)
    expect(kind(r, { filedDate: '2024-03-04', decisionDate: '2024-06-12', excludedDays: 10 })).toBe('ok');
    expect(sentence(r, { filedDate: '2024-03-04', decisionDate: '2024-06-13', excludedDays: 10 })).toContain(
      '超过100日期限1日（含不计入期限的10日）',
    );
  });
  it('a holiday inside the window does not stretch it, a holiday at its end does', () => {
    // 2024-07-03 + 90 = 2024-10-01 (国庆): the period ends on the first working day after, 2024-10-08
    expect(kind(r, { filedDate: '2024-07-03', decisionDate: '2024-10-08' })).toBe('ok');
    expect(sentence(r, { filedDate: '2024-07-03', decisionDate: '2024-10-09', extension: '' })).toBe(
      '立案2024-07-03，决定2024-10-09（取自“处罚决定日期”列），共98日，超过90日期限1日（期限末日2024-10-01为法定节假日或休息日，顺延至2024-10-08）；未见延期批准记录',
    );
    // 2024-08-01 + 90 = 2024-10-30: 国庆 lies inside and changes nothing
    expect(kind(r, { filedDate: '2024-08-01', decisionDate: '2024-10-30' })).toBe('ok');
    expect(kind(r, { filedDate: '2024-08-01', decisionDate: '2024-10-31' })).toBe('flag');
  });
  it('uses 结案日期 when the ledger has no decision date, and says so', () => {
    expect(sentence(r, { filedDate: '2024-03-02', closedDate: '2024-07-20' })).toContain(
      '结案2024-07-20（台账无决定日期，按“结案日期”计）',
    );
  });
  it('missing field: no flag but a “cannot check” with the reason', () => {
    expect(reason(r, { decisionDate: '2024-07-20' })).toBe('台账无“立案（受理）日期”列');
    expect(reason(r, { filedDate: null, decisionDate: '2024-07-20' })).toBe('立案（受理）日期为空');
    expect(reason(r, { filedDate: '2024-03-02' })).toBe('台账无“决定日期”列');
  });
  it('applies to 市场监管 only; other departments fall under 行政处罚法 第六十条', () => {
    expect(
      kind(r, { department: '德阳市交通运输局', filedDate: '2024-03-02', decisionDate: '2024-07-20' }),
    ).toBe('not-applicable');
  });
});

describe('行政处罚法 第六十条: 90 days after 立案 (from 2021-07-15)', () => {
  const r = rule('CF-60-DECISION');
  const other = { department: '德阳市交通运输局' };
  it('at 90 days ok, 91 flagged, no extension in the law itself', () => {
    expect(kind(r, { ...other, filedDate: '2024-03-02', decisionDate: '2024-05-31' })).toBe('ok');
    expect(
      sentence(r, { ...other, filedDate: '2024-03-02', decisionDate: '2024-06-01', extension: '是' }),
    ).toBe('立案2024-03-02，决定2024-06-01（取自“处罚决定日期”列），共91日，超过90日期限1日');
  });
  it('holiday at the end moves the end; missing field cannot check; not before the law was in force', () => {
    expect(kind(r, { ...other, filedDate: '2024-07-03', decisionDate: '2024-10-08' })).toBe('ok');
    expect(reason(r, { ...other, filedDate: '2024-07-03' })).toBe('台账无“决定日期”列');
    expect(kind(r, { ...other, filedDate: '2021-01-04', decisionDate: '2021-06-30' })).toBe('not-applicable');
    expect(kind(r, { filedDate: '2024-03-02', decisionDate: '2024-07-20' })).toBe('not-applicable'); // 市场监管
  });
});

describe('行政处罚法 第五十一条: 当场处罚 only up to 200 yuan (citizen) / 3,000 yuan (organisation)', () => {
  const r = rule('CF-51-ON-THE-SPOT');
  const base = { procedure: '简易程序', decisionDate: '2024-05-06' };
  it('citizen: 200 ok, 201 flagged', () => {
    expect(kind(r, { ...base, party: '张三', amountYuan: 200 })).toBe('ok');
    expect(sentence(r, { ...base, party: '张三', amountYuan: 201 })).toBe(
      '适用简易程序，当事人“张三”（公民），罚款201.00元，超过当场处罚限额200.00元',
    );
  });
  it('organisation by suffix or by the 当事人类型 column: 3,000 ok, 3,001 flagged', () => {
    expect(kind(r, { ...base, party: '旌阳区好运来超市', amountYuan: 3000 })).toBe('ok');
    expect(kind(r, { ...base, party: '德阳某某有限公司', amountYuan: 3001 })).toBe('flag');
    expect(kind(r, { ...base, party: '王五', partyKind: '法人', amountYuan: 2000 })).toBe('ok');
    expect(kind(r, { ...base, party: '某某商店', partyKind: '个体工商户', amountYuan: 201 })).toBe('flag');
  });
  it('ordinary procedure is not concerned; missing amount or procedure cannot check', () => {
    expect(kind(r, { ...base, procedure: '普通程序', party: '张三', amountYuan: 5000 })).toBe(
      'not-applicable',
    );
    expect(reason(r, { decisionDate: '2024-05-06', party: '张三', amountYuan: 500 })).toBe(
      '台账无“适用程序”列',
    );
    expect(reason(r, { ...base, party: '张三', amountYuan: null })).toBe('罚没款金额为空');
  });
  it('before 2021-07-15 the 2017 text (Art. 33: 50 / 1,000 yuan) applies instead', () => {
    const old = rule('CF-33-ON-THE-SPOT-2017');
    expect(kind(r, { ...base, decisionDate: '2021-03-01', party: '张三', amountYuan: 100 })).toBe(
      'not-applicable',
    );
    expect(kind(old, { ...base, decisionDate: '2021-03-01', party: '张三', amountYuan: 50 })).toBe('ok');
    expect(kind(old, { ...base, decisionDate: '2021-03-01', party: '张三', amountYuan: 51 })).toBe('flag');
    expect(kind(old, { ...base, decisionDate: '2021-03-01', party: '某公司', amountYuan: 1001 })).toBe(
      'flag',
    );
  });
});

describe('行政处罚法 第六十四条第（一）项 and 第八十五条: decision after the 5-working-day hearing request window', () => {
  const r = rule('CF-64-HEARING-WINDOW');
  it('告知 Friday 2024-09-27: the window ends Thursday 2024-10-10 (国庆 inside); a decision that day is flagged, the next day is not', () => {
    expect(sentence(r, { noticeDate: '2024-09-27', decisionDate: '2024-10-10' })).toContain(
      '听证申请期限至2024-10-10届满',
    );
    expect(kind(r, { noticeDate: '2024-09-27', decisionDate: '2024-10-11' })).toBe('ok');
    // counted in calendar days (to 10-04) it would have passed
    expect(kind(r, { noticeDate: '2024-09-27', decisionDate: '2024-10-08' })).toBe('flag');
  });
  it('ordinary week, missing field, unknown year', () => {
    expect(kind(r, { noticeDate: '2024-03-04', decisionDate: '2024-03-11' })).toBe('flag');
    expect(kind(r, { noticeDate: '2024-03-04', decisionDate: '2024-03-12' })).toBe('ok');
    expect(reason(r, { decisionDate: '2024-03-12' })).toBe('台账无“告知日期”列');
    expect(reason(r, { noticeDate: '2027-03-04', decisionDate: '2027-03-12' })).toContain(
      '2027年的法定节假日安排未收录',
    );
  });
});

describe('行政处罚法 第六十四条第（二）项: the hearing notice at least 7 working days before the hearing', () => {
  const r = rule('CF-64-HEARING-NOTICE');
  it('exactly 7 working days ok, 6 flagged, 春节 inside counts as not working', () => {
    expect(kind(r, { hearingNoticeDate: '2024-03-04', hearingDate: '2024-03-13' })).toBe('ok');
    expect(sentence(r, { hearingNoticeDate: '2024-03-04', hearingDate: '2024-03-12' })).toBe(
      '听证通知2024-03-04，听证2024-03-12，相隔6个工作日，不足7个工作日（最早可于2024-03-13举行）',
    );
    // 2024 春节 02-10..02-17 off, Sunday 02-04 and 02-18 worked: notice 02-05, 7 working days = 02-06,07,08,09,18,19,20
    expect(kind(r, { hearingNoticeDate: '2024-02-05', hearingDate: '2024-02-19' })).toBe('flag');
    expect(kind(r, { hearingNoticeDate: '2024-02-05', hearingDate: '2024-02-20' })).toBe('ok');
    expect(reason(r, { hearingDate: '2024-02-20' })).toBe('台账无“听证通知日期”列');
  });
});

describe('行政处罚法 第六十一条: decision delivered within 7 working days', () => {
  const r = rule('CF-61-DELIVERY');
  it('at the 7th working day ok, the 8th flagged, 国庆 inside', () => {
    // decision 2024-09-27 (Fri): 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12 (Saturday worked)
    expect(kind(r, { decisionDate: '2024-09-27', deliveryDate: '2024-10-12' })).toBe('ok');
    expect(sentence(r, { decisionDate: '2024-09-27', deliveryDate: '2024-10-14' })).toBe(
      '决定2024-09-27，送达2024-10-14，共8个工作日，超过7个工作日期限1个工作日',
    );
    expect(reason(r, { decisionDate: '2024-09-27', deliveryDate: null })).toBe('送达日期为空');
  });
});

describe('行政强制法 第二十五条: 查封、扣押 30 days, +30 with approval, 检测/鉴定 not counted', () => {
  const r = rule('QZ-25-SEIZURE');
  const base = { caseType: '行政强制', department: '德阳市应急管理局' };
  it('30 ok, 31 flagged; 60 with approval, its end on 劳动节 moved to the next working day', () => {
    // 2024-03-04 + 30 = 2024-04-03 (Wednesday); 04-04 is 清明
    expect(kind(r, { ...base, measureStartDate: '2024-03-04', measureEndDate: '2024-04-03' })).toBe('ok');
    expect(sentence(r, { ...base, measureStartDate: '2024-03-04', measureEndDate: '2024-04-04' })).toContain(
      '查封扣押2024-03-04，解除2024-04-04，共31日，超过30日期限1日；台账无延期批准记录列，未计延期',
    );
    // + 60 = 2024-05-03 (劳动节 05-01..05-05) -> 2024-05-06
    expect(
      kind(r, { ...base, measureStartDate: '2024-03-04', measureEndDate: '2024-05-06', extension: '是' }),
    ).toBe('ok');
    expect(
      kind(r, { ...base, measureStartDate: '2024-03-04', measureEndDate: '2024-05-07', extension: '是' }),
    ).toBe('flag');
  });
  it('holiday at the end; excluded 鉴定 days; missing field', () => {
    // 2024-09-01 + 30 = 2024-10-01 (国庆) -> 2024-10-08
    expect(kind(r, { ...base, measureStartDate: '2024-09-01', measureEndDate: '2024-10-08' })).toBe('ok');
    expect(kind(r, { ...base, measureStartDate: '2024-09-01', measureEndDate: '2024-10-09' })).toBe('flag');
    expect(
      kind(r, { ...base, measureStartDate: '2024-03-01', measureEndDate: '2024-04-10', excludedDays: 10 }),
    ).toBe('ok');
    expect(reason(r, { ...base, measureStartDate: '2024-03-01' })).toBe('台账无“解除日期”列');
  });
});

describe('行政许可法 第四十二条、第四十五条、第八十二条: 20 working days after 受理, +10 with approval', () => {
  const r = rule('XK-42-LICENCE');
  const base = { caseType: '行政许可', department: '德阳市行政审批局' };
  it('20 working days ok, 21 flagged; 国庆 inside is not counted', () => {
    // 受理 2024-09-20 (Fri): 09-23..27 (5), 09-29 Sun (6), 09-30 (7), 10-08..11 (11), 10-12 Sat (12), 10-14..18 (17), 10-21..23 (20)
    expect(kind(r, { ...base, filedDate: '2024-09-20', decisionDate: '2024-10-23' })).toBe('ok');
    expect(
      sentence(r, { ...base, filedDate: '2024-09-20', decisionDate: '2024-10-24', extension: '' }),
    ).toContain('共21个工作日，超过20个工作日期限1个工作日；未见延期批准记录');
    expect(kind(r, { ...base, filedDate: '2024-09-20', decisionDate: '2024-11-06', extension: '是' })).toBe(
      'ok',
    );
    expect(kind(r, { ...base, filedDate: '2024-09-20', decisionDate: '2024-11-07', extension: '是' })).toBe(
      'flag',
    );
    expect(reason(r, { ...base, decisionDate: '2024-11-07' })).toBe('台账无“立案（受理）日期”列');
  });
});

describe('order of dates (行政处罚法 第五十四条、第五十七条、第六十一条)', () => {
  it('决定早于立案: same day ok, one day before flagged', () => {
    const r = rule('CX-DECISION-BEFORE-FILING');
    expect(kind(r, { filedDate: '2024-03-02', decisionDate: '2024-03-02' })).toBe('ok');
    expect(sentence(r, { filedDate: '2024-03-02', decisionDate: '2024-03-01' })).toBe(
      '处罚决定日期2024-03-01早于立案日期2024-03-02共1日'.replace('共', ''),
    );
    expect(reason(r, { filedDate: '2024-03-02' })).toBe('台账无“决定日期”列');
  });
  it('结案早于决定 and 送达早于决定', () => {
    expect(
      kind(rule('CX-CLOSED-BEFORE-DECISION'), { decisionDate: '2024-03-05', closedDate: '2024-03-05' }),
    ).toBe('ok');
    expect(
      kind(rule('CX-CLOSED-BEFORE-DECISION'), { decisionDate: '2024-03-05', closedDate: '2024-03-04' }),
    ).toBe('flag');
    expect(
      kind(rule('CX-DELIVERY-BEFORE-DECISION'), { decisionDate: '2024-03-05', deliveryDate: '2024-03-04' }),
    ).toBe('flag');
    expect(reason(rule('CX-DELIVERY-BEFORE-DECISION'), { decisionDate: 'x' as string })).toBe(
      '台账无“送达日期”列',
    );
  });
});

describe('行政处罚法 第四十二条 / 行政强制法 第十八条第（二）项: at least two officers', () => {
  it('two names ok (any separator), one flagged, empty cannot check', () => {
    const r = rule('CF-42-TWO-OFFICERS');
    expect(splitOfficerNames('张三、李四')).toEqual(['张三', '李四']);
    expect(splitOfficerNames('张三 张三')).toEqual(['张三']);
    expect(kind(r, { filedDate: '2024-03-02', officer: '张三，李四' })).toBe('ok');
    expect(sentence(r, { filedDate: '2024-03-02', officer: '张三' })).toBe('承办人“张三”，共1人，少于2人');
    expect(reason(r, { filedDate: '2024-03-02', officer: '' })).toBe('承办人为空');
    const q = rule('QZ-18-TWO-OFFICERS');
    expect(kind(q, { caseType: '行政强制', filedDate: '2024-03-02', officer: '王五' })).toBe('flag');
    expect(kind(q, { caseType: '行政处罚', filedDate: '2024-03-02', officer: '王五' })).toBe(
      'not-applicable',
    );
  });
});

describe('行政处罚法 第四十二条: 执法证 missing, not in the registry, not valid on the case date', () => {
  const officers = [
    parseOfficer({
      id: 'o1',
      name: '张三',
      department: '德阳市市场监督管理局',
      employmentType: '正式在编',
      certificateNo: '川A0001',
      issueDate: '2022-01-10',
      expiryDate: '2024-12-31',
    }),
    parseOfficer({
      id: 'o2',
      name: '李四',
      department: '德阳市市场监督管理局',
      employmentType: '正式在编',
      certificateNo: '川A0002',
      issueDate: '2020-01-01',
      expiryDate: '2030-12-31',
      status: '暂扣',
      statusHistory: [
        { at: '2024-05-01T08:00:00Z', from: '有效', to: '暂扣', reason: '立案调查', by: '法制科' },
      ],
    }),
  ];
  const registry = buildCertificateRegistry(officers);
  const ctx = { registry };
  it('missing: an empty cell is flagged, no column cannot check', () => {
    const r = rule('ZJ-MISSING');
    expect(sentence(r, { filedDate: '2024-03-02', officer: '张三', certNo: '' })).toBe(
      '承办人“张三”，台账未填写执法证号',
    );
    expect(kind(r, { filedDate: '2024-03-02', certNo: '川A0001' })).toBe('ok');
    expect(reason(r, { filedDate: '2024-03-02' })).toBe('台账无“执法证号”列');
  });
  it('unregistered: compared without spaces or case; no registry cannot check', () => {
    const r = rule('ZJ-UNREGISTERED');
    expect(kind(r, { filedDate: '2024-03-02', certNo: '川a 0001、川A0002' }, ctx)).toBe('ok');
    expect(sentence(r, { filedDate: '2024-03-02', certNo: '川A0001、川A9999' }, ctx)).toBe(
      '执法证号川A9999不在执法人员名录中',
    );
    expect(reason(r, { filedDate: '2024-03-02', certNo: '川A0001' })).toBe('未导入执法人员名录');
  });
  it('invalid on the date: before issue, after expiry (boundary), while suspended', () => {
    const r = rule('ZJ-INVALID-ON-DATE');
    expect(kind(r, { filedDate: '2024-12-31', certNo: '川A0001' }, ctx)).toBe('ok');
    expect(sentence(r, { filedDate: '2025-01-01', certNo: '川A0001' }, ctx)).toBe(
      '执法证川A0001（张三）立案2025-01-01时证件已过期（有效期至2024-12-31）',
    );
    expect(sentence(r, { filedDate: '2022-01-09', certNo: '川A0001' }, ctx)).toContain(
      '证件尚未颁发（2022-01-10颁发）',
    );
    expect(kind(r, { filedDate: '2024-04-30', certNo: '川A0002' }, ctx)).toBe('ok');
    expect(sentence(r, { filedDate: '2024-04-30', decisionDate: '2024-05-01', certNo: '川A0002' }, ctx)).toBe(
      '执法证川A0002（李四）决定2024-05-01时证件处于暂扣状态',
    );
    expect(reason(r, { filedDate: '2024-04-30', certNo: '川A0002' })).toBe('未导入执法人员名录');
  });
});

describe('the census tallies', () => {
  it('counts flags, cannot-check reasons and flags per department', () => {
    const census = new RuleCensus(DEFAULT_RULE_PACK);
    const flags = [
      row({ filedDate: '2024-03-02', decisionDate: '2024-07-20', officer: '张三', certNo: '' }),
      row({ filedDate: '2024-03-02', officer: '张三、李四', certNo: 'X1' }),
    ].flatMap((r) => census.check(r));
    expect(flags.map((f) => f.ruleId).sort()).toEqual(['CF-42-TWO-OFFICERS', 'SC-64-DECISION', 'ZJ-MISSING']);
    const sc = census.tallies.find((t) => t.ruleId === 'SC-64-DECISION')!;
    expect(sc).toMatchObject({ applicable: 2, flagged: 1, cannotCheck: 1 });
    expect(sc.cannotCheckReasons).toEqual({ '台账无“决定日期”列': 1 });
    expect(sc.flaggedByDepartment).toEqual({ 德阳市市场监督管理局: 1 });
  });
  it('tells citizens from organisations', () => {
    expect(isOrganisation('张三', undefined, ['公司'])).toBe(false);
    expect(isOrganisation('某某有限公司（分公司）', undefined, ['公司'])).toBe(true);
  });
});

describe('what a rule does not concern', () => {
  it('an ordinary-procedure file without an amount is not “cannot check” for 第五十一条', () => {
    expect(
      kind(rule('CF-51-ON-THE-SPOT'), {
        procedure: '普通程序',
        decisionDate: '2024-05-06',
        party: '张三',
        amountYuan: null,
      }),
    ).toBe('not-applicable');
  });
  it('a licence counted from 受理 says 受理 and 结案 when the ledger has no decision date', () => {
    const r = rule('XK-42-LICENCE');
    const out = evaluateRule(r, {
      ...row({
        caseType: '行政许可',
        filedDate: '2024-09-20',
        closedDate: '2024-10-24',
        decisionDate: null,
        extension: '',
      }),
      dateHeaders: { filedDate: '受理日期', closedDate: '办结日期', decisionDate: '处罚决定日期' },
    });
    expect(out).toEqual({
      kind: 'flag',
      sentence:
        '受理2024-09-20，结案2024-10-24（决定日期为空，按“办结日期”计），共21个工作日，超过20个工作日期限1个工作日；未见延期批准记录',
    });
  });
});
