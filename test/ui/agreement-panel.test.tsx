// 评查一致性 panel on the edge cases: no file with two submitted sheets, and files where nobody deducted
// anything (κ undefined): a defined text and its reason, never NaN.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { AgreementPanel } from '../../renderer/results/agreement-panel';
import { reviewerAgreement } from '../../shared/review/reviewer-agreement';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { renderWithApp } from './render-app';

const standard = defaultPenaltyStandard();
const clean = (i: number) => ({
  itemId: `f${i}`,
  standard,
  a: { deductions: [], vetoes: [] },
  b: { deductions: [], vetoes: [] },
});

describe('评查一致性 panel edge cases', () => {
  it('no comparable files: says so', () => {
    renderWithApp(<AgreementPanel agreement={reviewerAgreement([])} />);
    expect(screen.getByTestId('agreement-panel').textContent).toContain(
      '还没有两名评查人员均已提交评分表的案卷',
    );
    expect(document.body.textContent).not.toContain('NaN');
  });

  it('no deductions at all: 100 % agreement, κ 无法计算 with its reason, AC1 1.00, nothing ambiguous, no NaN', () => {
    renderWithApp(<AgreementPanel agreement={reviewerAgreement([clean(0), clean(1), clean(2)])} />);
    const overall = screen.getByTestId('agreement-overall').textContent ?? '';
    expect(overall).toContain('一致率 100.0%');
    expect(overall).toContain(
      'κ 无法计算（两人对全部案卷的判断相同且只用到一个类别，κ 无定义（一致率 100%））',
    );
    expect(overall).toContain('Gwet AC1 1.00');
    expect(screen.getByTestId('ambiguous-items').textContent).toContain('没有 κ 或 AC1 低于 0.6 的评查要点');
    expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('one file only: each item has a figure without an interval, and says why', () => {
    renderWithApp(<AgreementPanel agreement={reviewerAgreement([clean(0)])} />);
    expect(screen.getByTestId('agreement-items').textContent).toContain('只有 1 件案卷，无法计算区间');
    expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });
});
