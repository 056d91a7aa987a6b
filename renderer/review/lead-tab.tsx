// 复核 (lead): both reviewers' sheets side by side with the differences highlighted (compareSheets),
// the final result fixed item by item (reconcile), finalising locks the file.
import { CaseFileBeside } from '../case-files/case-file-viewer';
import { PinJumpContext, PinLinks } from '../case-files/pin-links';
import type { CasePin } from '@shared/case-files/pin-geometry';
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { formatHalfPoints, type ReviewStandard } from '@shared/standards/standard-model';
import {
  compareSheets,
  scoreCaseFile,
  type ItemDecision,
  type SheetDeduction,
  type SheetVeto,
  type VetoDecision,
} from '@shared/review/scoring-engine';
import { confirmAction } from '../ui/confirm';
import { sheetId, type DrawnFile } from '../db/panel-repository';
import { scoreStore } from '../db/hooks/review';
import { standardStore } from '../db/hooks/standards';
import type { ScoreSheetRow, StandardRow } from '../db/workflow-records';
import { filesById, type CampaignData } from './use-review-data';
import { allSubmitted, sheetsVisibleTo } from '@shared/review/blind-review';
import { scorersOf } from '@shared/review/calibration';
import { pairSubmittedSheets } from '@shared/review/reviewer-agreement';
import {
  disagreeingFirst,
  disagreementOf,
  orderRecheckQueue,
  type Disagreement,
  type RecheckStage,
} from '@shared/review/recheck-queue';
import { formatDateTime } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';

export function LeadTab({
  data,
  files,
  standards,
  operator,
}: {
  data: CampaignData;
  files: DrawnFile[];
  standards: readonly StandardRow[];
  operator: string;
}) {
  const record = data.assignment?.record;
  const [selected, setSelected] = useState<string | null>(null);
  // Kept across 定稿 (each one re-renders the list): the filter, the page and its size.
  const [statusFilter, setStatusFilter] = useState<LeadStatus | 'all'>('all');
  const [page, setPage] = useState({ current: 1, pageSize: 15 });
  if (!record) return <Alert type="info" showIcon title="本活动尚未分配评查人员。" />;
  const fileOf = filesById(data, files);
  const names = new Map(record.reviewers.map((r) => [r.id, r.name]));
  const standardOf = (id: string, version: number) =>
    standards.find((s) => s.id === id && s.version === version);
  // Blind review: only files whose sheets are all submitted can be compared (sheetsVisibleTo); on a
  // calibration file that is every panel member's sheet.
  const scorers = scorersOf(record, data.campaign.calibrationItemIds);
  const visible = sheetsVisibleTo(null, data.sheets, scorers);
  const calibration = new Set(data.campaign.calibrationItemIds ?? []);
  const rows = orderRecheckQueue(
    record.result.map((e) => {
      const sheets = e.reviewerIds.map((rid) =>
        data.sheets.find((s) => s.id === sheetId(data.campaign.id, e.itemId, rid)),
      );
      const submitted = sheets.filter((s) => s?.status === 'submitted').length;
      const final = data.finals.find((f) => f.itemId === e.itemId);
      const pair = pairSubmittedSheets([e], visible, standardOf)[0];
      const everyone = scorers.find((x) => x.itemId === e.itemId)?.reviewerIds ?? e.reviewerIds;
      const disagreement = pair ? disagreementOf(compareSheets(pair.standard, pair.a, pair.b)) : null;
      const stage: RecheckStage = final
        ? 'final'
        : submitted === e.reviewerIds.length && allSubmitted(everyone, data.sheets, e.itemId)
          ? 'pending'
          : 'scoring';
      return { ...e, file: fileOf.get(e.itemId), submitted, final, stage, disagreement };
    }),
  );
  const current = rows.find((r) => r.itemId === selected);
  const finalCount = rows.filter((r) => r.final).length;
  // 待复核 is the queue's 'pending' stage (every sheet of the file submitted, calibration files included).
  const statusOf = (r: (typeof rows)[number]): LeadStatus =>
    r.stage === 'final' ? 'final' : r.stage === 'pending' ? 'waiting' : 'scoring';
  const shown = statusFilter === 'all' ? rows : rows.filter((r) => statusOf(r) === statusFilter);
  const waiting = rows.filter((r) => statusOf(r) === 'waiting').length;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={`逐卷复核（已定稿 ${finalCount} / ${rows.length}）`}
        extra={
          <Space size={12} wrap>
            <Typography.Text type="secondary">
              待复核的案卷按分歧排序：否决项认定不同在前，其次按总分差、扣分不同的项数
            </Typography.Text>
            <Select
              aria-label="按复核状态筛选"
              data-testid="lead-status-filter"
              style={{ width: 170 }}
              value={statusFilter}
              onChange={(v: LeadStatus | 'all') => {
                setStatusFilter(v);
                setPage((p) => ({ ...p, current: 1 }));
              }}
              options={[
                { value: 'all', label: `全部（${rows.length}）` },
                { value: 'waiting', label: `待复核（${waiting}）` },
                { value: 'scoring', label: '评分中' },
                { value: 'final', label: `已定稿（${finalCount}）` },
              ]}
            />
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="itemId"
          data-testid="lead-files"
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            showSizeChanger: true,
            pageSizeOptions: [15, 30, 50, 100],
            hideOnSinglePage: false,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          dataSource={shown}
          onRow={(r) => ({
            onClick: () => setSelected(r.itemId),
            style: { cursor: 'pointer', background: r.itemId === selected ? '#eef4ff' : undefined },
          })}
          columns={[
            { title: '案件编号', render: (_: unknown, r) => r.file?.caseNo ?? r.itemId },
            { title: '执法部门', render: (_: unknown, r) => r.file?.department },
            {
              title: '评查人员',
              render: (_: unknown, r) => (
                <>
                  {r.reviewerIds.map((id) => names.get(id) ?? id).join('、')}
                  {calibration.has(r.itemId) && (
                    <Tag color="purple" style={{ marginLeft: 4 }}>
                      校准
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: '状态',
              render: (_: unknown, r) =>
                r.final ? (
                  <Tag color="green">
                    已定稿 {formatHalfPoints(r.final.score.totalHalfPoints)} 分 {r.final.score.grade}
                  </Tag>
                ) : r.stage === 'pending' ? (
                  <Tag color="blue">待复核</Tag>
                ) : r.submitted === r.reviewerIds.length ? (
                  <Tag>校准案卷：等待其他评查人员提交</Tag>
                ) : (
                  <Tag>
                    评分中（已提交 {r.submitted} / {r.reviewerIds.length}）
                  </Tag>
                ),
            },
            {
              title: '分歧',
              render: (_: unknown, r) => <DisagreementTags d={r.disagreement} />,
            },
            {
              title: '',
              width: 80,
              render: (_: unknown, r) => (
                <Button size="small" type="link" onClick={() => setSelected(r.itemId)}>
                  复核
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {current && (
        <LeadPane
          key={current.itemId}
          data={data}
          itemId={current.itemId}
          reviewerIds={current.reviewerIds}
          file={current.file}
          names={names}
          operator={operator}
          scorers={scorers.find((x) => x.itemId === current.itemId)?.reviewerIds ?? current.reviewerIds}
        />
      )}
    </Space>
  );
}

function DisagreementTags({ d }: { d: Disagreement | null }) {
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!d.vetoDiffers && d.totalGapHalfPoints === 0 && d.differingItems === 0)
    return <Tag color="green">一致</Tag>;
  return (
    <Space size={4} wrap>
      {d.vetoDiffers && <Tag color="red">否决项不同</Tag>}
      {d.totalGapHalfPoints > 0 && <Tag color="orange">相差 {formatHalfPoints(d.totalGapHalfPoints)} 分</Tag>}
      {d.differingItems > 0 && <Tag>{d.differingItems} 项不同</Tag>}
    </Space>
  );
}

type LeadStatus = 'waiting' | 'scoring' | 'final';

type Choice = 'a' | 'b' | 'own';
interface ItemChoice {
  choice: Choice;
  reason: string;
  own: Omit<SheetDeduction, 'itemId'>[];
}

function LeadPane({
  data,
  itemId,
  reviewerIds,
  file,
  names,
  operator,
  scorers,
}: {
  data: CampaignData;
  itemId: string;
  reviewerIds: string[];
  file: DrawnFile | undefined;
  names: Map<string, string>;
  operator: string;
  /** Everyone scoring the file: its reviewers, and on a calibration file the whole panel. */
  scorers: readonly string[];
}) {
  const { message, modal } = App.useApp();
  const sheets = reviewerIds.map((rid) =>
    data.sheets.find((s) => s.id === sheetId(data.campaign.id, itemId, rid)),
  );
  // What this pane may show of the sheets' contents: nothing until every reviewer has submitted.
  const readable = sheetsVisibleTo(null, data.sheets, [{ itemId, reviewerIds: scorers }]);
  const content = reviewerIds.map((rid) => readable.find((s) => s.reviewerId === rid));
  const final = data.finals.find((f) => f.itemId === itemId);
  const first = content.find(Boolean);
  const [standard, setStandard] = useState<StandardRow | null>(null);
  useEffect(() => {
    if (!first) return;
    void standardStore
      .getStandard(first.standardId, first.standardVersion)
      .then((s) => setStandard(s ?? null));
  }, [first?.standardId, first?.standardVersion, first]);
  const [unlocking, setUnlocking] = useState<ScoreSheetRow | null>(null);
  const [jump, setJump] = useState<CasePin | null>(null);
  const label = file ? `${file.caseNo}（${file.department}，${file.caseType}）` : itemId;

  const unlockButtons = sheets.map(
    (s) =>
      s?.status === 'submitted' &&
      !final && (
        <Button key={s.id} size="small" onClick={() => setUnlocking(s)}>
          解锁 {names.get(s.reviewerId)} 的评分表
        </Button>
      ),
  );
  const allSubmitted = sheets.every((s) => s?.status === 'submitted');
  const confirmFinalise = () =>
    confirmAction(modal, {
      title: `定稿案卷 ${file?.caseNo ?? itemId}？`,
      okText: '确认定稿',
      content:
        '定稿后本案卷的评分表和复核结论全部锁定，结果计入评查结果、整改函和通报；如需改动，须先解锁再重新复核，并记入操作留痕。',
    });
  const pane = (
    <Card title={`复核：${label}`} data-testid="lead-pane" extra={<Space>{unlockButtons}</Space>}>
      {final ? (
        <Alert
          type="success"
          showIcon
          data-testid="final-result"
          title={`已定稿：${formatHalfPoints(final.score.totalHalfPoints)} 分，${final.score.grade}（${final.finalisedBy}，${formatDateTime(final.finalisedAt)}）`}
          description="定稿后本案卷的评分表均已锁定。"
        />
      ) : !allSubmitted || !standard || content.some((s) => !s) ? (
        <Alert
          type="info"
          showIcon
          title={`评查人员尚未全部提交：${reviewerIds
            .map(
              (rid, i) =>
                `${names.get(rid) ?? rid}${sheets[i]?.status === 'submitted' ? '已提交' : sheets[i] ? '评分中' : '未开始'}`,
            )
            .join('，')}。背靠背评查：全部提交后才显示评分内容。`}
        />
      ) : sheets.length === 2 ? (
        <Reconcile
          standard={standard}
          a={content[0]!}
          b={content[1]!}
          nameA={names.get(content[0]!.reviewerId) ?? 'A'}
          nameB={names.get(content[1]!.reviewerId) ?? 'B'}
          onFinalise={async (items, vetoes) => {
            if (!(await confirmFinalise())) return;
            await scoreStore.finaliseFile({
              campaignId: data.campaign.id,
              itemId,
              lead: operator,
              decisions: { items, ...(vetoes ? { vetoes } : {}) },
            });
            message.success(`案卷 ${file?.caseNo ?? itemId} 已定稿`);
          }}
        />
      ) : (
        <ConfirmSingle
          standard={standard}
          sheet={content[0]!}
          name={names.get(content[0]!.reviewerId) ?? ''}
          onConfirm={async () => {
            if (!(await confirmFinalise())) return;
            await scoreStore.finaliseFile({ campaignId: data.campaign.id, itemId, lead: operator });
            message.success(`案卷 ${file?.caseNo ?? itemId} 已定稿`);
          }}
        />
      )}
      {unlocking && (
        <UnlockModal
          row={unlocking}
          name={names.get(unlocking.reviewerId) ?? ''}
          onClose={() => setUnlocking(null)}
          lead={operator}
        />
      )}
    </Card>
  );
  // The case file beside the re-check, with the pins of the sheets this pane may show.
  const pinned = { deductions: content.flatMap((s) => s?.sheet.deductions ?? []), vetoes: [] };
  return (
    <PinJumpContext.Provider value={(pin) => setJump(pin)}>
      <CaseFileBeside
        campaignId={data.campaign.id}
        itemId={itemId}
        actor={operator}
        sheet={pinned}
        jumpTo={jump}
      >
        {pane}
      </CaseFileBeside>
    </PinJumpContext.Provider>
  );
}

function UnlockModal({
  row,
  name,
  lead,
  onClose,
}: {
  row: ScoreSheetRow;
  name: string;
  lead: string;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  return (
    <Modal
      open
      title={`解锁 ${name} 已提交的评分表`}
      okText="解锁"
      cancelText="取消"
      onCancel={onClose}
      onOk={() =>
        void scoreStore
          .unlockSheet({
            campaignId: row.campaignId,
            itemId: row.itemId,
            reviewerId: row.reviewerId,
            reason,
            lead,
          })
          .then(onClose)
          .catch((e: unknown) => setError(errorText(e)))
      }
    >
      <Input.TextArea
        aria-label="解锁理由"
        placeholder="解锁理由（必填，记入操作留痕）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

function Deductions({ standard, list }: { standard: ReviewStandard; list: readonly SheetDeduction[] }) {
  if (!list.length) return <Typography.Text type="secondary">不扣分</Typography.Text>;
  const opt = (d: SheetDeduction) =>
    standard.categories
      .flatMap((c) => c.items)
      .find((i) => i.id === d.itemId)
      ?.deductions.find((o) => o.id === d.optionId);
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {list.map((d, i) => (
        <li key={i}>
          {opt(d)?.label ?? d.optionId} ×{d.count}（−
          {formatHalfPoints((opt(d)?.amountHalfPoints ?? 0) * d.count)}）：{d.problem}
          <PinLinks pins={d.pins} />
        </li>
      ))}
    </ul>
  );
}

function ConfirmSingle({
  standard,
  sheet,
  name,
  onConfirm,
}: {
  standard: ReviewStandard;
  sheet: ScoreSheetRow;
  name: string;
  onConfirm: () => Promise<void>;
}) {
  const [error, setError] = useState('');
  const score = scoreCaseFile(standard, sheet.sheet);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {name} 的评分：<b>{formatHalfPoints(score.totalHalfPoints)}</b> 分，{score.grade}
        {score.vetoes.length > 0 && `（否决项：${score.vetoes.map((v) => v.text).join('、')}）`}
      </Typography.Text>
      <Deductions standard={standard} list={sheet.sheet.deductions} />
      <Button
        type="primary"
        data-testid="lead-finalise"
        onClick={() => void onConfirm().catch((e: unknown) => setError(errorText(e)))}
      >
        确认并定稿
      </Button>
      {error && (
        <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} />
      )}
    </Space>
  );
}

function Reconcile({
  standard,
  a,
  b,
  nameA,
  nameB,
  onFinalise,
}: {
  standard: ReviewStandard;
  a: ScoreSheetRow;
  b: ScoreSheetRow;
  nameA: string;
  nameB: string;
  onFinalise: (items: ItemDecision[], vetoes?: VetoDecision) => Promise<void>;
}) {
  const cmp = useMemo(() => compareSheets(standard, a.sheet, b.sheet), [standard, a.sheet, b.sheet]);
  const differing = new Set(cmp.items.map((i) => i.itemId));
  const [showAll, setShowAll] = useState(false);
  const [choices, setChoices] = useState<Record<string, ItemChoice>>({});
  const [vetoChoice, setVetoChoice] = useState<{ choice: Choice; reason: string; own: SheetVeto[] } | null>(
    null,
  );
  const [error, setError] = useState('');
  const items = standard.categories.flatMap((c) => c.items.map((item) => ({ item, category: c })));
  // The items the reviewers scored differently come first, also when all items are shown.
  const shown = disagreeingFirst(items, ({ item }) => differing.has(item.id)).filter(
    ({ item }) => showAll || differing.has(item.id),
  );
  const byItem = (rows: readonly SheetDeduction[], id: string) => rows.filter((d) => d.itemId === id);
  const setChoice = (id: string, patch: Partial<ItemChoice>) =>
    setChoices((c) => {
      const prev = c[id] ?? {
        choice: 'a',
        reason: '',
        own: byItem(a.sheet.deductions, id).map(({ itemId: _i, ...d }) => d),
      };
      return { ...c, [id]: { ...prev, ...patch } };
    });

  const finalise = async () => {
    setError('');
    const decisions: ItemDecision[] = Object.entries(choices).map(([itemId, c]) =>
      c.choice === 'own'
        ? { itemId, choice: 'own', deductions: c.own, reason: c.reason }
        : { itemId, choice: c.choice, reason: c.reason },
    );
    const vetoes: VetoDecision | undefined = vetoChoice
      ? vetoChoice.choice === 'own'
        ? { choice: 'own', vetoes: vetoChoice.own, reason: vetoChoice.reason }
        : { choice: vetoChoice.choice, reason: vetoChoice.reason }
      : undefined;
    try {
      await onFinalise(decisions, vetoes);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const vetoNames = (ids: string[]) =>
    ids.map((id) => standard.vetoes.find((v) => v.id === id)?.text ?? id).join('、') || '无';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap data-testid="compare-summary">
        <Typography.Text>
          {nameA}（A）：<b>{formatHalfPoints(cmp.scoreA.totalHalfPoints)}</b> 分 {cmp.scoreA.grade}
        </Typography.Text>
        <Typography.Text>
          {nameB}（B）：<b>{formatHalfPoints(cmp.scoreB.totalHalfPoints)}</b> 分 {cmp.scoreB.grade}
        </Typography.Text>
        {cmp.items.length > 0 && <Tag color="orange">{cmp.items.length} 项扣分不同</Tag>}
        {cmp.totalsDiffer && (
          <Tag color="red">总分相差 {formatHalfPoints(cmp.totalGapHalfPoints)} 分（超过 5 分）</Tag>
        )}
        {cmp.gradeDiffers && <Tag color="red">等次不同</Tag>}
        {cmp.vetoDiffers && <Tag color="red">否决项认定不同</Tag>}
        {!cmp.hasDifferences && <Tag color="green">两名评查人员意见一致</Tag>}
        <span>
          显示全部评查项 <Switch size="small" checked={showAll} onChange={setShowAll} />
        </span>
      </Space>
      {cmp.vetoDiffers && (
        <Card size="small" title="否决项" data-testid="veto-decision">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              A：{vetoNames(a.sheet.vetoes.map((v) => v.vetoId))}；B：
              {vetoNames(b.sheet.vetoes.map((v) => v.vetoId))}
            </Typography.Text>
            <Radio.Group
              value={vetoChoice?.choice}
              onChange={(e) =>
                setVetoChoice({
                  choice: e.target.value as Choice,
                  reason: vetoChoice?.reason ?? '',
                  own: vetoChoice?.own ?? a.sheet.vetoes,
                })
              }
              options={[
                { value: 'a', label: '采用 A' },
                { value: 'b', label: '采用 B' },
                { value: 'own', label: '自行认定' },
              ]}
            />
            {vetoChoice?.choice === 'own' &&
              standard.vetoes.map((v) => {
                const on = vetoChoice.own.find((x) => x.vetoId === v.id);
                return (
                  <Space key={v.id}>
                    <Checkbox
                      checked={!!on}
                      onChange={(e) =>
                        setVetoChoice({
                          ...vetoChoice,
                          own: e.target.checked
                            ? [...vetoChoice.own, { vetoId: v.id, reason: '' }]
                            : vetoChoice.own.filter((x) => x.vetoId !== v.id),
                        })
                      }
                    >
                      {v.text}
                    </Checkbox>
                    {on && (
                      <Input
                        placeholder="否决理由"
                        value={on.reason}
                        onChange={(e) =>
                          setVetoChoice({
                            ...vetoChoice,
                            own: vetoChoice.own.map((x) =>
                              x.vetoId === v.id ? { ...x, reason: e.target.value } : x,
                            ),
                          })
                        }
                      />
                    )}
                  </Space>
                );
              })}
            {vetoChoice && (
              <Input
                placeholder="理由"
                value={vetoChoice.reason}
                onChange={(e) => setVetoChoice({ ...vetoChoice, reason: e.target.value })}
              />
            )}
          </Space>
        </Card>
      )}
      <Table
        size="small"
        rowKey={(r) => r.item.id}
        pagination={false}
        dataSource={shown}
        data-testid="compare-table"
        locale={{ emptyText: '两名评查人员各评查项扣分一致（打开“显示全部评查项”可查看全部）' }}
        rowClassName={(r) => (differing.has(r.item.id) ? 'pingcha-diff-row' : '')}
        onRow={(r) => ({ style: differing.has(r.item.id) ? { background: '#fff7e6' } : {} })}
        columns={[
          { title: '评查项', width: 200, render: (_: unknown, r) => `${r.category.name} · ${r.item.title}` },
          {
            title: `A：${nameA}`,
            render: (_: unknown, r) => (
              <Deductions standard={standard} list={byItem(a.sheet.deductions, r.item.id)} />
            ),
          },
          {
            title: `B：${nameB}`,
            render: (_: unknown, r) => (
              <Deductions standard={standard} list={byItem(b.sheet.deductions, r.item.id)} />
            ),
          },
          {
            title: '复核结论',
            width: 380,
            render: (_: unknown, r) => {
              const id = r.item.id;
              const c = choices[id];
              if (!differing.has(id) && !c)
                return (
                  <Space>
                    <Typography.Text type="secondary">一致</Typography.Text>
                    <Button size="small" type="link" onClick={() => setChoice(id, { choice: 'own' })}>
                      自行认定
                    </Button>
                  </Space>
                );
              return (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Radio.Group
                    aria-label={`复核结论：${r.item.title}`}
                    value={c?.choice}
                    onChange={(e) => setChoice(id, { choice: e.target.value as Choice })}
                    options={[
                      { value: 'a', label: '采用 A' },
                      { value: 'b', label: '采用 B' },
                      { value: 'own', label: '自行认定' },
                    ]}
                  />
                  {c?.choice === 'own' && (
                    <OwnDeductions
                      standard={standard}
                      itemId={id}
                      value={c.own}
                      onChange={(own) => setChoice(id, { own })}
                    />
                  )}
                  {c && (
                    <Input
                      aria-label={`复核理由：${r.item.title}`}
                      placeholder={c.choice === 'own' ? '理由（与两人均不同时必填）' : '理由（可选）'}
                      value={c.reason}
                      onChange={(e) => setChoice(id, { reason: e.target.value })}
                    />
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="lead-error"
          title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>}
        />
      )}
      <Button type="primary" data-testid="lead-finalise" onClick={() => void finalise()}>
        定稿（锁定本案卷）
      </Button>
    </Space>
  );
}

function OwnDeductions({
  standard,
  itemId,
  value,
  onChange,
}: {
  standard: ReviewStandard;
  itemId: string;
  value: Omit<SheetDeduction, 'itemId'>[];
  onChange: (v: Omit<SheetDeduction, 'itemId'>[]) => void;
}) {
  const item = standard.categories.flatMap((c) => c.items).find((i) => i.id === itemId);
  if (!item) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((d, k) => (
        <Space key={k} wrap>
          <Select
            style={{ width: 200 }}
            value={d.optionId}
            onChange={(optionId: string) => onChange(value.map((x, j) => (j === k ? { ...x, optionId } : x)))}
            options={item.deductions.map((o) => ({
              value: o.id,
              label: `${o.label} −${formatHalfPoints(o.amountHalfPoints)}`,
            }))}
          />
          <InputNumber
            min={1}
            precision={0}
            value={d.count}
            onChange={(count) => onChange(value.map((x, j) => (j === k ? { ...x, count: count ?? 1 } : x)))}
            style={{ width: 70 }}
          />
          <Input
            placeholder="问题描述"
            value={d.problem}
            onChange={(e) => onChange(value.map((x, j) => (j === k ? { ...x, problem: e.target.value } : x)))}
            style={{ width: 220 }}
          />
          <Button size="small" type="link" danger onClick={() => onChange(value.filter((_, j) => j !== k))}>
            删除
          </Button>
        </Space>
      ))}
      <Button
        size="small"
        onClick={() => onChange([...value, { optionId: item.deductions[0]!.id, count: 1, problem: '' }])}
      >
        添加扣分
      </Button>
    </Space>
  );
}
