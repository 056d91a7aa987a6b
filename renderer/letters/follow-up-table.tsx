import { Table, Tag } from 'antd';
import type { FollowUp } from '@shared/letters/letter-tracking';
import type { LetterRecord } from '../db/letters-repository';

/** 待办: overdue letters and replies to check, across every campaign. */
export function FollowUpTable(props: {
  todo: readonly FollowUp<LetterRecord>[];
  campaignName: (id: string) => string;
}) {
  return (
    <Table
      data-testid="follow-up-table"
      size="small"
      rowKey={(f) => f.letter.id}
      pagination={false}
      dataSource={props.todo as FollowUp<LetterRecord>[]}
      locale={{ emptyText: '没有待办事项' }}
      columns={[
        {
          title: '事项',
          key: 'kind',
          width: 180,
          render: (_: unknown, f) => (
            <Tag color={f.kind === 'overdue' ? 'red' : f.kind === 'check-reply' ? 'gold' : 'blue'}>
              {f.text}
            </Tag>
          ),
        },
        { title: '单位', key: 'dept', render: (_: unknown, f) => f.letter.department },
        { title: '发文字号', key: 'no', render: (_: unknown, f) => f.letter.docNumber ?? '—' },
        { title: '评查活动', key: 'c', render: (_: unknown, f) => props.campaignName(f.letter.campaignId) },
      ]}
    />
  );
}
