import { Alert, Button, Card, Checkbox, Input, InputNumber, Space, Tooltip, Typography } from 'antd';
import { formatDateTime } from '@shared/util/time-format';
import { REVIEW_YEAR_NOTE } from '@shared/review/campaign-year';
import type { AnnualReviewRecord } from '../../db/officers-repository';

/** 证件年审: the year, the review date and the ledger option, the run button, and the last run's line. */
export function ReviewRunCard(props: {
  year: number;
  onYear: (year: number) => void;
  reviewDate: string;
  onReviewDate: (date: string) => void;
  useLedgerActs: boolean;
  onUseLedgerActs: (on: boolean) => void;
  ledgerEmpty: boolean;
  running: boolean;
  elapsed: number | null;
  onRun: () => void;
  review: AnnualReviewRecord | undefined;
}) {
  const { review } = props;
  return (
    <Card size="small" title="证件年审">
      <Space wrap>
        年审年度：
        <InputNumber
          aria-label="年审年度"
          min={2000}
          max={2100}
          value={props.year}
          onChange={(v) => {
            if (v) props.onYear(v);
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {REVIEW_YEAR_NOTE}
        </Typography.Text>
        年审日期：
        <Input
          aria-label="年审日期"
          value={props.reviewDate}
          onChange={(e) => props.onReviewDate(e.target.value.trim())}
          style={{ width: 130 }}
        />
        <Tooltip title="以执法台账中的案件（承办人、执法证号、结案日期）作为执法记录，核查连续两年无执法行为。台账应覆盖全部部门，否则未导入台账的部门人员都会被提示。">
          <Checkbox
            checked={props.useLedgerActs}
            onChange={(e) => props.onUseLedgerActs(e.target.checked)}
            disabled={props.ledgerEmpty}
          >
            以执法台账核查执法行为
          </Checkbox>
        </Tooltip>
        <Button type="primary" loading={props.running} onClick={props.onRun}>
          {review ? '重新运行年审规则' : '运行年审规则'}
        </Button>
        {props.elapsed !== null && (
          <Typography.Text type="secondary" data-testid="review-elapsed">
            用时 {Math.round(props.elapsed)} 毫秒
          </Typography.Text>
        )}
      </Space>
      {review && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          最近一次运行：{formatDateTime(review.runAt)}，{review.runBy}；年审日期 {review.reviewDate}；未参审{' '}
          {review.skipped.length} 人（未持证、已注销或年内新发证）。规则与阈值可在“设置”中修改。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The rules a run could not check for want of data: never to be read as "no problem". */
export function NotEvaluatedAlert({ review }: { review: AnnualReviewRecord }) {
  if (review.notEvaluated.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="not-evaluated"
      message="以下规则因缺少数据未核查，不能视为“没有问题”"
      description={
        <ul style={{ margin: 0 }}>
          {review.notEvaluated.map((n) => (
            <li key={n.code}>{n.message}</li>
          ))}
        </ul>
      }
    />
  );
}
