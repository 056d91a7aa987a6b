// Deterministic, realistic officers and related data for demos, fixtures and benchmarks. Same seed, same
// data, on every platform (own PRNG, no Math.random). Proportions follow the reference city: ~975
// certificates reviewed with ~905 passed / ~70 failed; ~1400 exam candidates with ~77% passing.
import type { CaseFileGradeRef, EnforcementActRef, ReviewContext } from './annual-review';
import { addDays, addYears, fromDayNumber, dayNumber } from './dates';
import type { ExamCandidate, ExamSitting } from './exams';
import { idCheckChar } from './id-card';
import type { Officer } from './officer-model';
import { yearlyTrainingHours, type TrainingAttendance, type TrainingSession } from './training';

/** sfc32 seeded from a string (cyrb128 hash): fast, good enough for fixtures, identical everywhere. */
export function createRng(seed: string): () => number {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
  let b = (h2 ^ h1) >>> 0;
  let c = (h3 ^ h1) >>> 0;
  let d = (h4 ^ h1) >>> 0;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
function normal(rng: Rng, mean: number, sd: number): number {
  const u = Math.max(rng(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** 33 city enforcement departments with relative size and enforcement areas. */
export const GENERATED_DEPARTMENTS: readonly { name: string; weight: number; areas: readonly string[] }[] = [
  {
    name: '市市场监督管理局',
    weight: 14,
    areas: ['市场监管', '食品安全', '药品监管', '特种设备', '知识产权'],
  },
  { name: '市交通运输局', weight: 9, areas: ['道路运政', '水路运政', '交通工程质量', '路政'] },
  { name: '市城市管理综合行政执法局', weight: 12, areas: ['市容环卫', '城乡规划', '市政公用', '园林绿化'] },
  { name: '市文化广电旅游局', weight: 5, areas: ['文化市场', '旅游市场', '广播电视', '文物保护'] },
  { name: '市生态环境局', weight: 6, areas: ['环境污染防治', '生态保护', '核与辐射安全'] },
  { name: '市卫生健康委员会', weight: 6, areas: ['公共卫生', '医疗卫生', '职业卫生', '计划生育'] },
  { name: '市应急管理局', weight: 5, areas: ['安全生产', '危险化学品', '非煤矿山'] },
  { name: '市自然资源和规划局', weight: 5, areas: ['土地管理', '矿产资源', '测绘地理信息'] },
  { name: '市住房和城乡建设局', weight: 5, areas: ['建筑市场', '房地产市场', '工程质量安全'] },
  { name: '市农业农村局', weight: 5, areas: ['农产品质量安全', '种子管理', '动物卫生', '渔政'] },
  { name: '市水利局', weight: 3, areas: ['水资源', '河道管理', '水土保持'] },
  { name: '市商务局', weight: 2, areas: ['商务执法', '成品油市场'] },
  { name: '市教育局', weight: 2, areas: ['教育管理', '民办教育'] },
  { name: '市人力资源和社会保障局', weight: 3, areas: ['劳动保障监察', '社会保险'] },
  { name: '市医疗保障局', weight: 2, areas: ['医疗保障基金监管'] },
  { name: '市民政局', weight: 1, areas: ['社会组织管理', '殡葬管理'] },
  { name: '市财政局', weight: 1, areas: ['财政监督', '会计监督'] },
  { name: '市林业局', weight: 2, areas: ['林政管理', '野生动植物保护'] },
  { name: '市统计局', weight: 1, areas: ['统计执法'] },
  { name: '市司法局', weight: 1, areas: ['律师公证管理', '法律服务'] },
  { name: '市发展和改革委员会', weight: 1, areas: ['价格监管', '节能监察'] },
  { name: '市工业和信息化局', weight: 1, areas: ['节能监察', '无线电管理'] },
  { name: '市科学技术局', weight: 1, areas: ['科技管理'] },
  { name: '市民族宗教事务局', weight: 1, areas: ['宗教事务管理'] },
  { name: '市退役军人事务局', weight: 1, areas: ['优抚安置'] },
  { name: '市体育局', weight: 1, areas: ['体育市场'] },
  { name: '市人民防空办公室', weight: 1, areas: ['人防工程管理'] },
  { name: '市档案局', weight: 1, areas: ['档案管理'] },
  { name: '市粮食和物资储备局', weight: 1, areas: ['粮食流通监管'] },
  { name: '市地方金融管理局', weight: 1, areas: ['地方金融监管'] },
  { name: '市气象局', weight: 1, areas: ['气象管理', '防雷安全'] },
  { name: '市行政审批服务局', weight: 1, areas: ['行政许可'] },
  { name: '市邮政管理局', weight: 1, areas: ['邮政快递市场'] },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国海波宁斌浩凯峰亮鑫宇俊欣雪梅琳晨颖婷倩佳瑶杨帆博文志成东旭林晓丹雯婧蕾思彤子涵梓轩昊然一鸣嘉怡晴';
const REGIONS = [
  '510603',
  '510604',
  '510623',
  '510681',
  '510682',
  '510683',
  '510100',
  '510104',
  '510105',
  '510107',
];

/** A valid 18-digit 公民身份号码 with the right check character. */
export function generateIdNumber(
  rng: Rng,
  birthFrom = '1965-01-01',
  birthTo = '2000-12-31',
  gender?: '男' | '女',
): string {
  const birth = fromDayNumber(int(rng, dayNumber(birthFrom), dayNumber(birthTo))).replaceAll('-', '');
  const g = gender ?? (rng() < 0.62 ? '男' : '女');
  let seq = int(rng, 0, 99) * 10 + int(rng, 0, 4) * 2 + (g === '男' ? 1 : 0);
  if (seq === 0) seq = 2; // 000 is not issued
  const first17 = pick(rng, REGIONS) + birth + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

function generateName(rng: Rng): string {
  const s = pick(rng, [...SURNAMES]);
  const g = [...GIVEN];
  return rng() < 0.35 ? s + pick(rng, g) : s + pick(rng, g) + pick(rng, g);
}

const POSTS = [
  '科员',
  '一级科员',
  '四级主任科员',
  '三级主任科员',
  '二级主任科员',
  '科长',
  '副科长',
  '副大队长',
  '执法队员',
];

export interface OfficerDatasetOptions {
  seed?: string;
  /** Officers in the registry (about 2.5% are revoked and skipped by the review). Default 1000. */
  officers?: number;
  /** Candidates of the latest exam sitting. Default 1400. */
  candidates?: number;
  /** Review year. Default 2025. */
  year?: number;
  /** Case files of the year's review campaign. Default 123. */
  caseFiles?: number;
  /** Ledger acts to generate as EnforcementActRef (0 = use each officer's lastEnforcementActDate only). */
  enforcementActs?: number;
}

export interface OfficerDataset {
  year: number;
  reviewDate: string;
  departments: string[];
  officers: Officer[];
  sittings: ExamSitting[];
  candidates: ExamCandidate[];
  trainingSessions: TrainingSession[];
  attendance: TrainingAttendance[];
  caseFileGrades: CaseFileGradeRef[];
  enforcementActs: EnforcementActRef[];
  /** Yearly exam outcome per ID number for the review (a few officers fail it). */
  annualExamPassed: Map<string, boolean>;
}

export function generateOfficerDataset(options: OfficerDatasetOptions = {}): OfficerDataset {
  const rng = createRng(options.seed ?? 'pingcha-officers');
  const year = options.year ?? 2025;
  const count = options.officers ?? 1000;
  const reviewDate = `${year + 1}-01-15`;
  const totalWeight = GENERATED_DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const deptFor = (): (typeof GENERATED_DEPARTMENTS)[number] => {
    let x = rng() * totalWeight;
    for (const d of GENERATED_DEPARTMENTS) if ((x -= d.weight) < 0) return d;
    return GENERATED_DEPARTMENTS[0]!;
  };
  const windowStart = `${year - 1}-01-01`;
  const officers: Officer[] = [];
  const annualExamPassed = new Map<string, boolean>();
  const seqByDept = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const dept = deptFor();
    const deptIndex = GENERATED_DEPARTMENTS.indexOf(dept);
    const seq = (seqByDept.get(dept.name) ?? 0) + 1;
    seqByDept.set(dept.name, seq);
    const idNumber = generateIdNumber(rng);
    const issue = fromDayNumber(int(rng, dayNumber(`${year - 4}-02-01`), dayNumber(`${year}-11-30`)));
    officers.push({
      id: `off_${String(i + 1).padStart(6, '0')}`,
      name: generateName(rng),
      gender: Number(idNumber[16]) % 2 === 1 ? '男' : '女',
      idNumber,
      department: dept.name,
      post: pick(rng, POSTS),
      employmentType: '正式在编',
      certificateNo: `5106${String(deptIndex + 1).padStart(2, '0')}${String(seq).padStart(6, '0')}`,
      areas:
        rng() < 0.7 ? [pick(rng, dept.areas)] : [...new Set([pick(rng, dept.areas), pick(rng, dept.areas)])],
      issueDate: issue,
      expiryDate: addDays(addYears(issue, 5), -1),
      status: '有效',
      statusHistory: [
        { at: issue, from: null, to: '有效', reason: '资格考试合格，核发执法证', by: '市司法局' },
      ],
      inEnforcementPost: true,
      sanctions: [],
      lastEnforcementActDate: fromDayNumber(int(rng, dayNumber(`${year}-01-05`), dayNumber(`${year}-12-28`))),
      certificateIssues: [],
    });
    annualExamPassed.set(idNumber, true);
  }
  // Exact counts per condition (not per-officer coin flips) so the review figures stay close to the
  // reference for any seed: ~2.5% revoked, ~7% failing, a few suspended / needing an explanation.
  const shuffledTake = <T>(pool: readonly T[], wanted: number): T[] => {
    const copy = [...pool];
    const n = Math.min(copy.length, wanted);
    for (let k = 0; k < n; k++) {
      const j = k + Math.floor(rng() * (copy.length - k));
      [copy[k], copy[j]] = [copy[j]!, copy[k]!];
    }
    return copy.slice(0, n);
  };
  const choose = (pool: readonly Officer[], rate: number): Officer[] =>
    shuffledTake(pool, Math.round(rate * count));
  const day = (from: string, to: string): string => fromDayNumber(int(rng, dayNumber(from), dayNumber(to)));
  for (const o of choose(officers, 0.025)) {
    o.status = '注销';
    o.statusHistory.push({
      at: `${year}-06-30`,
      from: '有效',
      to: '注销',
      reason: '调离执法岗位',
      by: '市司法局',
    });
  }
  const live = officers.filter((o) => o.status !== '注销');
  const nonFormal = choose(live, 0.007);
  nonFormal.forEach((o, k) => (o.employmentType = k % 2 === 0 ? '合同工' : '临时工'));
  for (const o of choose(live, 0.017)) o.inEnforcementPost = false;
  for (const o of choose(live, 0.01)) {
    o.issueDate = day(`${year - 5}-01-01`, `${year - 5}-12-20`);
    o.expiryDate = addDays(addYears(o.issueDate, 5), -1);
  }
  for (const o of choose(live, 0.004))
    o.sanctions.push({ kind: '纪律处分', date: day(`${year}-01-01`, `${year}-12-31`), note: '警告' });
  for (const o of choose(live, 0.001))
    o.sanctions.push({ kind: '刑事处罚', date: day(`${year}-01-01`, `${year}-12-31`), note: '' });
  for (const o of choose(live, 0.003)) {
    o.sanctions.push({
      kind: '立案调查',
      date: day(`${year}-10-01`, `${year}-12-31`),
      note: '',
      endDate: null,
    });
  }
  for (const o of choose(live, 0.002))
    o.certificateIssues.push({ kind: '出借', date: day(`${year}-01-01`, `${year}-12-31`), note: '' });
  for (const o of choose(live, 0.003)) annualExamPassed.set(o.idNumber, false);
  // No act since before the window: needs a written explanation (only certificates older than the window).
  for (const o of choose(
    live.filter((x) => x.issueDate! < windowStart),
    0.003,
  )) {
    o.lastEnforcementActDate = day(`${year - 3}-01-01`, `${year - 2}-12-20`);
  }
  const trainingShort = new Set(choose(live, 0.018).map((o) => o.id));

  // Training: 8 sessions, 50 hours in all; regular officers miss at most one 8-hour session.
  const sessionHours = [8, 6, 8, 4, 6, 8, 6, 4];
  const trainingSessions: TrainingSession[] = sessionHours.map((hours, k) => ({
    id: `trn_${year}_${k + 1}`,
    title: `${year}年度行政执法人员法律知识培训（第${k + 1}期）`,
    date: `${year}-${String(k + 3).padStart(2, '0')}-18`,
    hours,
    organiser: '市司法局',
  }));
  const attendance: TrainingAttendance[] = [];
  for (const o of officers) {
    if (o.status === '注销') continue;
    const short = trainingShort.has(o.id);
    const skip = short ? -1 : rng() < 0.3 ? int(rng, 0, sessionHours.length - 1) : -2;
    sessionHours.forEach((_, k) => {
      if (short ? k < int(rng, 2, 4) : k !== skip)
        attendance.push({ sessionId: trainingSessions[k]!.id, officerId: o.id });
    });
  }

  // Exams: an earlier and the latest sitting; pass needs both papers >= 60.
  const sittings: ExamSitting[] = [
    { id: 'exam_16', number: 16, date: `${year - 1}-10-26` },
    { id: 'exam_17', number: 17, date: `${year}-10-25` },
  ];
  const candidates: ExamCandidate[] = [];
  const makeCandidates = (sittingId: string, n: number): void => {
    for (let k = 0; k < n; k++) {
      const ability = normal(rng, 71.5, 9);
      const score = (): number => Math.max(0, Math.min(100, Math.round(normal(rng, ability, 7) * 2) / 2));
      const absent = rng() < 0.02;
      candidates.push({
        id: `cand_${sittingId}_${String(k + 1).padStart(5, '0')}`,
        sittingId,
        name: generateName(rng),
        idNumber: generateIdNumber(rng, '1970-01-01', '2002-12-31'),
        department: deptFor().name,
        publicLawScore: absent ? null : score(),
        specialisedScore: absent ? null : score(),
        absent,
      });
    }
  };
  makeCandidates('exam_16', Math.round((options.candidates ?? 1400) * 0.8));
  makeCandidates('exam_17', options.candidates ?? 1400);

  // Campaign case files: ~3% rated 不合格, each with two handling officers of its department.
  const byDept = new Map<string, Officer[]>();
  for (const o of officers)
    if (o.status !== '注销')
      (byDept.get(o.department) ?? byDept.set(o.department, []).get(o.department)!).push(o);
  const caseFileGrades: CaseFileGradeRef[] = [];
  const liveDepts = [...byDept.keys()];
  const files = options.caseFiles ?? 123;
  const failing = new Set(
    shuffledTake(
      Array.from({ length: files }, (_, k) => k),
      Math.round(files * 0.035),
    ),
  );
  for (let k = 0; k < files; k++) {
    const dept = liveDepts[k % liveDepts.length]!;
    const staff = byDept.get(dept)!;
    const a = pick(rng, staff);
    const b = pick(rng, staff);
    const handlers = a === b ? [a] : [a, b];
    const g = rng();
    const useCert = rng() < 0.7;
    caseFileGrades.push({
      certNo: useCert ? handlers.map((h) => h.certificateNo).join('、') : undefined,
      officerName: handlers.map((h) => h.name).join('、'),
      department: dept,
      grade: failing.has(k) ? '不合格' : g < 0.45 ? '优秀' : '合格',
      caseNo: `${dept.replace(/^市/, '').slice(0, 2)}罚〔${year}〕${int(rng, 1, 300)}号`,
      campaign: `第十一次行政执法案卷评查`,
    });
  }

  const enforcementActs: EnforcementActRef[] = [];
  for (let k = 0; k < (options.enforcementActs ?? 0); k++) {
    const o = pick(rng, live);
    enforcementActs.push({
      certNo: rng() < 0.8 ? o.certificateNo : undefined,
      officerName: o.name,
      department: o.department,
      date:
        o.lastEnforcementActDate && o.lastEnforcementActDate < windowStart
          ? o.lastEnforcementActDate
          : fromDayNumber(int(rng, dayNumber(`${year}-01-01`), dayNumber(`${year}-12-31`))),
    });
  }

  return {
    year,
    reviewDate,
    departments: GENERATED_DEPARTMENTS.map((d) => d.name),
    officers,
    sittings,
    candidates,
    trainingSessions,
    attendance,
    caseFileGrades,
    enforcementActs,
    annualExamPassed,
  };
}

/** The review context matching a generated dataset (training, exams, campaign grades, ledger acts). */
export function reviewContextFor(data: OfficerDataset): ReviewContext {
  return {
    year: data.year,
    reviewDate: data.reviewDate,
    trainingHours: yearlyTrainingHours(data.trainingSessions, data.attendance, data.year),
    examPassed: data.annualExamPassed,
    caseFileGrades: data.caseFileGrades,
    enforcementActs: data.enforcementActs.length > 0 ? data.enforcementActs : undefined,
  };
}
