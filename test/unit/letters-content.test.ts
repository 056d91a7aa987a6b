import { describe, expect, it } from 'vitest';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import {
  basisFromStandards,
  buildRectificationLetter,
  departmentsWithProblems,
  letterFactsFor,
  letterSections,
  orphanEdits,
  problemKinds,
} from '../../shared/letters/rectification-letter';
import { defaultLetterSettings, prefixFor } from '../../shared/letters/letter-settings';
import { defaultStandards } from '../../shared/standards/default-standards';
import { documentText } from '../../shared/documents/sample';
import { layoutDocument } from '../../shared/documents/layout';

const files = sampleReviewedFiles({ departments: 6, filesPerDepartment: 4, seed: 7, cleanShare: 0.3 });
const results = buildCampaignResults(files);
const basis = basisFromStandards(defaultStandards());
const campaign = { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 };
const settings = { ...defaultLetterSettings(), issuer: '德阳市司法局', prefix: '德法函' };
const drawn = new Map(results.departments.map((d) => [d.department, d.fileCount + 1]));
const facts = letterFactsFor(campaign, results, basis, drawn);

describe('rectification letter content', () => {
  it('writes one letter per department with problems', () => {
    const expected = results.departments.filter((d) =>
      files.some((f) => f.department === d.department && f.score.problems.length + f.score.vetoes.length > 0),
    );
    expect(facts.map((f) => f.department.department)).toEqual(expected.map((d) => d.department));
    expect(departmentsWithProblems(results).length).toBe(expected.length);
  });

  it('lists every file with problems, each problem with its item and legal basis', () => {
    const f = facts[0]!;
    const doc = buildRectificationLetter(f, settings, {
      docNumber: '德法函〔2026〕3号',
      issueDate: '2026-11-26',
    });
    const text = documentText(doc);
    expect(doc.style).toBe('letter');
    expect(doc.issuerMark).toBe('德阳市司法局');
    expect(doc.docNumber).toBe('德法函〔2026〕3号');
    expect(doc.addressee).toBe(`${f.department.department}：`);
    // The title keeps the issuer and the department whole (title-break.ts).
    expect(doc.titleNames).toEqual(['德阳市司法局', f.department.department]);
    expect(text).toContain(`抽取案卷${f.drawnCount}件，已完成评查${f.files.length}件`);
    expect(text).toContain(`平均得分${f.department.meanText}分`);
    for (const file of f.files) {
      const own = files.find((x) => x.itemId === file.itemId)!;
      expect(text).toContain(file.caseNo!);
      for (const p of own.score.problems) {
        const item = own.standard.categories.flatMap((c) => c.items).find((i) => i.id === p.itemId)!;
        const label = item.deductions.find((o) => o.id === p.optionId)!.label.replace(/[。；，]+$/, '');
        // The kind's wording once, the reviewer's own words beyond it with the file.
        expect(text).toContain(label);
        const own2 = p.problem
          .replace(/[。；，]+$/, '')
          .slice(label.length)
          .replace(/^，/, '');
        if (own2 !== '') expect(text).toContain(own2);
        expect(text).toContain(`“${item.title}”`);
        expect(text).toContain(`依据：${item.legalBasis.replace(/[。；]+$/, '')}`);
      }
      for (const v of own.score.vetoes) expect(text).toContain(v.text.replace(/[。]+$/, ''));
    }
    // Deadline stated with its basis (calendar days by default), the reply and the objection route.
    expect(text).toContain('自本函印发之日起15日内（即2026年12月11日前，按自然日计算）');
    expect(text).toContain('书面报送德阳市司法局');
    expect(text).toContain('5个工作日内向德阳市司法局书面提出复核申请');
    expect(doc.signature).toEqual({ issuer: '德阳市司法局', date: '2026年11月26日', sealPlace: true });
  });

  it('says working days when the setting asks for them, and the title follows the setting', () => {
    const doc = buildRectificationLetter(
      facts[0]!,
      { ...settings, deadlineMode: 'working', deadlineDays: 10, title: '行政执法监督意见书' },
      { docNumber: null, issueDate: '2026-11-26' },
    );
    const text = documentText(doc);
    expect(text).toContain('10个工作日内（即2026年12月10日前，按工作日计算）');
    expect(doc.title.endsWith('行政执法监督意见书')).toBe(true);
    expect(doc.docNumber).toBe('德法函〔2026〕（印发时编号）');
  });

  it('keeps paragraph edits across rebuilds; an empty edit removes the paragraph', () => {
    const f = facts[0]!;
    const sections = letterSections(f, settings, { docNumber: null, issueDate: '2026-11-26' });
    const edits = { intro: '根据工作安排，现将评查情况通知如下。', objection: '', gone: 'x' };
    const draft = buildRectificationLetter(f, settings, { docNumber: null, issueDate: '2026-11-26' }, edits);
    const issued = buildRectificationLetter(
      f,
      settings,
      { docNumber: '德法函〔2026〕9号', issueDate: '2026-12-01' },
      edits,
    );
    for (const d of [draft, issued]) {
      expect(d.blocks[0]).toEqual({ type: 'paragraph', text: edits.intro });
      expect(documentText(d)).not.toContain('复核申请');
    }
    expect(draft.blocks.length).toBe(sections.length - 1);
    expect(orphanEdits(sections, edits)).toEqual(['gone']);
  });

  it('lays out on the official grid (letter style, two pages or more for a long letter)', () => {
    const big = facts.reduce((a, b) => (a.files.length >= b.files.length ? a : b));
    const layout = layoutDocument(
      buildRectificationLetter(big, settings, { docNumber: '德法函〔2026〕1号', issueDate: '2026-11-26' }),
    );
    expect(layout.pages.length).toBeGreaterThanOrEqual(1);
    expect(
      layout.pages[0]!.items.some((i) => i.kind === 'text' && i.role === 'mark' && i.color === 'red'),
    ).toBe(true);
  });

  it('refuses to build without an issuer or with a bad prefix, in Chinese', () => {
    const issue = { docNumber: null, issueDate: '2026-11-26' };
    expect(() => buildRectificationLetter(facts[0]!, { ...settings, issuer: '' }, issue)).toThrow(
      '发文机关未设置',
    );
    expect(() => buildRectificationLetter(facts[0]!, { ...settings, prefix: '德法函〔' }, issue)).toThrow(
      '机关代字',
    );
  });
});

describe('each problem once (issue 24)', () => {
  it('共性 only for problems found in two or more files; a one-file problem stated once, with its file', () => {
    let commons = 0;
    let singles = 0;
    for (const f of facts) {
      const sections = letterSections(f, settings, { docNumber: null, issueDate: '2026-11-26' });
      const texts = sections.map((s) =>
        s.block.type === 'paragraph' || s.block.type === 'heading' ? s.block.text : '',
      );
      const start = texts.indexOf('二、存在的问题');
      const end = texts.indexOf('三、整改要求');
      const problemsPart = texts.slice(start, end);
      const commonAt = problemsPart.indexOf('（一）共性问题');
      const specificAt = problemsPart.findIndex((t) => /^（[一二]）个案问题$/u.test(t));
      const commonPart = commonAt < 0 ? [] : problemsPart.slice(commonAt, specificAt);
      const specificPart = problemsPart.slice(specificAt).join('\n');
      problemKinds(f.files, f.basis).forEach((k, i) => {
        const stated = `${i + 1}．${k.label}。`;
        if (k.files.length >= 2) {
          commons += 1;
          expect(commonPart.filter((t) => t.startsWith(stated))).toHaveLength(1);
          expect(specificPart).not.toContain(`（问题${i + 1}，`);
        } else {
          singles += 1;
          expect(commonPart.some((t) => t.startsWith(stated))).toBe(false);
          expect(specificPart.split(`（问题${i + 1}，`).length - 1).toBe(1);
          expect(specificPart).toContain(k.detail);
        }
      });
    }
    expect(commons).toBeGreaterThan(0);
    expect(singles).toBeGreaterThan(0);
  });
});

describe('the 行政执法监督通知书 form (issue 24)', () => {
  it('has its own 代字 and cites the basis set in 设置', () => {
    const supervision = {
      ...settings,
      letterForm: 'supervision' as const,
      supervisionPrefix: '德司法监',
      supervisionBasis: '《四川省行政执法监督条例》第二十条',
    };
    const doc = buildRectificationLetter(facts[0]!, supervision, {
      docNumber: null,
      issueDate: '2026-11-26',
    });
    expect(doc.docNumber).toBe('德司法监〔2026〕（印发时编号）');
    expect(prefixFor(supervision, 'letter')).toBe('德司法监');
    expect(prefixFor({ ...supervision, letterForm: 'letter' }, 'letter')).toBe('德法函');
    const intro = doc.blocks[0]!;
    expect(intro.type === 'paragraph' && intro.text).toMatch(
      /^根据《四川省行政执法监督条例》第二十条的规定，德阳市司法局/u,
    );
    expect(() =>
      buildRectificationLetter(
        facts[0]!,
        { ...supervision, supervisionPrefix: '德〔法' },
        {
          docNumber: null,
          issueDate: '2026-11-26',
        },
      ),
    ).toThrow();
  });
});
