import { describe, expect, it } from 'vitest';
import {
  censusReportParagraph,
  flagDeductionText,
  flagPrecision,
  itemForRule,
} from '../../shared/rules/flag-review';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { defaultStandards } from '../../shared/standards/default-standards';

const rule = (id: string) => DEFAULT_RULE_PACK.rules.find((r) => r.id === id)!;

describe('flags on the score sheet and in the results', () => {
  it('finds the standard item a rule bears on in the default 行政处罚 standard', () => {
    const standard = defaultStandards().find((s) => s.caseTypes.includes('行政处罚'))!;
    const hit = itemForRule(standard, rule('SC-64-DECISION'));
    expect(hit).not.toBeNull();
    expect(
      hit!.item.title + hit!.item.legalBasis + hit!.item.deductions.map((d) => d.label).join(''),
    ).toMatch(/期限|时限/);
    expect(hit!.item.deductions.some((d) => d.id === hit!.optionId)).toBe(true);
    expect(itemForRule(standard, { bearsOn: ['不存在的词'] })).toBeNull();
  });

  it('a confirmed flag deducts with a text citing the flag and its article', () => {
    expect(flagDeductionText(rule('CF-61-DELIVERY'), '决定2024-09-27，送达2024-10-14，共8个工作日')).toBe(
      '台账体检线索经核实：处罚决定书送达超过七个工作日。决定2024-09-27，送达2024-10-14，共8个工作日（《中华人民共和国行政处罚法》第六十一条、第八十五条）',
    );
  });

  it('precision per rule counts only flags on drawn files; undecided flags leave it open', () => {
    const p = flagPrecision(
      [
        { itemId: 'a', ruleId: 'SC-64-DECISION' },
        { itemId: 'b', ruleId: 'SC-64-DECISION' },
        { itemId: 'c', ruleId: 'SC-64-DECISION' },
        { itemId: 'a', ruleId: 'ZJ-MISSING' },
      ],
      [
        { itemId: 'a', ruleId: 'SC-64-DECISION', decision: 'confirmed', reason: '' },
        { itemId: 'b', ruleId: 'SC-64-DECISION', decision: 'dismissed', reason: '卷内有延期审批表' },
        { itemId: 'z', ruleId: 'SC-64-DECISION', decision: 'confirmed', reason: '' },
      ],
    );
    expect(p).toEqual([
      { ruleId: 'SC-64-DECISION', flagged: 3, confirmed: 1, dismissed: 1, precision: 0.5 },
      { ruleId: 'ZJ-MISSING', flagged: 1, confirmed: 0, dismissed: 0, precision: null },
    ]);
  });

  it('the 通报 paragraph names each rule with its article, most frequent first, and the reviewers’ findings', () => {
    const text = censusReportParagraph({
      files: 5494,
      lines: [
        {
          ruleId: 'A',
          title: '处罚决定书送达超过七个工作日',
          citation: '《中华人民共和国行政处罚法》第六十一条',
          flagged: 12,
        },
        {
          ruleId: 'B',
          title: '行政处罚决定超过九十日办案期限',
          citation: '《中华人民共和国行政处罚法》第六十条',
          flagged: 40,
        },
        {
          ruleId: 'C',
          title: '执法证号缺失',
          citation: '《中华人民共和国行政处罚法》第四十二条',
          flagged: 0,
        },
      ],
      precision: [{ ruleId: 'B', flagged: 3, confirmed: 2, dismissed: 1, precision: 2 / 3 }],
    });
    expect(text).toBe(
      '台账体检发现：对各执法部门报送台账的5494件案卷逐件比对法定期限和执法证件，发现疑似问题线索52条，其中行政处罚决定超过九十日办案期限40件（《中华人民共和国行政处罚法》第六十条），处罚决定书送达超过七个工作日12件（《中华人民共和国行政处罚法》第六十一条）。抽中案卷中的线索经评查人员逐条核实，确认2条，不予采纳1条。线索仅据台账记载比对得出，须经核实，不直接作为扣分依据；请各部门对照自查。',
    );
    expect(censusReportParagraph({ files: 10, lines: [], precision: [] })).toBeNull();
  });
});
