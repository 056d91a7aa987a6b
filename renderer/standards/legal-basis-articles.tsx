import { Typography } from 'antd';
import { describeBasis } from '@shared/standards/legal-articles';

/**
 * The articles a 依据 cites, each with what it governs (shared/standards/legal-articles.ts); an article not in the
 * table is shown as one to check. Nothing for a basis without 《law》第N条. Shown as text, never on hover only: the
 * 依据 field and the score sheet point at it with aria-describedby (give it an `id`).
 */
export function LegalBasisArticles({ basis, id }: { basis: string; id?: string }) {
  const described = describeBasis(basis);
  if (described.length === 0) return null;
  return (
    <ul
      id={id}
      data-testid="legal-basis-articles"
      style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 12 }}
    >
      {described.map((a, i) =>
        a.title ? (
          <li key={i}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.citation}：{a.title}
            </Typography.Text>
          </li>
        ) : (
          <li key={i}>
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {a.citation}：不在内置条文表中，请核对条号
            </Typography.Text>
          </li>
        ),
      )}
    </ul>
  );
}
