import { sortByPinyin } from '@shared/util/pinyin-sort';
import { Button, Card, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DrawItemView, DrawView, StratumView } from '../workers/draw-protocol';

const STATUS: Record<DrawItemView['status'], { label: string; color?: string }> = {
  drawn: { label: '抽中' },
  replacement: { label: '替补', color: 'blue' },
  extra: { label: '追加', color: 'purple' },
  replaced: { label: '已替换', color: 'red' },
  spare: { label: '备选' },
};

// A page of rows at a time: the first render of 120+ rows with buttons and a fixed column was one
// 300 ms main-thread task (issue 16); 30 rows render well within the 200 ms budget.
const RESULT_PAGINATION = {
  pageSize: 30,
  showSizeChanger: false,
  hideOnSinglePage: true,
  showTotal: (total: number) => `共 ${total} 件`,
} as const;

/** The 层 column only when strata are not simply the departments (it would repeat 执法部门). */
function itemColumns(
  items: readonly DrawItemView[],
  extra: ColumnsType<DrawItemView> = [],
): ColumnsType<DrawItemView> {
  const stratumIsDepartment = items.every((i) => i.stratum === i.department);
  return [
    // Widths sum to what a 1280 px window shows without scrolling (当事人 included); long texts ellipsis.
    { title: '序位', dataIndex: 'order', width: 56, align: 'right' as const },
    { title: '签号', dataIndex: 'ticket', width: 110, render: (t: string) => <code>{t}</code> },
    ...(stratumIsDepartment ? [] : [{ title: '层', dataIndex: 'stratum', width: 150, ellipsis: true }]),
    { title: '案件编号', dataIndex: 'caseNo', width: 170, ellipsis: true },
    { title: '执法部门', dataIndex: 'department', width: 150, ellipsis: true },
    { title: '案件类型', dataIndex: 'caseType', width: 80 },
    { title: '当事人', dataIndex: 'party', width: 140, ellipsis: true },
    ...extra,
  ];
}

/** Table width for scroll.x: the sum of the column widths. */
function widthOf(columns: ColumnsType<DrawItemView>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
}

/** 抽中 / 备选 / 各层: the draw's files and strata, with 替换 on a drawn file and 追加抽取 on a stratum. */
export function DrawResultTabs({
  view,
  shown,
  onReplace,
  onAdd,
}: {
  view: DrawView;
  shown: boolean;
  onReplace: (item: DrawItemView) => void;
  onAdd: (stratum: StratumView) => void;
}) {
  const allItems = [...view.drawn, ...view.spares, ...view.replaced];
  const drawnColumns: ColumnsType<DrawItemView> = [
    { title: '序号', key: 'n', width: 56, render: (_, __, i) => i + 1 },
    ...itemColumns(allItems),
    {
      title: '状态',
      dataIndex: 'status',
      width: 72,
      render: (s: DrawItemView['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      width: 80,
      fixed: 'right',
      render: (_, item) => (
        <Button size="small" onClick={() => onReplace(item)} aria-label={`替换 ${item.caseNo}`}>
          替换
        </Button>
      ),
    },
  ];
  const spareColumns = itemColumns(allItems);
  // Tabs render a pane only when first opened: the result appears with one table, not four.
  return (
    <Card loading={!shown}>
      <Tabs
        items={[
          {
            key: 'drawn',
            label: `抽中案卷（${view.drawn.length} 件，按签号排序）`,
            children: (
              <Table<DrawItemView>
                data-testid="drawn-table"
                size="small"
                rowKey="itemId"
                pagination={RESULT_PAGINATION}
                scroll={{ x: widthOf(drawnColumns), y: 520 }}
                dataSource={view.drawn}
                columns={drawnColumns}
              />
            ),
          },
          {
            key: 'spares',
            label: `备选案卷（${view.spares.length} 件）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  各层按签号顺序排在抽中案卷之后的案卷。抽中案卷无法调取时，点“替换”，由该层第一个备选替补。
                </Typography.Paragraph>
                <Table<DrawItemView>
                  data-testid="spares-table"
                  size="small"
                  rowKey="itemId"
                  pagination={RESULT_PAGINATION}
                  scroll={{ x: widthOf(spareColumns), y: 360 }}
                  dataSource={view.spares}
                  columns={spareColumns}
                />
              </>
            ),
          },
          {
            key: 'strata',
            label: `各层情况（${view.strata.length} 个层）`,
            children: (
              <Table<StratumView>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={sortByPinyin(view.strata, (x) => x.key)}
                columns={[
                  { title: '层', dataIndex: 'key' },
                  { title: '案卷数', dataIndex: 'size', width: 90, align: 'right' },
                  { title: '名额', dataIndex: 'quota', width: 70, align: 'right' },
                  { title: '追加', dataIndex: 'extra', width: 70, align: 'right' },
                  { title: '现抽中', dataIndex: 'drawnNow', width: 80, align: 'right' },
                  { title: '剩余备选', dataIndex: 'sparesLeft', width: 90, align: 'right' },
                  {
                    title: '该层 SHA-256',
                    dataIndex: 'sha256',
                    width: 180,
                    render: (h: string) => <code title={h}>{h.slice(0, 16)}…</code>,
                  },
                  {
                    title: '操作',
                    key: 'op',
                    width: 110,
                    render: (_, s) => (
                      <Button
                        size="small"
                        disabled={s.remaining === 0}
                        onClick={() => onAdd(s)}
                        aria-label={`追加抽取 ${s.key}`}
                      >
                        追加抽取
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 已替换的案卷: each replaced file with the one that took its place and why. */
export function ReplacedFilesCard({ view }: { view: DrawView }) {
  const replacedColumns = itemColumns(
    [...view.drawn, ...view.spares, ...view.replaced],
    [
      { title: '替补案卷', dataIndex: 'replacedBy', width: 200 },
      { title: '原因', dataIndex: 'reason', width: 220 },
    ],
  );
  if (view.replaced.length === 0) return null;
  return (
    <Card title={`已替换的案卷（${view.replaced.length} 件）`}>
      <Table<DrawItemView>
        data-testid="replaced-table"
        size="small"
        rowKey="itemId"
        pagination={false}
        scroll={{ x: widthOf(replacedColumns) }}
        dataSource={view.replaced}
        columns={replacedColumns}
      />
    </Card>
  );
}
