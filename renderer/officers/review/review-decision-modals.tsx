import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import {
  decisionConsequence,
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  type ReviewOutcome,
  type ReviewProposal,
} from '@shared/officers/annual-review';

export const OUTCOME_COLOR: Record<ReviewOutcome, string> = {
  pass: 'green',
  fail: 'red',
  suspend: 'orange',
  explain: 'gold',
};

/** 审核 one proposal: keep or change the rules' outcome; a change needs its reason. */
export function DecisionModal(props: {
  proposal: ReviewProposal;
  onCancel: () => void;
  onDecide: (outcome: ReviewOutcome, reason: string) => Promise<void>;
}) {
  const { proposal: p } = props;
  const [form] = Form.useForm<{ outcome: ReviewOutcome; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form) ?? p.outcome;
  return (
    <Modal
      open
      title={`审核：${p.name}（${p.department}，${p.certificateNo}）`}
      okText="记录结论"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      data-testid="decision-modal"
      width={640}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          规则建议：<Tag color={OUTCOME_COLOR[p.outcome]}>{REVIEW_OUTCOME_LABELS[p.outcome]}</Tag>
        </div>
        {[...p.reasons, ...p.notes].length > 0 ? (
          <ul style={{ margin: 0 }}>
            {[...p.reasons, ...p.notes].map((r, k) => (
              <li key={k}>
                <b>{r.label}</b>：{r.message}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">规则未发现问题。</Typography.Text>
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ outcome: p.outcome, reason: '' }}
          onFinish={(v) => {
            setError(null);
            void props.onDecide(v.outcome, v.reason ?? '').catch((e: Error) => setError(e.message));
          }}
        >
          <Form.Item name="outcome" label="审核结论">
            <Select
              aria-label="审核结论"
              options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: REVIEW_OUTCOME_LABELS[o] }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={outcome !== p.outcome ? '改变建议的理由（必填）' : '备注（可选）'}
            rules={[
              {
                required: outcome !== p.outcome,
                whitespace: true,
                message: `改为“${REVIEW_OUTCOME_LABELS[outcome]}”必须填写理由`,
              },
            ]}
          >
            <Input.TextArea aria-label="理由" rows={3} />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
        <Alert
          type={decisionConsequence(outcome).changesStatus ? 'warning' : 'info'}
          showIcon
          data-testid="decision-consequence"
          title={decisionConsequence(outcome).text}
        />
        {error && <Alert type="error" showIcon message={error} />}
      </Space>
    </Modal>
  );
}

/** 撤回年审结论: a reason is required; the repository refuses once the 年审通知 is issued. */
export function WithdrawModal(props: {
  proposal: ReviewProposal;
  decided: ReviewOutcome;
  onCancel: () => void;
  onWithdraw: (reason: string) => Promise<void>;
}) {
  const { proposal: p } = props;
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`撤回${p.name}的年审结论“${REVIEW_OUTCOME_LABELS[props.decided]}”`}
      okText="撤回结论"
      okButtonProps={{ danger: true, loading: busy }}
      cancelText="取消"
      onCancel={props.onCancel}
      onOk={() => {
        if (!reason.trim()) {
          setMissing(true);
          return;
        }
        setBusy(true);
        void props.onWithdraw(reason).finally(() => setBusy(false));
      }}
      data-testid="withdraw-modal"
    >
      <Typography.Paragraph>
        撤回后该证件回到待审核，结论改变的证件状态随之恢复；撤回和理由记入操作留痕。
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="撤回理由"
        rows={3}
        autoFocus
        value={reason}
        status={missing ? 'error' : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
      />
      {missing && <Typography.Text type="danger">请填写撤回理由</Typography.Text>}
    </Modal>
  );
}
