// Deterministic generator of realistic enforcement ledgers (执法台账) for fixtures, benchmarks and the
// in-app 示例数据. Same options + seed -> same rows, on every platform (integer PRNG, no Date/locale).
import type { Cell, SheetData } from '../ledger/types';
import { epochDaysFromCivil, isoFromEpochDays } from '../xlsx/excel-date';

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoDepartment {
  /** Full name with the city prefix, e.g. 德阳市市场监督管理局. */
  name: string;
  /** Abbreviation used in case numbers, e.g. 市监 -> 德市监罚〔2024〕12号. */
  abbr: string;
  /** Relative case volume. */
  weight: number;
  causes: string[];
}

const DEPARTMENT_BASE: [string, string, number, string[]][] = [
  [
    '市场监督管理局',
    '市监',
    30,
    [
      '销售过期食品',
      '未取得营业执照从事经营活动',
      '虚假宣传',
      '销售不合格产品',
      '未按规定公示年度报告',
      '价格违法行为',
      '使用未经检验的特种设备',
    ],
  ],
  [
    '交通运输局',
    '交运',
    20,
    [
      '超限运输',
      '未取得道路运输经营许可从事客运',
      '出租车拒载',
      '未按规定进行车辆二级维护',
      '道路运输车辆未按规定安装卫星定位装置',
    ],
  ],
  [
    '城市管理综合行政执法局',
    '城管',
    18,
    ['占道经营', '违法建设', '未按规定设置户外广告', '乱倒建筑垃圾', '擅自占用城市绿地'],
  ],
  [
    '公安局',
    '公',
    16,
    ['扰乱公共秩序', '违反治安管理规定', '无证驾驶', '非法携带管制刀具', '未按规定登记住宿旅客信息'],
  ],
  [
    '生态环境局',
    '环',
    8,
    ['违规排放污水', '未批先建', '超标排放大气污染物', '危险废物未按规定贮存', '噪声超标排放'],
  ],
  [
    '文化广电旅游局',
    '文旅',
    6,
    ['未经许可擅自从事营业性演出', '网吧接纳未成年人', '旅行社未与游客签订合同', '擅自安装卫星地面接收设施'],
  ],
  [
    '卫生健康委员会',
    '卫健',
    6,
    ['无证行医', '医疗废物处置不规范', '公共场所卫生不合格', '未取得健康证明从事直接为顾客服务工作'],
  ],
  [
    '应急管理局',
    '应急',
    6,
    [
      '未按规定开展安全生产培训',
      '未建立事故隐患排查治理制度',
      '特种作业人员未持证上岗',
      '危险化学品储存不规范',
    ],
  ],
  [
    '自然资源和规划局',
    '自然资源',
    5,
    ['非法占用耕地', '未经批准擅自开采矿产资源', '违反规划许可进行建设', '非法转让土地'],
  ],
  [
    '住房和城乡建设局',
    '住建',
    5,
    [
      '未取得施工许可证擅自施工',
      '违反工程建设强制性标准',
      '物业服务企业违规收费',
      '建筑起重机械未办理使用登记',
    ],
  ],
  ['农业农村局', '农', 5, ['销售假冒伪劣农资', '违规使用禁用农药', '非法捕捞水产品', '未按规定实施动物检疫']],
  ['水利局', '水', 3, ['非法取水', '河道内违法采砂', '未经批准在河道管理范围内建设', '擅自填堵河道']],
  ['税务局', '税', 6, ['未按期申报纳税', '未按规定开具发票', '逃避缴纳税款', '未按规定办理税务登记']],
  ['教育局', '教', 2, ['未经批准擅自举办校外培训机构', '违规收费', '校车安全管理不到位']],
  ['民政局', '民', 2, ['社会组织未按规定年检', '养老机构未按规定备案', '违规殡葬行为']],
  [
    '人力资源和社会保障局',
    '人社',
    3,
    ['拖欠农民工工资', '未依法缴纳社会保险费', '违法使用童工', '职业中介机构违规经营'],
  ],
  ['商务局', '商', 2, ['单用途商业预付卡违规发行', '成品油经营不规范', '报废机动车回收不规范']],
  ['林业局', '林', 2, ['滥伐林木', '非法收购野生动物', '擅自改变林地用途']],
  ['医疗保障局', '医保', 2, ['定点医疗机构违规收费', '骗取医保基金', '超标准收费']],
  ['体育局', '体', 1, ['高危险性体育项目未经许可经营', '体育赛事安全保障不到位']],
  ['统计局', '统', 1, ['提供不真实统计资料', '拒报统计资料', '迟报统计资料']],
  ['气象局', '气', 1, ['施放气球未经许可', '危害气象探测环境']],
  ['消防救援支队', '消', 4, ['消防设施未保持完好有效', '占用疏散通道', '未经消防验收擅自投入使用']],
  ['烟草专卖局', '烟', 3, ['无烟草专卖零售许可证经营烟草制品', '销售非法生产的烟草专卖品', '跨区域经营卷烟']],
  ['粮食和物资储备局', '粮', 1, ['粮食收购未按规定备案', '粮食库存数量不实']],
  ['退役军人事务局', '退役', 1, ['骗取优待抚恤金', '违规申领补助']],
  ['经济和信息化局', '经信', 1, ['违规使用高耗能设备', '未按规定报送能耗数据']],
  ['发展和改革委员会', '发改', 1, ['价格监测数据报送不实', '违规招标']],
  ['司法局', '司', 1, ['律师事务所违规执业', '基层法律服务所违规收费']],
  ['审计局', '审', 1, ['拒绝提供审计资料', '转移隐匿有关资料']],
  ['民族宗教事务局', '民宗', 1, ['未经批准举行大型宗教活动', '擅自设立宗教活动场所']],
  ['档案局', '档', 1, ['档案管理不规范', '擅自销毁档案']],
  [
    '人民防空办公室',
    '人防',
    1,
    ['擅自拆除人防工程', '人防工程未按规定维护', '未按规定缴纳防空地下室易地建设费'],
  ],
];

export function demoDepartments(city = '德阳市'): DemoDepartment[] {
  return DEPARTMENT_BASE.map(([n, abbr, weight, causes]) => ({ name: city + n, abbr, weight, causes }));
}

export const DEMO_CASE_TYPES: { type: string; share: number; letter: string }[] = [
  { type: '行政处罚', share: 0.45, letter: '罚' },
  { type: '行政检查', share: 0.25, letter: '检' },
  { type: '行政许可', share: 0.18, letter: '许' },
  { type: '行政强制', share: 0.06, letter: '强' },
  { type: '行政征收', share: 0.02, letter: '征' },
  { type: '行政确认', share: 0.02, letter: '确' },
  { type: '行政给付', share: 0.01, letter: '给' },
  { type: '行政裁决', share: 0.005, letter: '裁' },
  { type: '其他', share: 0.005, letter: '他' },
];

const TYPE_VARIANTS: Record<string, string[]> = {
  行政处罚: ['处罚', '行政处罚（一般程序）', '行政处罚(简易程序)'],
  行政检查: ['检查', '监督检查'],
  行政许可: ['许可'],
  行政强制: ['行政强制措施', '强制'],
};

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌鹏飞宇浩然晨欣怡雪琳思远嘉豪子涵海波小龙春燕德明玉兰晓东家乐';
const BRANDS = '鑫源恒泰华盛金鹏宏达瑞丰佳和永安天成德信汇通隆兴众诚新纪博远锦程盛世祥瑞东方蜀汉旌城亭江岷山';
const TRADES = [
  '商贸',
  '食品',
  '建筑工程',
  '物流',
  '餐饮管理',
  '医药连锁',
  '机械制造',
  '建材',
  '农业开发',
  '网络科技',
  '房地产开发',
  '汽车运输',
  '酒店管理',
  '化工',
];
const COMPANY_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '个体工商户', '经营部'];

export interface LedgerGenOptions {
  /** Number of case rows (before duplicates/totals). */
  rows: number;
  seed?: number;
  city?: string;
  year?: number;
  /** Only these departments (indexes into demoDepartments()); default all 33, weighted. */
  departmentIndexes?: number[];
  /** Title rows above the header (0-3). */
  titleRows?: number;
  /** How dates are written: ISO text, Excel serial numbers, 20170305 numbers, or a mix of text forms + serials. */
  dates?: 'iso' | 'serial' | 'compact' | 'mixed';
  /** Share of case numbers, dates and amounts written with full-width digits (0..1). */
  fullWidth?: number;
  /** Amounts as numbers, or as text with commas/元/万元. */
  amounts?: 'number' | 'text';
  /** Share of case types written as variants (处罚, 行政处罚（一般程序）...). */
  typeVariants?: number;
  /** Append a 合计 row. */
  totalRow?: boolean;
  /** Extra rows repeating an earlier case (same department and number). */
  duplicates?: number;
  /** Rows whose case number is left empty (invalid rows). */
  missingCaseNo?: number;
  /** Share of rows with an empty optional field (party, officer, amount). */
  missingOptional?: number;
  /** One 承办人（执法证号） column instead of two. */
  certInOfficer?: boolean;
  /**
   * Append the columns the statutory clocks read (处罚决定日期, 适用程序, 告知日期, 送达日期, 延期批准), with a few
   * late decisions, early decisions, late deliveries and 简易程序 files above the on-the-spot limit. Drawn from
   * a PRNG of its own, so the other cells are the same as without it (except 结案日期 kept after the decision).
   */
  statutoryColumns?: boolean;
}

export interface GeneratedCase {
  caseNo: string;
  department: string;
  caseType: string;
  cause: string;
  party: string;
  filedDate: string;
  closedDate: string;
  amountFen: number | null;
  officer: string;
  certNo: string;
}

export interface GeneratedLedger {
  title: string[];
  headers: string[];
  /** Data rows below the header, including duplicates, blank-case-number rows and the 合计 row. */
  rows: Cell[][];
  /** title rows + header + rows, ready to write to a sheet. */
  sheetRows: Cell[][];
  /** The clean cases behind the rows, in row order (without duplicates / totals). */
  cases: GeneratedCase[];
  stats: { duplicates: number; missingCaseNo: number; totalRow: boolean };
}

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;

export function toFullWidthDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 48 && c <= 57 ? String.fromCharCode(c + FULL_WIDTH_OFFSET) : s[i];
  }
  return out;
}

function pickWeighted<T>(
  rnd: () => number,
  items: readonly T[],
  weight: (t: T) => number,
  totalWeight: number,
): T {
  let x = rnd() * totalWeight;
  for (const it of items) {
    x -= weight(it);
    if (x < 0) return it;
  }
  return items[items.length - 1]!;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function personName(rnd: () => number): string {
  const s = SURNAMES[Math.floor(rnd() * SURNAMES.length)]!;
  const n = rnd() < 0.6 ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[Math.floor(rnd() * GIVEN.length)]!;
  return s + g;
}

function companyName(rnd: () => number, city: string): string {
  const b1 = Math.floor(rnd() * (BRANDS.length / 2)) * 2;
  const brand = BRANDS.slice(b1, b1 + 2);
  const form = pick(rnd, COMPANY_FORMS);
  if (form === '个体工商户' || form === '经营部')
    return `${city.replace(/市$/, '')}${brand}${pick(rnd, TRADES)}${form === '个体工商户' ? '店' : '经营部'}`;
  return `${city.replace(/市$/, '')}${brand}${pick(rnd, TRADES)}${form}`;
}

const TEXT_DATE_FORMS: ((y: number, m: number, d: number) => string)[] = [
  (y, m, d) => `${y}-${m}-${d}`,
  (y, m, d) => `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`,
  (y, m, d) => `${y}.${m}.${d}`,
  (y, m, d) => `${y}年${m}月${d}日`,
  (y, m, d) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
];

const SERIAL_EPOCH = epochDaysFromCivil(1899, 12, 30);

/** Generate one ledger. Pure and deterministic. */
const STATUTORY_HEADERS = ['处罚决定日期', '适用程序', '告知日期', '送达日期', '延期批准'];

interface StatutoryCells {
  decision: number | null;
  closed: number;
  procedure: string | null;
  notice: number | null;
  delivery: number | null;
  extension: string | null;
}

/** The statutory-clock cells of one generated case (epoch days); a few break a rule on purpose. */
function statutoryCells(
  rnd: () => number,
  type: string,
  filed: number,
  closed: number,
  amountFen: number | null,
): StatutoryCells {
  if (type === '行政许可') {
    // 受理 -> 办结 mostly within 20 working days; the 结案日期 column is the decision
    const decision = filed + Math.floor(rnd() * (rnd() < 0.05 ? 45 : 26));
    return {
      decision: null,
      closed: decision,
      procedure: null,
      notice: null,
      delivery: null,
      extension: null,
    };
  }
  if (type !== '行政处罚')
    return { decision: null, closed, procedure: null, notice: null, delivery: null, extension: null };
  const simple = amountFen !== null && amountFen <= 20_000 ? rnd() < 0.6 : rnd() < 0.01;
  if (simple) {
    return {
      decision: filed,
      closed: Math.max(closed, filed),
      procedure: '简易程序',
      notice: null,
      delivery: filed,
      extension: null,
    };
  }
  const late = rnd() < 0.04;
  const days = late ? 91 + Math.floor(rnd() * 60) : 20 + Math.floor(rnd() * 65);
  const decision = filed + days;
  const extension = days > 90 ? (rnd() < 0.5 ? '是' : '否') : rnd() < 0.05 ? '是' : '否';
  // 告知 mostly 8-20 days before the decision; 3 % a few days before (inside the 5-working-day window)
  const notice = decision - (rnd() < 0.03 ? 1 + Math.floor(rnd() * 4) : 8 + Math.floor(rnd() * 12));
  const delivery = decision + (rnd() < 0.03 ? 12 + Math.floor(rnd() * 10) : Math.floor(rnd() * 5));
  return {
    decision,
    closed: Math.max(closed, delivery + Math.floor(rnd() * 20)),
    procedure: '普通程序',
    notice,
    delivery,
    extension,
  };
}

export function generateLedgerRows(opts: LedgerGenOptions): GeneratedLedger {
  const rnd = mulberry32(opts.seed ?? 20240101);
  const city = opts.city ?? '德阳市';
  const year = opts.year ?? 2024;
  const all = demoDepartments(city);
  const indexes = (opts.departmentIndexes ?? all.map((_, i) => i)).filter((i) => all[i] !== undefined);
  const depts = indexes.map((i) => all[i]!);
  const deptWeight = depts.reduce((n, d) => n + d.weight, 0);
  const typeWeight = DEMO_CASE_TYPES.reduce((n, t) => n + t.share, 0);
  const fullWidth = opts.fullWidth ?? 0;
  const dates = opts.dates ?? 'iso';
  const cityChar = city.slice(0, 1);
  const counters = new Map<string, number>();
  const officers = new Map<string, { name: string; cert: string }[]>();
  depts.forEach((d, k0) => {
    const i = indexes[k0]!; // global department index keeps certificate numbers unique across ledgers
    const list: { name: string; cert: string }[] = [];
    for (let k = 0; k < 8; k++) {
      list.push({
        name: personName(rnd),
        cert: `51${String(6 + (i % 4)).padStart(2, '0')}${String(i).padStart(2, '0')}${String(100 + k * 37 + i).padStart(4, '0')}`,
      });
    }
    officers.set(d.name, list);
  });
  const clock = opts.statutoryColumns ? mulberry32((opts.seed ?? 20240101) ^ 0x5eed) : null;
  const baseHeaders = opts.certInOfficer
    ? [
        '序号',
        '案件编号',
        '执法部门',
        '案件类型',
        '案由',
        '当事人',
        '立案日期',
        '结案日期',
        '处罚金额（元）',
        '承办人（执法证号）',
      ]
    : [
        '序号',
        '案件编号',
        '执法部门',
        '案件类型',
        '案由',
        '当事人',
        '立案日期',
        '结案日期',
        '处罚金额（元）',
        '承办人',
        '执法证号',
      ];
  const headers = clock ? [...baseHeaders, ...STATUTORY_HEADERS] : baseHeaders;

  const fw = (s: string) => (fullWidth > 0 && rnd() < fullWidth ? toFullWidthDigits(s) : s);
  const writeDate = (iso: string): Cell => {
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const d = Number(iso.slice(8, 10));
    const serial = epochDaysFromCivil(y, m, d) - SERIAL_EPOCH;
    switch (dates) {
      case 'iso':
        return fw(iso);
      case 'serial':
        return serial;
      case 'compact':
        return y * 10000 + m * 100 + d;
      default: {
        const x = rnd();
        if (x < 0.25) return serial;
        return fw(pick(rnd, TEXT_DATE_FORMS)(y, m, d));
      }
    }
  };
  const writeAmount = (fen: number | null): Cell => {
    if (fen === null) return opts.amounts === 'text' && rnd() < 0.3 ? '无' : null;
    if (opts.amounts !== 'text') return fen / 100;
    const yuan = fen / 100;
    const x = rnd();
    if (fen % 1_000_000 === 0 && x < 0.5) return fw(`${fen / 1_000_000}万元`);
    if (x < 0.4)
      return fw(
        `${Math.floor(yuan).toLocaleString('en-US')}${fen % 100 ? '.' + String(fen % 100).padStart(2, '0') : ''}`,
      );
    if (x < 0.7) return fw(`${yuan}元`);
    return fw(String(yuan));
  };

  const cases: GeneratedCase[] = [];
  const rows: Cell[][] = [];
  const yearStart = epochDaysFromCivil(year, 1, 1);
  let missingLeft = opts.missingCaseNo ?? 0;
  const missingEvery = missingLeft > 0 ? Math.max(1, Math.floor(opts.rows / (missingLeft + 1))) : 0;
  let missingCaseNo = 0;
  let totalFen = 0;
  for (let i = 0; i < opts.rows; i++) {
    const dept = pickWeighted(rnd, depts, (d) => d.weight, deptWeight);
    const t = pickWeighted(rnd, DEMO_CASE_TYPES, (x) => x.share, typeWeight);
    const key = dept.abbr + t.letter;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const caseNo = `${cityChar}${dept.abbr}${t.letter}〔${year}〕${n}号`;
    const filed = yearStart + Math.floor(rnd() * 330);
    const closed = filed + Math.floor(rnd() * (t.type === '行政处罚' ? 90 : 30));
    const isPenalty = t.type === '行政处罚';
    let amountFen: number | null = null;
    if (isPenalty && rnd() < 0.85) {
      const base = pick(rnd, [200, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 100000, 300000]);
      amountFen = base * 100 + (rnd() < 0.1 ? Math.floor(rnd() * 100) * 100 + Math.floor(rnd() * 100) : 0);
    }
    const party = rnd() < 0.65 ? companyName(rnd, city) : personName(rnd);
    const offs = officers.get(dept.name)!;
    const o1 = pick(rnd, offs);
    let o2 = pick(rnd, offs);
    if (o2 === o1) o2 = offs[(offs.indexOf(o1) + 1) % offs.length]!;
    const cause =
      t.type === '行政许可'
        ? `${pick(rnd, ['设立', '变更', '延续'])}${dept.name.replace(city, '')}许可事项`
        : t.type === '行政检查'
          ? `${pick(rnd, ['日常监督检查', '专项检查', '双随机抽查'])}`
          : pick(rnd, dept.causes);
    const c: GeneratedCase = {
      caseNo,
      department: dept.name,
      caseType: t.type,
      cause,
      party,
      filedDate: isoFromEpochDays(filed),
      closedDate: isoFromEpochDays(closed),
      amountFen,
      officer: `${o1.name}、${o2.name}`,
      certNo: `${o1.cert}、${o2.cert}`,
    };
    const statutory = clock ? statutoryCells(clock, t.type, filed, closed, amountFen) : null;
    if (statutory) c.closedDate = isoFromEpochDays(statutory.closed);
    const dropOptional = (opts.missingOptional ?? 0) > 0 && rnd() < opts.missingOptional!;
    let caseNoCell: Cell = fw(caseNo);
    if (missingEvery > 0 && missingLeft > 0 && (i + 1) % missingEvery === 0) {
      caseNoCell = null;
      missingLeft--;
      missingCaseNo++;
    } else {
      cases.push(c);
      totalFen += amountFen ?? 0;
    }
    const typeCell =
      (opts.typeVariants ?? 0) > 0 && rnd() < opts.typeVariants! && TYPE_VARIANTS[t.type]
        ? pick(rnd, TYPE_VARIANTS[t.type]!)
        : t.type;
    const row: Cell[] = [
      i + 1,
      caseNoCell,
      dept.name,
      typeCell,
      cause,
      dropOptional ? null : party,
      writeDate(c.filedDate),
      writeDate(c.closedDate),
      writeAmount(amountFen),
    ];
    if (opts.certInOfficer) row.push(`${o1.name}(${o1.cert})、${o2.name}(${o2.cert})`);
    else row.push(dropOptional ? null : c.officer, c.certNo);
    if (statutory) {
      const date = (day: number | null): Cell => (day === null ? null : writeDate(isoFromEpochDays(day)));
      row.push(
        date(statutory.decision),
        statutory.procedure,
        date(statutory.notice),
        date(statutory.delivery),
        statutory.extension,
      );
    }
    rows.push(row);
  }
  const dupCount = Math.min(opts.duplicates ?? 0, rows.length);
  for (let k = 0; k < dupCount; k++) {
    const src = rows[Math.floor(rnd() * rows.length)]!;
    if (src[1] === null) {
      k--;
      continue;
    }
    const copy = src.slice();
    copy[0] = rows.length + 1;
    rows.push(copy);
  }
  if (opts.totalRow) {
    const total: Cell[] = new Array<Cell>(headers.length).fill(null);
    total[0] = '合计';
    total[8] = totalFen / 100;
    rows.push(total);
  }
  const title: string[] = [];
  const titleRows = opts.titleRows ?? 0;
  if (titleRows >= 1) title.push(`${city}${year}年度行政执法案件台账`);
  if (titleRows >= 2)
    title.push(`填报单位：${city}司法局\u3000\u3000统计期间：${year}年1月1日至${year}年12月31日`);
  for (let k = 2; k < titleRows; k++) title.push('');
  const sheetRows: Cell[][] = [...title.map((t) => (t === '' ? [] : [t])), headers, ...rows];
  return {
    title,
    headers,
    rows,
    sheetRows,
    cases,
    stats: { duplicates: dupCount, missingCaseNo, totalRow: !!opts.totalRow },
  };
}

export interface DemoLedgerFile {
  department: string;
  fileName: string;
  sheet: SheetData;
}

export interface DemoCampaignData {
  city: string;
  year: number;
  departments: DemoDepartment[];
  /** One ledger per department, as a department would hand it over (title row above the header). */
  ledgers: DemoLedgerFile[];
  /** The enforcement officers appearing in the ledgers. */
  officers: { name: string; department: string; certNo: string }[];
}

/**
 * Sample data for the in-app 示例数据 loader: 33 department ledgers of a fictional city year, each a
 * ready SheetData the normal import path can read. Pure: no I/O, deterministic for a seed.
 */
export function generateDemoCampaignData(
  opts: { seed?: number; city?: string; year?: number; totalRows?: number } = {},
): DemoCampaignData {
  const city = opts.city ?? '德阳市';
  const year = opts.year ?? 2024;
  const departments = demoDepartments(city);
  const totalRows = opts.totalRows ?? 3000;
  const weightSum = departments.reduce((n, d) => n + d.weight, 0);
  const ledgers: DemoLedgerFile[] = [];
  const officers = new Map<string, { name: string; department: string; certNo: string }>();
  departments.forEach((d, i) => {
    const rows = Math.max(3, Math.round((totalRows * d.weight) / weightSum));
    const g = generateLedgerRows({
      rows,
      seed: (opts.seed ?? 7) * 1000 + i,
      city,
      year,
      departmentIndexes: [i],
      titleRows: 1,
      totalRow: i % 3 === 0,
    });
    for (const c of g.cases) {
      const names = c.officer.split('、');
      const certs = c.certNo.split('、');
      names.forEach((name, k) => {
        const certNo = certs[k] ?? '';
        if (!officers.has(certNo)) officers.set(certNo, { name, department: d.name, certNo });
      });
    }
    ledgers.push({
      department: d.name,
      fileName: `${d.name}${year}年执法台账.xlsx`,
      sheet: { name: '台账', rows: g.sheetRows },
    });
  });
  return { city, year, departments, ledgers, officers: [...officers.values()] };
}
