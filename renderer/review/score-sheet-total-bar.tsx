import type { ReactNode } from 'react';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { formatHalfPoints, type ReviewStandard } from '@shared/standards/standard-model';
import type { CaseFileScore, ScoreSheet } from '@shared/review/scoring-engine';

/** The sheet's sticky top line: total and grade as scored now, problems, save state, help and submit. */
export function ScoreSheetTotalBar({
  standard,
  value,
  score,
  saveState,
  readOnly,
  onHelp,
  onNoProblemsFound,
  onSubmit,
}: {
  standard: ReviewStandard;
  value: ScoreSheet;
  score: CaseFileScore;
  saveState?: ReactNode;
  readOnly?: boolean;
  onHelp: () => void;
  onNoProblemsFound?: () => void;
  onSubmit?: () => void;
}) {
  const gradeColor = score.failed
    ? 'red'
    : score.grade === standard.bands.at(-1)?.grade
      ? 'green'
      : score.grade === standard.bands[0]?.grade
        ? 'red'
        : 'blue';
  return (
    <div
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 2,
        background: '#fff',
        padding: '10px 12px',
        borderBottom: '1px solid #f0f0f0',
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        flexWrap: 'wrap',
      }}
    >
      <Typography.Text strong style={{ fontSize: 18 }}>
        总分 <span data-testid="sheet-total">{formatHalfPoints(score.totalHalfPoints)}</span>
        <Typography.Text type="secondary"> / {formatHalfPoints(standard.totalHalfPoints)}</Typography.Text>
      </Typography.Text>
      <Tag color={gradeColor} data-testid="sheet-grade" style={{ fontSize: 14, padding: '2px 10px' }}>
        {score.grade}
      </Tag>
      {score.failed && <Tag color="red">一票否决</Tag>}
      {score.capped && <Tag color="orange">有基本要素缺陷，不得评为{standard.bands.at(-1)?.grade}</Tag>}
      <Typography.Text type="secondary" data-testid="sheet-problems">
        扣分 {value.deductions.length} 处
        {score.errors.length > 0 && (
          <Typography.Text type="danger">，{score.errors.length} 处待补充</Typography.Text>
        )}
      </Typography.Text>
      <span style={{ flex: 1 }} />
      {saveState}
      <Tooltip title="快捷键（?）">
        <Button size="small" onClick={onHelp}>
          快捷键
        </Button>
      </Tooltip>
      {value.noProblemsFound && (
        <Tag color="green" data-testid="sheet-no-problems">
          未发现问题
        </Tag>
      )}
      {onNoProblemsFound && !readOnly && value.deductions.length === 0 && value.vetoes.length === 0 && (
        <Button onClick={onNoProblemsFound} data-testid="sheet-no-problems-found">
          未发现问题…
        </Button>
      )}
      {onSubmit && !readOnly && (
        <Button type="primary" onClick={onSubmit} data-testid="sheet-submit">
          提交评分表（Ctrl+Enter）
        </Button>
      )}
    </div>
  );
}
