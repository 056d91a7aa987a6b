// 逐卷评查: the current reviewer (a panel shares a machine), their queue with progress, and the
// score sheet, saved to IndexedDB on every change (closing the window loses nothing).
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Card,
  Descriptions,
  Empty,
  List,
  Progress,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import type { CaseRow } from '@shared/cases/case-index';
import { CaseFileBeside } from '../case-files/case-file-viewer';
import { addPin, type DeductionRef } from '@shared/case-files/sheet-pins';
import { emptySheet, scoreCaseFile, type ScoreSheet } from '@shared/review/scoring-engine';
import { formatHalfPoints } from '@shared/standards/standard-model';
import { confirmAction } from '../ui/confirm';
import { sheetId, type DrawnFile } from '../db/panel-repository';
import { scoreStore } from '../db/hooks/review';
import type { ScoreSheetRow, StandardRow } from '../db/workflow-records';
import { ScoreSheetEditor } from './score-sheet';
import { FlagHints } from './flag-hints';
import { QueueKeys } from './queue-keys';
import { filesById, type CampaignData } from './use-review-data';
import { useLedgerFacts } from './use-ledger-facts';
import { errorText } from '@shared/util/error-text';
import { allSubmitted, sheetsVisibleTo } from '@shared/review/blind-review';
import { scorersOf } from '@shared/review/calibration';

type FileStatus = '未开始' | '评分中' | '已提交' | '已定稿';
const STATUS_COLOR: Record<FileStatus, string> = {
  未开始: 'default',
  评分中: 'gold',
  已提交: 'blue',
  已定稿: 'green',
};

export function ScoringTab({
  data,
  files,
  rows,
  lockedReviewerId,
}: {
  data: CampaignData;
  files: DrawnFile[];
  rows: Map<string, CaseRow>;
  /** In a reviewer workspace (opened from a panel package) the reviewer is fixed. */
  lockedReviewerId?: string;
}) {
  const record = data.assignment?.record;
  // The reviewer chosen here is remembered per campaign and per operator: when another person takes
  // the keyboard (header 切换), the previous person's identity is not kept; the panel member with the
  // operator's name is offered instead.
  const [operatorSettings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const operatorName = operatorSettings?.name ?? '';
  const storeKey = `pingcha.review.reviewer.${data.campaign.id}.${operatorName}`;
  const [chosen, setChosen] = useState<{ key: string; id: string } | null>(null);
  const chosenReviewerId =
    chosen?.key === storeKey
      ? chosen.id
      : (sessionStorage.getItem(storeKey) ??
        (operatorName ? (record?.reviewers.find((r) => r.name === operatorName)?.id ?? null) : null));
  const setReviewerId = (id: string) => setChosen({ key: storeKey, id });
  const reviewerId = lockedReviewerId ?? chosenReviewerId;
  const [itemId, setItemId] = useState<string | null>(null);
  if (!record)
    return <Alert type="info" showIcon title="本活动尚未分配评查人员，请先在“评查组与分配”中分配。" />;

  const panel = record.reviewers;
  const current = panel.find((r) => r.id === reviewerId) ?? null;
  // Calibration files (校准案卷) come first: every panel member scores them before the real files.
  const calibration = new Set(data.campaign.calibrationItemIds ?? []);
  const scorers = scorersOf(record, data.campaign.calibrationItemIds);
  const mine = current ? scorers.filter((e) => e.reviewerIds.includes(current.id)).map((e) => e.itemId) : [];
  const queue = [...mine.filter((id) => calibration.has(id)), ...mine.filter((id) => !calibration.has(id))];
  const fileOf = filesById(data, files);
  // Blind review: this page only ever holds the sheets the current reviewer may read.
  const sheets = current ? sheetsVisibleTo(current.id, data.sheets, scorers) : [];
  const statusOf = (id: string): FileStatus => {
    if (data.finals.some((f) => f.itemId === id)) return '已定稿';
    const s = sheets.find((x) => x.id === sheetId(data.campaign.id, id, current?.id ?? ''));
    return !s ? '未开始' : s.status === 'submitted' ? '已提交' : '评分中';
  };
  // The person at the keyboard is a panel member acting for another reviewer: a file they score themselves
  // stays closed until every sheet of it is submitted (no path to the other sheet on a shared machine).
  const operatorReviewer = operatorName ? panel.find((r) => r.name === operatorName) : undefined;
  const coReviewerBlocked = (itemId: string): boolean => {
    if (!operatorReviewer || !current || operatorReviewer.id === current.id) return false;
    const everyone = scorers.find((e) => e.itemId === itemId)?.reviewerIds ?? [];
    return everyone.includes(operatorReviewer.id) && !allSubmitted(everyone, data.sheets, itemId);
  };
  const done = queue.filter((id) => statusOf(id) !== '未开始' && statusOf(id) !== '评分中').length;
  const selected = itemId && queue.includes(itemId) ? itemId : null;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>当前评查人员</Typography.Text>
          <Select
            aria-label="当前评查人员"
            data-testid="current-reviewer"
            style={{ width: 260 }}
            placeholder="请选择本人姓名"
            disabled={lockedReviewerId !== undefined}
            value={current?.id}
            onChange={(v: string) => {
              sessionStorage.setItem(storeKey, v);
              setReviewerId(v);
              setItemId(null);
            }}
            options={panel.map((r) => ({ value: r.id, label: `${r.name}（${r.unit}，${r.role}）` }))}
          />
          {current && (
            <Space>
              <Typography.Text>
                进度 {done} / {queue.length}
              </Typography.Text>
              <Progress
                percent={queue.length ? Math.round((100 * done) / queue.length) : 0}
                size="small"
                style={{ width: 160 }}
              />
            </Space>
          )}
        </Space>
      </Card>
      {!current && (
        <Empty
          data-testid="choose-reviewer-hint"
          description={`请在上方选择您的姓名：将显示分配给您的待评案卷（评查组共 ${panel.length} 人）。`}
        />
      )}
      {current && (
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }} data-testid="scoring-workspace">
          <QueueKeys
            onMove={(step) => {
              const next = adjacentFile(queue, selected, step);
              if (next === null) return false;
              setItemId(next);
              return true;
            }}
          />
          <Card
            size="small"
            title={`待评案卷（${queue.length}）`}
            style={{ width: 300, flex: 'none' }}
            styles={{ body: { padding: 0 } }}
          >
            <List
              data-testid="reviewer-queue"
              dataSource={queue}
              renderItem={(id) => {
                const f = fileOf.get(id);
                const st = statusOf(id);
                return (
                  <List.Item
                    onClick={() => setItemId(id)}
                    // Reachable by Tab; Enter opens the file (its sheet then takes the focus).
                    tabIndex={0}
                    role="button"
                    aria-label={`案卷 ${f?.caseNo ?? id}（${st}）`}
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      setItemId(id);
                    }}
                    style={{
                      cursor: 'pointer',
                      padding: '8px 12px',
                      background: id === selected ? '#eef4ff' : undefined,
                    }}
                    data-testid={`queue-${f?.caseNo ?? id}`}
                  >
                    <div style={{ minWidth: 0 }}>
                      <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        {f?.caseNo ?? id}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {f?.department} · {f?.caseType}
                      </Typography.Text>
                    </div>
                    <Space size={2}>
                      {calibration.has(id) && <Tag color="purple">校准</Tag>}
                      <Tag color={STATUS_COLOR[st]}>{st}</Tag>
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
          <div style={{ flex: 1, minWidth: 0 }}>
            {selected && coReviewerBlocked(selected) ? (
              <Alert
                type="warning"
                showIcon
                data-testid="blind-blocked"
                title={`背靠背评查：当前操作人员“${operatorName}”也评查这件案卷，在全部评查人员提交前，不能查看或填写${current.name}的评分表。`}
                description="如确需代为录入，请先在页面右上角“切换”为本人。"
              />
            ) : selected ? (
              <SheetPane
                key={`${current.id}|${selected}`}
                data={data}
                reviewer={{ id: current.id, name: current.name }}
                file={
                  fileOf.get(selected) ?? { itemId: selected, department: '', caseNo: selected, caseType: '' }
                }
                row={rows.get(selected)}
                final={statusOf(selected) === '已定稿'}
                storedStatus={
                  sheets.find((x) => x.id === sheetId(data.campaign.id, selected, current.id))?.status
                }
              />
            ) : (
              <Card>
                <Empty description="从左侧选择一件案卷开始评分" />
              </Card>
            )}
          </div>
        </div>
      )}
    </Space>
  );
}

/** The file `step` places after (or before) the current one in the queue; the first when none is open. */
export function adjacentFile(queue: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (queue.length === 0) return null;
  if (current === null) return queue[0]!;
  const i = queue.indexOf(current) + step;
  return i >= 0 && i < queue.length ? queue[i]! : null;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; revision: number }
  | { kind: 'error'; message: string };

/** Saves the newest sheet after the one in flight (never two writes at once, never out of order). */
function useAutosave(save: (s: ScoreSheet) => Promise<ScoreSheetRow>) {
  const pending = useRef<ScoreSheet | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pump = useCallback(async () => {
    while (pending.current) {
      const s = pending.current;
      pending.current = null;
      // No "saving" render here: the write must not queue behind a render (bench <= 50 ms).
      try {
        const row = await save(s);
        setState({ kind: 'saved', revision: row.revision });
      } catch (e) {
        setState({ kind: 'error', message: errorText(e) });
      }
    }
    running.current = null;
  }, [save]);
  const push = useCallback(
    (s: ScoreSheet) => {
      pending.current = s;
      running.current ??= pump();
    },
    [pump],
  );
  const flush = useCallback(async () => {
    while (running.current) await running.current;
  }, []);
  return { push, flush, state };
}

function SheetPane({
  data,
  reviewer,
  file,
  row,
  final,
  storedStatus,
}: {
  data: CampaignData;
  reviewer: { id: string; name: string };
  file: DrawnFile;
  row: CaseRow | undefined;
  final: boolean;
  /** The stored status of this reviewer's own sheet (a lead's unlock, a submission elsewhere). */
  storedStatus: ScoreSheetRow['status'] | undefined;
}) {
  const { message, modal } = App.useApp();
  const ledger = useLedgerFacts(file.caseNo, row);
  const [loaded, setLoaded] = useState<{
    standard: StandardRow;
    sheet: ScoreSheet;
    submitted: boolean;
  } | null>(null);
  const [error, setError] = useState('');
  const [activeDeduction, setActiveDeduction] = useState<DeductionRef | null>(null);
  const id = sheetId(data.campaign.id, file.itemId, reviewer.id);

  useEffect(() => {
    let cancelled = false;
    setError('');
    void (async () => {
      const { stored, standard } = await scoreStore.readSheetWithStandard(id, data.campaign, file.caseType);
      if (cancelled) return;
      if (!standard) {
        setError(`案件类型“${file.caseType || '未知'}”没有适用的评查标准，请先在“评查组与分配”中选择。`);
        return;
      }
      setLoaded({
        standard,
        sheet: stored?.sheet ?? emptySheet(standard),
        submitted: stored?.status === 'submitted',
      });
    })();
    return () => {
      cancelled = true;
    };
    // Loaded once per pane (the pane is keyed by reviewer and file); later changes are local first.
    // Again when the file's case type becomes known: right after a package is opened the case index
    // may not hold its rows yet.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, file.caseType]);

  // Reflect a lead's unlock / a submission made elsewhere.
  useEffect(() => {
    if (!loaded || !storedStatus) return;
    const submitted = storedStatus === 'submitted';
    if (submitted !== loaded.submitted) setLoaded({ ...loaded, submitted });
  }, [storedStatus, loaded]);

  const save = useCallback(
    (sheet: ScoreSheet) =>
      scoreStore.saveSheet({
        campaignId: data.campaign.id,
        itemId: file.itemId,
        reviewerId: reviewer.id,
        caseType: file.caseType,
        sheet,
        actor: reviewer.name,
      }),
    [data.campaign.id, file.itemId, file.caseType, reviewer.id, reviewer.name],
  );
  const autosave = useAutosave(save);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!loaded) return <Spin />;

  const onChange = (sheet: ScoreSheet) => {
    setLoaded({ ...loaded, sheet });
    autosave.push(sheet);
  };
  const declareNoProblems = async () => {
    await autosave.flush();
    const { standard } = loaded;
    const ok = await confirmAction(modal, {
      title: `案卷 ${file.caseNo}：确认未发现问题？`,
      okText: '确认未发现问题并提交',
      content: (
        <div data-testid="no-problems-summary">
          <p>
            本案卷将记为<b>未发现问题</b>，按满分 <b>{formatHalfPoints(standard.totalHalfPoints)}</b> 分、
            {standard.bands.at(-1)?.grade}提交，并记入操作留痕（{reviewer.name}）。
          </p>
          <p>提交后评分表锁定，不能再改；如需修改，须由组长解锁。</p>
        </div>
      ),
    });
    if (!ok) return;
    try {
      const row = await scoreStore.submitNoProblemsFound({
        campaignId: data.campaign.id,
        itemId: file.itemId,
        reviewerId: reviewer.id,
        caseType: file.caseType,
        actor: reviewer.name,
      });
      setLoaded({ ...loaded, sheet: row.sheet, submitted: true });
      message.success(`案卷 ${file.caseNo} 已按“未发现问题”提交`);
    } catch (e) {
      modal.error({
        title: '不能提交',
        content: <div style={{ whiteSpace: 'pre-wrap' }}>{errorText(e)}</div>,
      });
    }
  };
  const submit = async () => {
    // An empty sheet is submitted only as the explicit 未发现问题 finding.
    if (loaded.sheet.deductions.length === 0 && loaded.sheet.vetoes.length === 0) return declareNoProblems();
    await autosave.flush();
    const score = scoreCaseFile(loaded.standard, loaded.sheet);
    const ok = await confirmAction(modal, {
      title: `提交案卷 ${file.caseNo} 的评分表？`,
      okText: '确认提交',
      content: (
        <div data-testid="submit-summary">
          <p>
            合计 <b>{formatHalfPoints(score.totalHalfPoints)}</b> 分，{score.grade}；扣分{' '}
            {loaded.sheet.deductions.length} 处
            {score.vetoes.length > 0
              ? `；否决项：${score.vetoes.map((v) => v.text).join('、')}`
              : '；无否决项'}
            。
          </p>
          <p>提交后评分表锁定，不能再改；如需修改，须由组长解锁。</p>
        </div>
      ),
    });
    if (!ok) return;
    try {
      await scoreStore.submitSheet({
        campaignId: data.campaign.id,
        itemId: file.itemId,
        reviewerId: reviewer.id,
        actor: reviewer.name,
      });
      setLoaded({ ...loaded, submitted: true });
      message.success(`案卷 ${file.caseNo} 的评分表已提交`);
    } catch (e) {
      modal.error({
        title: '不能提交',
        content: <div style={{ whiteSpace: 'pre-wrap' }}>{errorText(e)}</div>,
      });
    }
  };
  const st = autosave.state;
  const saveState = (
    <Typography.Text type={st.kind === 'error' ? 'danger' : 'secondary'} data-testid="save-state">
      {st.kind === 'saving' && '正在保存…'}
      {st.kind === 'saved' && `已保存（第 ${st.revision} 次）`}
      {st.kind === 'error' && `未保存：${st.message}`}
      {st.kind === 'idle' && (loaded.submitted ? '已提交' : '每次修改自动保存')}
    </Typography.Text>
  );
  const pinned = activeDeduction
    ? loaded.sheet.deductions.find(
        (d) => d.itemId === activeDeduction.itemId && d.optionId === activeDeduction.optionId,
      )
    : undefined;
  const pinTarget =
    pinned && activeDeduction ? { ref: activeDeduction, label: pinned.problem || '当前扣分' } : null;
  const sheetCard = (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <ScoreSheetEditor
        standard={loaded.standard}
        value={loaded.sheet}
        onChange={onChange}
        readOnly={loaded.submitted || final}
        onSubmit={() => void submit()}
        onNoProblemsFound={() => void declareNoProblems()}
        saveState={saveState}
        onActiveChange={setActiveDeduction}
        header={
          <>
            <Descriptions size="small" column={3} bordered style={{ margin: 12 }} data-testid="case-header">
              <Descriptions.Item label="案件编号">{file.caseNo}</Descriptions.Item>
              <Descriptions.Item label="执法部门">{file.department}</Descriptions.Item>
              <Descriptions.Item label="案件类型">{file.caseType}</Descriptions.Item>
              <Descriptions.Item label="当事人">{row?.party || '—'}</Descriptions.Item>
              <Descriptions.Item label="立案日期">{row?.filedDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="结案日期">{row?.closedDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="案由" span={2}>
                {row?.cause || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="评查标准">
                {loaded.standard.name} 第 {loaded.standard.version} 版
              </Descriptions.Item>
            </Descriptions>
            <FlagHints
              campaignId={data.campaign.id}
              itemId={file.itemId}
              reviewer={reviewer}
              standard={loaded.standard}
              sheet={loaded.sheet}
              onChange={onChange}
              readOnly={loaded.submitted || final}
            />
          </>
        }
      />
    </Card>
  );
  return (
    <CaseFileBeside
      campaignId={data.campaign.id}
      itemId={file.itemId}
      actor={reviewer.name}
      ledger={ledger}
      sheet={loaded.sheet}
      pinTarget={pinTarget}
      onPin={
        loaded.submitted || final
          ? undefined
          : (ref, pin) => {
              const next = addPin(loaded.sheet, ref, pin);
              if (next) onChange(next);
            }
      }
    >
      {sheetCard}
    </CaseFileBeside>
  );
}
