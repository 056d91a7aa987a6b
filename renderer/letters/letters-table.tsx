import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { daysBetween } from '@shared/letters/deadline';
import { isOverdue, LETTER_STATUS_TEXT, type LetterStatus } from '@shared/letters/letter-tracking';
import { formatDate } from '@shared/util/time-format';
import type { LetterRecord } from '../db/letters-repository';
import type { LetterRow } from './letter-rows';
import type { LetterRowActions } from './use-letter-row-actions';

const STATUS_COLOR: Record<LetterStatus, string> = {
  draft: 'default',
  issued: 'blue',
  replied: 'gold',
  returned: 'orange',
  closed: 'green',
};

/** Sum of the letters table's column widths (170 + 170 + 200 + 160 + 100 + 100 + 140 + 250). */
const LETTER_TABLE_WIDTH = 1290;

function StatusCell({ letter, today }: { letter: LetterRecord | null; today: string }) {
  if (!letter) return <Tag>未生成</Tag>;
  const overdue = isOverdue(letter, today);
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[letter.status]}>{LETTER_STATUS_TEXT[letter.status]}</Tag>
      {overdue && letter.deadline && (
        <Tag color="red" data-testid="overdue-tag">
          已逾期 {daysBetween(letter.deadline, today)} 天
        </Tag>
      )}
    </Space>
  );
}

/** The buttons of a row: those its letter's status allows, then PDF and DOCX. */
function RowActions({ row, actions }: { row: LetterRow; actions: LetterRowActions }) {
  const l = row.letter;
  const status = l?.status ?? 'draft';
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => actions.showPreview(row)} data-testid="preview-letter">
        预览
      </Button>
      {status === 'draft' && row.facts && (
        <>
          <Button type="link" size="small" onClick={() => actions.edit(row)}>
            修改正文
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => actions.startAction('issue', row)}
            data-testid="issue-letter"
          >
            印发
          </Button>
        </>
      )}
      {(status === 'issued' || status === 'returned') && (
        <Button
          type="link"
          size="small"
          onClick={() => actions.startAction('reply', row)}
          data-testid="reply-letter"
        >
          登记回复
        </Button>
      )}
      {status === 'replied' && (
        <Button
          type="link"
          size="small"
          onClick={() => actions.startAction('check', row)}
          data-testid="check-letter"
        >
          审核回复
        </Button>
      )}
      {status === 'issued' && l && l.replies.length === 0 && (
        <Button type="link" size="small" danger onClick={() => actions.startAction('void', row)}>
          作废文号
        </Button>
      )}
      <Button type="link" size="small" onClick={() => actions.downloadOne(row, 'pdf')}>
        PDF
      </Button>
      <Button type="link" size="small" onClick={() => actions.downloadOne(row, 'docx')}>
        DOCX
      </Button>
    </Space>
  );
}

/** The units of the campaign with their letters; overdue ones on red. */
export function LettersTable(props: {
  rows: readonly LetterRow[];
  today: string;
  emptyText: string;
  actions: LetterRowActions;
}) {
  const { today, actions } = props;
  return (
    <Table<LetterRow>
      data-testid="letters-table"
      // 单位 and 操作 stay in view; the columns between scroll sideways in a small window.
      scroll={{ x: LETTER_TABLE_WIDTH }}
      size="small"
      rowKey="department"
      pagination={false}
      dataSource={props.rows as LetterRow[]}
      rowClassName={(r) => (r.letter && isOverdue(r.letter, today) ? 'letter-overdue' : '')}
      onRow={(r) => (r.letter && isOverdue(r.letter, today) ? { style: { background: '#fff1f0' } } : {})}
      locale={{ emptyText: props.emptyText }}
      columns={[
        { title: '单位', dataIndex: 'department', width: 170, fixed: 'left' },
        {
          title: '评查情况',
          key: 'files',
          width: 170,
          render: (_: unknown, r) =>
            r.facts
              ? `${r.facts.files.length} 件，均分 ${r.facts.department.meanText}，${r.facts.department.grade}`
              : '—',
        },
        {
          title: '状态',
          key: 'status',
          width: 200,
          render: (_: unknown, r) => <StatusCell letter={r.letter} today={today} />,
        },
        { title: '发文字号', key: 'no', width: 160, render: (_: unknown, r) => r.letter?.docNumber ?? '—' },
        { title: '印发日期', key: 'date', width: 100, render: (_: unknown, r) => r.letter?.issueDate ?? '—' },
        {
          title: '整改期限',
          key: 'deadline',
          width: 100,
          render: (_: unknown, r) => r.letter?.deadline ?? '—',
        },
        {
          title: '回复',
          key: 'reply',
          width: 140,
          render: (_: unknown, r) => {
            const rep = r.letter?.replies.at(-1);
            if (!rep) return '—';
            return (
              <Tooltip title={rep.summary}>
                <span>
                  {formatDate(rep.receivedAt)}
                  {rep.attachmentId && (
                    <Button type="link" size="small" onClick={() => actions.downloadReply(rep.attachmentId!)}>
                      附件
                    </Button>
                  )}
                </span>
              </Tooltip>
            );
          },
        },
        {
          title: '操作',
          key: 'actions',
          width: 250,
          fixed: 'right',
          render: (_: unknown, r) => <RowActions row={r} actions={actions} />,
        },
      ]}
    />
  );
}
