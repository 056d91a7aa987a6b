import { Form, Input, Space, Tag, Typography } from 'antd';
import { DOC_TYPE_LABELS, type DocType } from '@shared/letters/letter-settings';
import type { SequenceGap } from '@shared/letters/numbering';
import type { LetterNumberRecord } from '../db/letters-repository';

/** The next number a 代字 would give this year, or why the 代字 cannot make one. */
export type NextNumber = { next: string; error: string | null };

/**
 * 发文机关代字 of letters, 通报 and 年审通知, each with the next number it gives (derived from the register,
 * never typed), and the register's voided numbers and gaps.
 */
export function DocNumberFields({
  nextOf,
  voided,
  gaps,
}: {
  nextOf: (type: DocType) => NextNumber;
  voided: readonly LetterNumberRecord[];
  gaps: readonly SequenceGap[];
}) {
  const { next, error: prefixError } = nextOf('letter');
  return (
    <>
      <Form.Item
        label="发文机关代字"
        name="prefix"
        rules={[{ required: true, message: '请填写机关代字，例如“德法函”' }]}
        extra="发文字号形如“德法函〔2026〕12号”：年份和序号在印发时自动加上。"
      >
        <Input placeholder="例如：德法函" maxLength={20} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label="下一个文号">
        {prefixError ? (
          <Typography.Text type="danger">{prefixError}</Typography.Text>
        ) : (
          <Space wrap>
            <Typography.Text strong data-testid="next-doc-number">
              {next}
            </Typography.Text>
            <Typography.Text type="secondary">（由已分配的文号推算，不能手工修改）</Typography.Text>
            {voided.length > 0 && (
              <Tag color="orange">已作废 {voided.map((n) => n.docNumber).join('、')}</Tag>
            )}
            {gaps.length > 0 && <Tag color="red">缺号 {gaps.length} 个</Tag>}
          </Space>
        )}
      </Form.Item>
      {(['report', 'notice'] as const).map((type) => {
        const n = nextOf(type);
        return (
          <Form.Item
            key={type}
            label={`${DOC_TYPE_LABELS[type]}代字`}
            name={type === 'report' ? 'reportPrefix' : 'noticePrefix'}
            rules={[{ required: true, message: '请填写机关代字' }]}
            extra={
              n.error ? (
                <Typography.Text type="danger">{n.error}</Typography.Text>
              ) : (
                <span data-testid={`next-doc-number-${type}`}>下一个文号：{n.next}（定稿时分配）</span>
              )
            }
          >
            <Input maxLength={20} style={{ width: 200 }} />
          </Form.Item>
        );
      })}
    </>
  );
}
