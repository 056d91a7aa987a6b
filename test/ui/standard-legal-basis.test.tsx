// Issue 24: the standard editor shows what each cited article governs under the 依据 field, and flags an article
// number not in the table of known articles (shared/standards/legal-articles.ts) as one to check; editing the basis
// updates the list.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { StandardEditor } from '../../renderer/standards/standard-editor';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { renderWithApp } from './render-app';

describe('依据 in the standard editor', () => {
  it('lists each cited article with its subject, and an unknown number as one to check', async () => {
    const standard = defaultPenaltyStandard();
    renderWithApp(<StandardEditor initial={standard} onClose={() => undefined} />);
    // Open every category.
    await screen.findByText(/程序（/);
    for (const header of document.querySelectorAll<HTMLElement>('.ant-collapse-header'))
      fireEvent.click(header);
    const inputs = await screen.findAllByLabelText('依据');
    const proc3 = inputs.find(
      (i) => (i as HTMLInputElement).value === '《行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条',
    ) as HTMLInputElement;
    expect(proc3).toBeDefined();
    const listOf = (input: HTMLElement): HTMLElement =>
      input.closest('.ant-input-group-wrapper')!.nextElementSibling as HTMLElement;
    const list = listOf(proc3);
    expect(list.getAttribute('data-testid')).toBe('legal-basis-articles');
    const lines = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      '《行政处罚法》第四十四条：作出决定前告知拟处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利',
      '《行政处罚法》第四十五条：陈述、申辩权利，不得因陈述、申辩而给予更重的处罚',
      '《行政处罚法》第六十三条：听证的适用范围和告知',
      '《行政处罚法》第六十四条：听证的程序',
    ]);
    fireEvent.change(proc3, { target: { value: '《行政处罚法》第四十四条、第一百零九条' } });
    const edited = within(listOf(proc3))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(edited).toEqual([
      '《行政处罚法》第四十四条：作出决定前告知拟处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利',
      '《行政处罚法》第一百零九条：不在内置条文表中，请核对条号',
    ]);
    // Read with the field when it has focus (keyboard and screen reader, not hover).
    expect(proc3).toHaveAccessibleDescription(/第四十四条：作出决定前告知.*第一百零九条：不在内置条文表中/);
    // A basis that names no article (文书 items) shows no list.
    const doc = inputs.find((i) => (i as HTMLInputElement).value === '执法文书制作规范')!;
    expect(listOf(doc)?.getAttribute('data-testid') ?? null).not.toBe('legal-basis-articles');
    expect(doc).not.toHaveAttribute('aria-describedby');
  });
});
