import { formatCount } from '@shared/util/number-format';
import { sortByPinyin } from '@shared/util/pinyin-sort';
import { startTransition, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { buildDrawRecordDocument } from '@shared/draw/draw-record-document';
import { formatDateTimeSeconds } from '@shared/util/time-format';
import { SAMPLER_ALGORITHM_LABEL } from '@shared/draw/sampler';
import { withLogCode } from '@shared/documents/log-code-line';
import { auditStore } from '../db/hooks/audit';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { useCaseIndex } from '../ledgers/case-index-context';
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import type { CampaignRecord } from '../db/workflow-records';
import type { DrawItemView, DrawView, PopulationCheck, StratumView } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import { groupDigits } from './seed';
import { PurposivePicks } from './purposive-picks';

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

export function DrawResult({
  campaign,
  drawId,
  initial,
}: {
  campaign: CampaignRecord;
  drawId: string;
  initial: DrawView | null;
}) {
  const runner = useDrawRunner();
  const renderer = useDocumentRenderer();
  const { message } = App.useApp();
  const { version } = useCaseIndex();
  const [operatorSettings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [view, setView] = useState<DrawView | null>(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [check, setCheck] = useState<PopulationCheck | null>(null);
  const [replacing, setReplacing] = useState<DrawItemView | null>(null);
  const [adding, setAdding] = useState<StratumView | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  // The tables mount one task after the page itself: on a draw the planner's teardown and the result's
  // header commit first, the table (its column measuring and fixed column) next, so neither commit is a
  // long main-thread task on a 500k-file campaign (issue 16).
  const [tablesShown, setTablesShown] = useState(false);
  const hasView = view !== null;
  useEffect(() => {
    if (!hasView) return;
    const t = setTimeout(() => startTransition(() => setTablesShown(true)), 0);
    return () => clearTimeout(t);
  }, [hasView]);

  useEffect(() => {
    if (view?.drawId === drawId) return;
    void runner.view(drawId).then(
      (v) => startTransition(() => setView(v)),
      (e: Error) => setLoadError(e.message),
    );
  }, [runner, drawId, view]);
  useEffect(() => {
    let live = true;
    void runner.checkPopulation(drawId).then(
      (c) => live && setCheck(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [runner, drawId, version]);

  if (loadError) return <Alert type="error" showIcon title="无法显示抽取结果" description={loadError} />;
  if (!view) return <Spin />;
  const r = view.record;
  const by = operatorSettings?.name || r.operator || '未署名操作人员';
  const baseName = `${campaign.name}-抽取记录`;

  const save = async (kind: 'json' | 'pdf' | 'docx') => {
    setExporting(kind);
    try {
      let bytes: Uint8Array;
      if (kind === 'json') bytes = await runner.exportRecord(drawId);
      else {
        const doc = withLogCode(
          buildDrawRecordDocument(r, operatorSettings?.unit ? { issuer: operatorSettings.unit } : {}),
          await auditStore.checkpointCode('draw.create', drawId),
        );
        bytes = await renderer.render(doc, kind);
      }
      const names = { json: 'JSON 文件', pdf: 'PDF 文件', docx: 'Word 文档' };
      const ok = await getPlatform().saveFile({
        suggestedName: `${baseName}.${kind}`,
        bytes,
        filters: [{ name: names[kind], extensions: [kind] }],
      });
      if (ok) message.success(`已导出“${baseName}.${kind}”`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(null);
    }
  };

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
        <Button size="small" onClick={() => setReplacing(item)} aria-label={`替换 ${item.caseNo}`}>
          替换
        </Button>
      ),
    },
  ];
  const spareColumns = itemColumns(allItems);
  const replacedColumns = itemColumns(allItems, [
    { title: '替补案卷', dataIndex: 'replacedBy', width: 200 },
    { title: '原因', dataIndex: 'reason', width: 220 },
  ]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16} data-testid="draw-result">
      {check && !check.matches && (
        <Alert
          type="warning"
          showIcon
          data-testid="population-warning"
          title="台账已变化：抽取时的总体与现有台账不再一致"
          description={`${check.detail}抽取结果不受影响（已保存，不可更改），但用现有台账核验时将不一致。`}
        />
      )}
      <Card
        title="抽取结果"
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'json'}
              onClick={() => void save('json')}
            >
              导出记录（JSON）
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'pdf'}
              onClick={() => void save('pdf')}
            >
              导出 PDF
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'docx'}
              onClick={() => void save('docx')}
            >
              导出 Word
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, lg: 2 }}>
          <Descriptions.Item label="随机种子">
            <span
              data-testid="result-seed"
              style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 600 }}
            >
              {groupDigits(r.seed)}
            </span>{' '}
            <Tag>已锁定</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="抽取时间">{formatDateTimeSeconds(r.drawnAt)}</Descriptions.Item>
          <Descriptions.Item label="操作人员">{r.operator}</Descriptions.Item>
          <Descriptions.Item label="见证人">{r.witnesses.join('、') || '无'}</Descriptions.Item>
          <Descriptions.Item label="总体">
            {formatCount(r.population.size)} 件 · SHA-256 <code>{r.population.sha256}</code>
          </Descriptions.Item>
          <Descriptions.Item label="算法">
            {SAMPLER_ALGORITHM_LABEL}，版本 {r.algorithm.version}
          </Descriptions.Item>
          <Descriptions.Item label="方案">
            样本量 {r.allocation.total}，
            {r.stratification.by === 'department' ? '按部门分层' : '按部门 × 案件类型分层'}，每层最低{' '}
            {r.allocation.minimum}，每层备选 {r.allocation.sparesPerStratum}
          </Descriptions.Item>
          <Descriptions.Item label="当前">
            抽中 <b data-testid="drawn-count">{view.drawn.length}</b> 件，备选 {view.spares.length} 件，替换{' '}
            {r.replacements.length} 次，追加 {r.extras.length} 次
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {r.purposive && <PurposivePicks part={r.purposive} />}

      {/* Tabs render a pane only when first opened: the result appears with one table, not four. */}
      <Card loading={!tablesShown}>
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
                          onClick={() => setAdding(s)}
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

      {view.replaced.length > 0 && (
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
      )}

      {replacing && (
        <ReasonModal
          title={`替换抽中案卷“${replacing.caseNo}”`}
          description={`该案卷无法调取时，由“${replacing.stratum}”层按签号顺序的下一个备选替补。替换将记入抽取记录和操作留痕，不可撤销。`}
          placeholder="例如：案卷已移送司法机关，无法调取"
          okText="确认替换"
          onCancel={() => setReplacing(null)}
          onOk={async (reason) => {
            const next = await runner.replace(drawId, replacing.itemId, reason, by);
            setView(next);
            setReplacing(null);
            message.success('已替换，并记入抽取记录');
          }}
        />
      )}
      {adding && (
        <ReasonModal
          title={`“${adding.key}”追加抽取`}
          description={`按同一签号顺序继续抽取（先用该层现有备选）。该层还有 ${adding.remaining} 件可抽。`}
          placeholder="例如：该部门问题较多，追加抽查"
          okText="确认追加"
          maxCount={adding.remaining}
          onCancel={() => setAdding(null)}
          onOk={async (reason, count) => {
            const next = await runner.more(drawId, adding.key, count, reason, by);
            setView(next);
            setAdding(null);
            message.success(`已追加 ${count} 件，并记入抽取记录`);
          }}
        />
      )}
    </Space>
  );
}

function ReasonModal({
  title,
  description,
  placeholder,
  okText,
  maxCount,
  onOk,
  onCancel,
}: {
  title: string;
  description: string;
  placeholder: string;
  okText: string;
  maxCount?: number;
  onOk: (reason: string, count: number) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [count, setCount] = useState<number | null>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim() === '') return setError('请填写原因：原因将写入抽取记录。');
    if (maxCount !== undefined && (count === null || count < 1 || count > maxCount)) {
      return setError(`追加数量应在 1 到 ${maxCount} 之间。`);
    }
    setBusy(true);
    setError(null);
    try {
      await onOk(reason.trim(), count ?? 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>{description}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        {maxCount !== undefined && (
          <Form.Item label="追加数量" required>
            <InputNumber aria-label="追加数量" min={1} max={maxCount} value={count} onChange={setCount} />
          </Form.Item>
        )}
        <Form.Item label="原因" required>
          <Input.TextArea
            aria-label="原因"
            autoFocus
            rows={3}
            maxLength={200}
            placeholder={placeholder}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error && (
        <Typography.Text type="danger" role="alert" data-testid="reason-error">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}
