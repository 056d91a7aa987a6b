// The articles the built-in review standards (and the rule pack) cite, with what each article is about, for the laws
// in force: 《中华人民共和国行政处罚法》 as revised in 2021 (in force 2021-07-15), 《中华人民共和国行政许可法》 (2003,
// amended 2019) and 《中华人民共和国行政强制法》 (2011). Only articles whose number and subject are certain are
// listed; a citation outside this table is a citation nobody checked. `citedArticles` reads a 依据 as users write it:
// 《行政处罚法》第四十四条、第四十五条；《行政强制法》第三十五条至第三十七条; 第三十八条第二款.

export type KnownLaw = '行政处罚法' | '行政许可法' | '行政强制法';

/** Each known law's full name, as a letter cites it. */
export const LAW_FULL_NAMES: Record<KnownLaw, string> = {
  行政处罚法: '中华人民共和国行政处罚法',
  行政许可法: '中华人民共和国行政许可法',
  行政强制法: '中华人民共和国行政强制法',
};

/** Article number → what the article governs (a short title in the office's words). */
export const KNOWN_ARTICLES: Record<KnownLaw, Readonly<Record<number, string>>> = {
  行政处罚法: {
    17: '行政处罚由具有行政处罚权的行政机关在法定职权范围内实施',
    22: '地域管辖：由违法行为发生地的行政机关管辖',
    27: '违法行为涉嫌犯罪的，及时移送司法机关',
    32: '应当从轻或者减轻行政处罚的情形',
    33: '不予行政处罚的情形',
    34: '行政处罚裁量基准',
    38: '行政处罚无效：无依据、主体不适格，或违反法定程序构成重大且明显违法',
    40: '查明事实；违法事实不清、证据不足的，不得给予行政处罚',
    42: '具有行政执法资格的执法人员实施，不得少于两人',
    43: '回避',
    44: '作出决定前告知拟处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利',
    45: '陈述、申辩权利，不得因陈述、申辩而给予更重的处罚',
    46: '证据的种类；以非法手段取得的证据不得作为认定案件事实的根据',
    47: '执法全过程记录，归档保存',
    48: '具有一定社会影响的行政处罚决定依法公开',
    51: '当场作出行政处罚决定的条件',
    54: '全面、客观、公正地调查，收集证据；符合立案标准的及时立案',
    55: '出示执法证件；询问或者检查制作笔录',
    57: '调查终结后的审查决定；情节复杂或者重大违法行为集体讨论决定',
    58: '法制审核',
    59: '行政处罚决定书的内容',
    60: '自立案之日起九十日内作出行政处罚决定',
    61: '行政处罚决定书的交付和送达',
    62: '未告知或者拒绝听取陈述、申辩的，不得作出行政处罚决定',
    63: '听证的适用范围和告知',
    64: '听证的程序',
    65: '听证结束后依据听证笔录作出决定',
    66: '罚款的缴纳期限',
    67: '罚款决定与罚款收缴分离',
    68: '当场收缴罚款的情形',
    69: '边远、水上、交通不便地区当场收缴罚款',
    70: '当场收缴罚款出具专用票据',
    71: '当场收缴罚款的交纳期限',
    72: '逾期不履行的加处罚款和强制执行',
    73: '行政复议或者行政诉讼期间不停止执行',
    85: '“二日”“三日”“五日”“七日”指工作日',
  },
  行政许可法: {
    22: '行政许可由具有行政许可权的行政机关在法定职权范围内实施',
    31: '申请人如实提交材料；不得要求提交与申请事项无关的材料',
    32: '受理或者不予受理；材料不齐全的一次告知',
    34: '审查申请材料；核查实质内容指派两名以上工作人员',
    36: '直接关系他人重大利益的，告知利害关系人并听取意见',
    38: '准予或者不予行政许可的书面决定；不予许可的说明理由并告知救济权利',
    39: '颁发行政许可证件',
    40: '准予行政许可的决定予以公开',
    42: '作出行政许可决定的期限',
    44: '颁发、送达行政许可证件的期限',
    45: '听证、招标、拍卖、检验、检测、鉴定等所需时间不计入期限',
    46: '依法应当听证或者涉及公共利益的重大许可事项举行听证',
    47: '涉及申请人与他人重大利益关系的，告知听证权利',
    53: '特定资源开发利用等许可通过招标、拍卖等公平竞争方式作出决定',
    57: '有数量限制的行政许可按受理先后顺序作出决定',
    82: '实施行政许可的期限以工作日计算，不含法定节假日',
  },
  行政强制法: {
    5: '行政强制的设定和实施应当适当',
    9: '行政强制措施的种类',
    17: '行政强制措施由法定机关在法定职权范围内实施，不得委托',
    18: '实施行政强制措施的一般程序',
    19: '情况紧急当场实施的，二十四小时内报告并补办批准手续',
    23: '查封、扣押限于涉案的场所、设施或者财物',
    24: '查封、扣押决定书和清单',
    25: '查封、扣押的期限',
    27: '查封、扣押后的处理决定',
    35: '强制执行前的催告',
    36: '当事人收到催告书后有权陈述和申辩',
    37: '强制执行决定',
    43: '不得在夜间或者法定节假日实施行政强制执行',
  },
};

/** One article a 依据 cites (the 款 or 项 it narrows to is not kept). */
export interface CitedArticle {
  law: string;
  article: number;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九百九十九 as a number; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    // 零 only holds a place (一百零三): it may follow 百 but no digit.
    if ((ch === '零' || ch === '〇') && total > 0) {
      if (digit !== null) return null;
      continue;
    }
    if (ch in DIGITS) {
      if (digit !== null) return null;
      digit = DIGITS[ch] as number;
    } else if (ch === '百' || ch === '十') {
      total += (digit ?? 1) * (ch === '百' ? 100 : 10);
      digit = null;
    } else return null;
  }
  const n = total + (digit ?? 0);
  return n > 0 ? n : null;
}

/** The law a name stands for: 《行政处罚法》 and 《中华人民共和国行政处罚法》 alike. */
export function knownLaw(name: string): KnownLaw | null {
  const short = name.replace(/^中华人民共和国/, '');
  return short in KNOWN_ARTICLES ? (short as KnownLaw) : null;
}

/**
 * The articles a 依据 cites, in order: each 《law》 followed by its 第N条 (and 第N条至第M条 ranges) up to the next
 * 《 or ；. Text without a 《law》 cites nothing.
 */
export function citedArticles(basis: string): CitedArticle[] {
  const out: CitedArticle[] = [];
  for (const part of basis.matchAll(/《([^》]+)》([^《；;]*)/g)) {
    const law = (part[1] as string).trim();
    const tail = part[2] as string;
    for (const m of tail.matchAll(
      /第([一二三四五六七八九十百零〇两\d]+)条(?:[^、，,；;至]*至第([一二三四五六七八九十百零〇两\d]+)条)?/g,
    )) {
      const from = chineseNumber(m[1] as string);
      const to = m[2] ? chineseNumber(m[2]) : from;
      if (from === null || to === null) continue;
      for (let n = from; n <= Math.max(from, to); n += 1) out.push({ law, article: n });
    }
  }
  return out;
}

/** What a cited article governs, from the table; null where the law or the article is not in it. */
export function articleTitle(law: string, article: number): string | null {
  const known = knownLaw(law);
  return known ? (KNOWN_ARTICLES[known][article] ?? null) : null;
}

/** n (1 … 999) in Chinese numerals as articles are numbered: 十七, 四十四, 一百零三. */
export function chineseArticleNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n <= 0 || n >= 1000) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds > 0 ? `${d[hundreds]}百` : '';
  if (tens > 0) out += `${hundreds === 0 && tens === 1 ? '' : d[tens]}十`;
  else if (hundreds > 0 && ones > 0) out += '零';
  if (ones > 0) out += d[ones];
  return out;
}

/** One cited article as the editor and the score sheet show it: '《行政处罚法》第四十四条' and its subject, if known. */
export interface DescribedArticle {
  citation: string;
  /** What the article governs; null where it is not in the table (a number to check). */
  title: string | null;
}

/** The articles a 依据 cites, each with its subject from the table of known articles. */
export function describeBasis(basis: string): DescribedArticle[] {
  return citedArticles(basis).map((c) => ({
    citation: `《${c.law}》第${chineseArticleNumber(c.article)}条`,
    title: articleTitle(c.law, c.article),
  }));
}

/** The cited articles as one line, for a tooltip: '《行政处罚法》第四十四条：作出决定前告知…；…'; '' without any. */
export function basisSummary(basis: string): string {
  return describeBasis(basis)
    .map((a) => `${a.citation}：${a.title ?? '不在内置条文表中，请核对条号'}`)
    .join('；');
}
