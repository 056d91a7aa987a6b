// Issue 24: the built-in standards cite their legal basis with article numbers, and every article cited is one
// whose number and subject are known (shared/standards/legal-articles.ts: 行政处罚法 2021, 行政许可法, 行政强制法).
// The rule pack's citations of the laws in force are held to the same table.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { defaultStandards } from '../../shared/standards/default-standards';
import {
  KNOWN_ARTICLES,
  articleTitle,
  basisSummary,
  chineseArticleNumber,
  chineseNumber,
  citedArticles,
  knownLaw,
} from '../../shared/standards/legal-articles';

describe('reading a 依据', () => {
  it('reads Chinese article numbers', () => {
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('十七')).toBe(17);
    expect(chineseNumber('四十四')).toBe(44);
    expect(chineseNumber('六十')).toBe(60);
    expect(chineseNumber('一百零三')).toBe(103);
    expect(chineseNumber('85')).toBe(85);
    expect(chineseNumber('条')).toBeNull();
  });

  it('reads lists, ranges, 款 and several laws', () => {
    expect(citedArticles('《行政处罚法》第四十四条、第四十五条')).toEqual([
      { law: '行政处罚法', article: 44 },
      { law: '行政处罚法', article: 45 },
    ]);
    expect(citedArticles('《行政处罚法》第六十六条至第七十三条').map((c) => c.article)).toEqual([
      66, 67, 68, 69, 70, 71, 72, 73,
    ]);
    expect(citedArticles('《行政许可法》第三十八条第二款')).toEqual([{ law: '行政许可法', article: 38 }]);
    expect(citedArticles('《行政处罚法》第四十七条；国务院办公厅关于全面推行三项制度的指导意见')).toEqual([
      { law: '行政处罚法', article: 47 },
    ]);
    expect(citedArticles('《中华人民共和国行政强制法》第十八条第（二）项、第十九条')).toEqual([
      { law: '中华人民共和国行政强制法', article: 18 },
      { law: '中华人民共和国行政强制法', article: 19 },
    ]);
    expect(citedArticles('执法文书制作规范')).toEqual([]);
  });

  it('knows a law by its short and full names, and each article by its subject', () => {
    expect(knownLaw('中华人民共和国行政处罚法')).toBe('行政处罚法');
    expect(knownLaw('行政许可法')).toBe('行政许可法');
    expect(knownLaw('市场监督管理行政处罚程序规定')).toBeNull();
    expect(articleTitle('行政处罚法', 44)).toContain('告知');
    expect(articleTitle('行政处罚法', 45)).toContain('陈述、申辩');
    expect(articleTitle('行政处罚法', 58)).toBe('法制审核');
    expect(articleTitle('行政处罚法', 59)).toContain('决定书的内容');
    expect(articleTitle('行政处罚法', 61)).toContain('送达');
    expect(articleTitle('行政处罚法', 64)).toContain('听证');
    expect(articleTitle('行政处罚法', 42)).toContain('不得少于两人');
    expect(articleTitle('行政处罚法', 200)).toBeNull();
  });
});

describe('showing a 依据', () => {
  it('writes article numbers back in Chinese numerals', () => {
    for (const n of [1, 10, 17, 44, 60, 100, 103, 110, 119, 999])
      expect(chineseNumber(chineseArticleNumber(n)), String(n)).toBe(n);
    expect(chineseArticleNumber(103)).toBe('一百零三');
    expect(chineseArticleNumber(17)).toBe('十七');
  });

  it('sums up the cited articles for the score sheet’s tooltip, an unknown number as one to check', () => {
    expect(basisSummary('《行政处罚法》第五十八条、第一百零九条')).toBe(
      '《行政处罚法》第五十八条：法制审核；《行政处罚法》第一百零九条：不在内置条文表中，请核对条号',
    );
    expect(basisSummary('执法文书制作规范')).toBe('');
  });
});

describe('the built-in standards', () => {
  const standards = defaultStandards();
  const items = standards.flatMap((s) =>
    s.categories.flatMap((c) => c.items.map((it) => ({ standard: s.name, id: it.id, basis: it.legalBasis }))),
  );
  const vetoes = standards.flatMap((s) =>
    s.vetoes.map((v) => ({ standard: s.name, id: v.id, basis: v.legalBasis ?? '' })),
  );

  it('cite only articles in the table of known articles', () => {
    let cited = 0;
    for (const { standard, id, basis } of [...items, ...vetoes]) {
      for (const c of citedArticles(basis)) {
        expect(knownLaw(c.law), `${standard} ${id}: ${c.law}`).not.toBeNull();
        expect(
          articleTitle(c.law, c.article),
          `${standard} ${id}: 《${c.law}》第${c.article}条`,
        ).not.toBeNull();
        cited += 1;
      }
    }
    expect(cited).toBeGreaterThan(70);
  });

  it('give every item of the penalty, licensing and coercion standards a basis with articles, except 文书 and 归档', () => {
    const bare = items.filter(
      (i) =>
        /^(pen|lic|coe)-/.test(i.id) &&
        !/-(doc|arch)-/.test(i.id) &&
        citedArticles(i.basis).length === 0 &&
        !i.basis.includes('三项制度'),
    );
    expect(bare).toEqual([]);
  });

  it('cite the articles of the 2021 行政处罚法 for notice, statements, hearing, legal review, the decision and service', () => {
    const basis = (id: string): number[] =>
      citedArticles(items.find((i) => i.id === id)?.basis ?? '').map((c) => c.article);
    expect(basis('pen-subject-2')).toEqual([42, 55]);
    expect(basis('pen-proc-3')).toEqual([44, 45, 63, 64]);
    expect(basis('pen-proc-4')).toEqual([58]);
    expect(basis('pen-proc-5')).toEqual([57, 59, 61]);
    expect(basis('pen-law-2')).toEqual([59]);
    const veto = (standard: string, id: string): number[] =>
      citedArticles(vetoes.find((v) => v.standard.startsWith(standard) && v.id === id)?.basis ?? '').map(
        (c) => c.article,
      );
    expect(veto('行政处罚', 'veto-transfer')).toEqual([27]);
    expect(veto('行政处罚', 'veto-two-officers')).toEqual([42]);
    expect(veto('行政强制', 'veto-two-officers')).toEqual([18]);
  });
});

describe('the 行政检查 and 文书 items', () => {
  const items = defaultStandards().flatMap((s) => s.categories.flatMap((c) => c.items));
  const articles = (id: string): string[] =>
    citedArticles(items.find((i) => i.id === id)?.legalBasis ?? '').map(
      (c) => `${knownLaw(c.law) ?? c.law}${c.article}`,
    );

  it('cite the articles that govern an inspection: certificates and 笔录, 移送 and 立案', () => {
    expect(articles('ins-subject-2')).toEqual(['行政处罚法55']);
    expect(articles('ins-facts-1')).toEqual(['行政处罚法55']);
    expect(articles('ins-proc-3')).toEqual(['行政处罚法27', '行政处罚法54']);
    // The local rules stay beside the article.
    expect(items.find((i) => i.id === 'ins-proc-3')?.legalBasis).toContain('行政检查工作规范');
  });

  it('cite what each law says of its decision’s content and its signing or seal', () => {
    expect([articles('pen-doc-2'), articles('pen-doc-3')]).toEqual([['行政处罚法59'], ['行政处罚法59']]);
    expect([articles('lic-doc-2'), articles('lic-doc-3')]).toEqual([['行政许可法38'], ['行政许可法39']]);
    expect([articles('coe-doc-2'), articles('coe-doc-3')]).toEqual([['行政强制法24'], ['行政强制法18']]);
    // Format and filing are local rules: no article.
    for (const id of ['pen-doc-1', 'ins-doc-2', 'ins-doc-3', 'pen-arch-1'])
      expect(articles(id), id).toEqual([]);
    expect(items.find((i) => i.id === 'coe-doc-3')?.legalBasis).toBe(
      '《行政强制法》第十八条；执法文书制作规范',
    );
  });
});

describe('the rule pack', () => {
  it('cites, for the laws in force, only articles in the table', () => {
    let checked = 0;
    for (const rule of DEFAULT_RULE_PACK.rules) {
      const { law, article, inForceTo } = rule.citation;
      if (!knownLaw(law) || inForceTo) continue;
      for (const c of citedArticles(`《${law}》${article}`)) {
        expect(articleTitle(c.law, c.article), `${rule.id}: 《${law}》${article}`).not.toBeNull();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(Object.keys(KNOWN_ARTICLES.行政处罚法).length).toBeGreaterThan(30);
  });
});
