import { comparePinyin, sortPinyin } from '@shared/util/pinyin-sort';
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  applyDecision,
  batchConfirmClean,
  decisionConsequence,
  examPassIndex,
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  reviewStatistics,
  runAnnualReview,
  type EnforcementActRef,
  type ReviewContext,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewProposal,
} from '@shared/officers/annual-review';
import { examPassed } from '@shared/officers/exams';
import { yearlyTrainingHours } from '@shared/officers/training';
import { reviewResultsXlsx } from '@shared/officers/review-export';
import { isIsoDate } from '@shared/officers/dates';
import { VirtualTable, type VirtualColumn } from '../ui/virtual-table';
import { reviewIdFor } from '../db/officers-repository';
import { officerStore, useAnnualReview, useReviewDecisions } from '../db/hooks/officers';
import { useCampaigns } from '../db/hooks/campaigns';
import { letterStore, useDocumentNumber } from '../db/hooks/letters';
import { useCaseIndex } from '../ledgers/case-index-context';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import { buildReviewNotice, pendingReviewCount } from '@shared/officers/review-notice';
import { defaultLetterSettings } from '@shared/letters/letter-settings';
import { documentObjectId } from '../db/letters-repository';
import { DocumentNumberStatus } from '../letters/document-number-status';
import { useLetterSettings } from '../letters/use-letters';
import { todayIso, toReviewRules } from './officer-settings';
import { useOfficersSettings, useOperator } from './officers-context';
import { DepartmentFilter } from './registry';
import { formatDateTime } from '@shared/util/time-format';
import { confirmAction } from '../ui/confirm';
import { defaultReviewYear, REVIEW_YEAR_NOTE } from '@shared/review/campaign-year';

const OUTCOME_COLOR: Record<ReviewOutcome, string> = {
  pass: 'green',
  fail: 'red',
  suspend: 'orange',
  explain: 'gold',
};

function defaultReviewDate(year: number): string {
  const today = todayIso();
  return today > `${year}-12-31` ? today : `${year + 1}-01-01`;
}

export function ReviewTab() {
  const { message, modal } = App.useApp();
  const renderer = useDocumentRenderer();
  const { index, version } = useCaseIndex();
  const [settings] = useOfficersSettings();
  const operator = useOperator();
  const [letterSettings] = useLetterSettings();
  // 年度 and 年审日期 follow the data until the user picks them: the latest campaign's year.
  const campaigns = useCampaigns();
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? defaultReviewYear(campaigns ?? [], new Date());
  const [chosenDate, setReviewDate] = useState<string | null>(null);
  const reviewDate = chosenDate ?? defaultReviewDate(year);
  const [useLedgerActs, setUseLedgerActs] = useState(false);
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const [outcomeFilter, setOutcomeFilter] = useState<ReviewOutcome[]>([]);
  const [deptFilter, setDeptFilter] = useState<string[]>([]);
  const [onlyUndecided, setOnlyUndecided] = useState(false);
  const [deciding, setDeciding] = useState<ReviewProposal | null>(null);
  const [withdrawing, setWithdrawing] = useState<ReviewProposal | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const reviewId = reviewIdFor(year);
  const review = useAnnualReview(reviewId);
  const decisionList = useReviewDecisions(reviewId);
  // Once the year's 年审通知 holds a number, its decisions can no longer be withdrawn.
  const noticeNumber = useDocumentNumber('notice', documentObjectId('notice', String(year)));
  const decisions = useMemo(
    () => new Map<string, ReviewDecision>((decisionList ?? []).map((d) => [d.officerId, d])),
    [decisionList],
  );
  const proposals = useMemo(() => review?.proposals ?? [], [review]);
  const stats = useMemo(() => reviewStatistics(proposals, decisions), [proposals, decisions]);
  const departments = useMemo(() => sortPinyin(new Set(proposals.map((p) => p.department))), [proposals]);
  const rows = useMemo(
    () =>
      proposals
        .filter(
          (p) =>
            (outcomeFilter.length === 0 || outcomeFilter.includes(p.outcome)) &&
            (deptFilter.length === 0 || deptFilter.includes(p.department)) &&
            (!onlyUndecided || !decisions.has(p.officerId)),
        )
        // Proposals needing a person first, then by department and certificate.
        .sort(
          (a, b) =>
            Number(a.outcome === 'pass') - Number(b.outcome === 'pass') ||
            comparePinyin(a.department, b.department) ||
            a.certificateNo.localeCompare(b.certificateNo, 'en'),
        ),
    [proposals, outcomeFilter, deptFilter, onlyUndecided, decisions],
  );

  /** The handling officers of a case file, from its ledger row (承办人 / 执法证号). */
  const handlersLookup = useMemo(() => {
    return (itemId: string) => {
      const i = index.indexOfItemId(itemId);
      if (i < 0) return null;
      const r = index.row(i);
      return { officer: r.officer, certNo: r.certNo };
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
  }, [index, version]);

  async function run() {
    if (!isIsoDate(reviewDate)) {
      message.error('年审日期格式应为 YYYY-MM-DD');
      return;
    }
    setRunning(true);
    try {
      const t0 = performance.now();
      const { officers, sessions, attendance, sittings, candidates } =
        await officerStore.annualReviewInputs(year);
      const yearSittings = new Map(
        sittings.filter((s) => s.date?.startsWith(`${year}-`)).map((s) => [s.id, s]),
      );
      const yearCandidates = candidates.filter((c) => yearSittings.has(c.sittingId));
      const context: ReviewContext = {
        year,
        reviewDate,
        trainingHours: sessions.length > 0 ? yearlyTrainingHours(sessions, attendance, year) : undefined,
        examPassed:
          yearCandidates.length > 0
            ? examPassIndex(
                yearCandidates.map((c) => ({
                  idNumber: c.idNumber,
                  passed: examPassed(c, yearSittings.get(c.sittingId)?.passMark ?? settings.passMark),
                })),
              )
            : undefined,
        caseFileGrades: await officerStore.campaignGradesForYear(year, handlersLookup),
        enforcementActs: useLedgerActs && index.size > 0 ? ledgerActs() : undefined,
      };
      // A registry without a last-act date knows nothing about acts: say "not evaluated", not "none".
      const input = officers.map((o) =>
        o.lastEnforcementActDate === null ? { ...o, lastEnforcementActDate: undefined } : o,
      );
      const result = runAnnualReview(input, context, toReviewRules(settings));
      await officerStore.saveReviewRun(result, operator.label);
      setElapsed(performance.now() - t0);
      message.success(`${year}年度年审规则已运行：参审 ${result.proposals.length} 个证件`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  }

  function ledgerActs(): EnforcementActRef[] {
    const acts: EnforcementActRef[] = [];
    // read row by row from the index's buffers: no whole column of strings kept afterwards
    const officers = index.textColumn('officer');
    const certs = index.textColumn('certNo');
    const closed = index.textColumn('closedDate');
    const filed = index.textColumn('filedDate');
    for (let i = 0; i < index.size; i++) {
      const date = closed.at(i) ?? filed.at(i);
      const officer = officers.text(i);
      const cert = certs.text(i);
      if (!date || (!officer && !cert)) continue;
      acts.push({
        officerName: officer,
        certNo: cert || undefined,
        department: index.departmentAt(i),
        date,
      });
    }
    return acts;
  }

  async function decide(list: ReviewDecision[], done: string) {
    try {
      const r = await officerStore.recordReviewDecisions(reviewId, list, operator.label);
      message.success(`${done}${r.statusChanged ? `，变更证件状态 ${r.statusChanged} 个` : ''}`);
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  /** 确认 of one proposal as it stands: asks first, naming what it does to the certificate. */
  async function confirmOne(p: ReviewProposal) {
    const consequence = decisionConsequence(p.outcome);
    const ok = await confirmAction(modal, {
      title: `确认${p.name}的年审结论“${REVIEW_OUTCOME_LABELS[p.outcome]}”？`,
      okText: `确认“${REVIEW_OUTCOME_LABELS[p.outcome]}”`,
      danger: consequence.changesStatus,
      content: (
        <div data-testid="decision-confirm">
          <p>
            {p.name}（{p.department}，{p.certificateNo}）：{consequence.text}
          </p>
          <p>决定记入操作留痕。</p>
        </div>
      ),
    });
    if (!ok) return;
    await decide([applyDecision(p, p.outcome, '', operator.label)], `已确认${p.name}的年审结论`);
  }

  async function withdraw(p: ReviewProposal, reason: string) {
    try {
      const r = await officerStore.withdrawReviewDecision({
        reviewId,
        officerId: p.officerId,
        reason,
        actor: operator.label,
      });
      message.success(`已撤回${p.name}的年审结论${r.restored ? '，证件状态已恢复' : ''}`);
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  async function batchConfirm() {
    const undecided = proposals.filter((p) => !decisions.has(p.officerId));
    const { decisions: clean, needsAttention } = batchConfirmClean(undecided, operator.label);
    if (clean.length === 0) {
      message.info(`没有可批量确认的建议；还有 ${needsAttention.length} 份需要逐一审核`);
      return;
    }
    const nameOf = new Map(undecided.map((p) => [p.officerId, `${p.name}（${p.department}）`]));
    const names = clean.map((d) => nameOf.get(d.officerId) ?? d.officerId);
    const ok = await confirmAction(modal, {
      title: `批量确认 ${clean.length} 份“通过”建议？`,
      okText: `确认 ${clean.length} 份`,
      content: (
        <div data-testid="batch-confirm-summary">
          <p>
            将对以下 {clean.length} 名人员作出“审验通过”决定（规则建议通过且无任何提示的人员）：
            {names.slice(0, 10).join('、')}
            {names.length > 10 ? ` 等 ${clean.length} 人` : ''}。
          </p>
          <p>
            决定记入操作留痕；年审通知定稿印发前可逐一撤回（须写明理由），印发后不能撤回。另有{' '}
            {needsAttention.length} 份需要逐一审核，不在此次确认之内。
          </p>
        </div>
      ),
    });
    if (!ok) return;
    await decide(
      clean,
      `已批量确认 ${clean.length} 份无异常的“通过”建议；还有 ${needsAttention.length} 份需要逐一审核`,
    );
  }

  async function save(kind: 'xlsx' | 'docx' | 'pdf') {
    setBusy(kind);
    try {
      let bytes: Uint8Array;
      let name: string;
      if (kind === 'xlsx') {
        bytes = reviewResultsXlsx(year, proposals, decisions);
        name = `${year}年度证件年审结果.xlsx`;
      } else {
        // While conclusions are still unconfirmed the notice can only go out as a 草稿 (watermarked, no number);
        // the final notice takes its 发文字号 from the register (logged; exported again, it keeps it).
        const pending = pendingReviewCount(proposals, decisions);
        const date = todayIso();
        if (pending === 0 && letterSettings && !noticeNumber) {
          const ok = await confirmAction(modal, {
            title: `定稿${year}年度年审通知并取文号？`,
            okText: '定稿并取文号',
            danger: true,
            content: (
              <div data-testid="notice-number-confirm">
                <p>
                  将从文号登记簿为通知取下一个文号（“{letterSettings.noticePrefix}
                  ”），记入操作留痕。文号一经取用不能收回，只能作废。
                </p>
                <p>定稿后，本年度的年审结论不能再撤回；如需更正，须先作废该文号。</p>
              </div>
            ),
          });
          if (!ok) return;
        }
        const docNumber =
          pending > 0 || !letterSettings
            ? undefined
            : (
                await letterStore.allocateDocumentNumber({
                  docType: 'notice',
                  objectId: documentObjectId('notice', String(year)),
                  prefix: letterSettings.noticePrefix,
                  issueDate: date,
                  actor: operator.label,
                  label: `${year}年度行政执法证件年审结果通知`,
                })
              ).docNumber;
        const doc = buildReviewNotice(proposals, decisions, {
          year,
          // The 发文机关 of 设置 issues it, whoever is at the keyboard (the operator's 单位 is not the issuer).
          issuer: (letterSettings ?? defaultLetterSettings()).issuer,
          basis: letterSettings?.reviewNoticeBasis ?? '',
          date,
          draft: pending > 0,
          ...(docNumber ? { docNumber } : {}),
          copyTo: letterSettings?.copyTo ?? '',
          printer: letterSettings?.printer ?? '',
          contact: letterSettings?.contact ?? '',
        });
        if (pending > 0)
          message.warning(
            `还有 ${pending} 个证件的年审结论未确认：导出的是草稿（每页带“草稿”水印），未计入这些证件。`,
          );
        bytes = await renderer.render(doc, kind);
        name = `${year}年度行政执法证件年审结果通知.${kind}`;
      }
      const filters = { xlsx: 'Excel 工作簿', docx: 'Word 文档', pdf: 'PDF 文件' };
      if (
        await getPlatform().saveFile({
          suggestedName: name,
          bytes,
          filters: [{ name: filters[kind], extensions: [kind] }],
        })
      )
        message.success(`已导出“${name}”`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  const columns: VirtualColumn[] = [
    { key: 'no', title: '序号', width: 60, minWidth: 44, align: 'right', render: (r) => r + 1 },
    { key: 'name', title: '姓名', width: 84, minWidth: 64, render: (r) => rows[r]!.name },
    { key: 'dept', title: '执法部门', width: 190, minWidth: 120, render: (r) => rows[r]!.department },
    { key: 'cert', title: '执法证号', width: 156, render: (r) => rows[r]!.certificateNo },
    {
      key: 'outcome',
      title: '审核建议',
      width: 140,
      minWidth: 96,
      render: (r) => (
        <Tag color={OUTCOME_COLOR[rows[r]!.outcome]}>{REVIEW_OUTCOME_LABELS[rows[r]!.outcome]}</Tag>
      ),
    },
    {
      key: 'reasons',
      title: '理由与提示',
      width: 250,
      minWidth: 120,
      render: (r) => {
        const p = rows[r]!;
        const all = [...p.reasons, ...p.notes];
        return all.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Tooltip title={all.map((x) => `${x.label}：${x.message}`).join('；')}>
            <span>{all.map((x) => x.label).join('、')}</span>
          </Tooltip>
        );
      },
    },
    {
      key: 'decided',
      title: '审核结论',
      width: 170,
      minWidth: 150,
      render: (r) => {
        const d = decisions.get(rows[r]!.officerId);
        if (!d) return <Typography.Text type="secondary">待审核</Typography.Text>;
        return (
          <Tooltip title={d.overridden ? `改变建议的理由：${d.reason}` : `${d.by} 确认`}>
            <Tag color={OUTCOME_COLOR[d.decided]}>{REVIEW_OUTCOME_LABELS[d.decided]}</Tag>
            {d.overridden && <Tag>已改变建议</Tag>}
          </Tooltip>
        );
      },
    },
    {
      key: 'act',
      title: '操作',
      width: 150,
      render: (r) => {
        const p = rows[r]!;
        if (decisions.has(p.officerId))
          return noticeNumber ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              通知已印发
            </Typography.Text>
          ) : (
            <Button
              size="small"
              onClick={() => setWithdrawing(p)}
              data-testid={`withdraw-${p.certificateNo}`}
            >
              撤回…
            </Button>
          );
        return (
          <Space size={4}>
            <Button
              size="small"
              onClick={() => void confirmOne(p)}
              data-testid={`confirm-${p.certificateNo}`}
            >
              确认
            </Button>
            <Button size="small" onClick={() => setDeciding(p)} data-testid={`override-${p.certificateNo}`}>
              改变…
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title="证件年审">
        <Space wrap>
          年审年度：
          <InputNumber
            aria-label="年审年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => {
              if (!v) return;
              setYear(v);
              setReviewDate(null);
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {REVIEW_YEAR_NOTE}
          </Typography.Text>
          年审日期：
          <Input
            aria-label="年审日期"
            value={reviewDate}
            onChange={(e) => setReviewDate(e.target.value.trim())}
            style={{ width: 130 }}
          />
          <Tooltip title="以执法台账中的案件（承办人、执法证号、结案日期）作为执法记录，核查连续两年无执法行为。台账应覆盖全部部门，否则未导入台账的部门人员都会被提示。">
            <Checkbox
              checked={useLedgerActs}
              onChange={(e) => setUseLedgerActs(e.target.checked)}
              disabled={index.size === 0}
            >
              以执法台账核查执法行为
            </Checkbox>
          </Tooltip>
          <Button type="primary" loading={running} onClick={() => void run()}>
            {review ? '重新运行年审规则' : '运行年审规则'}
          </Button>
          {elapsed !== null && (
            <Typography.Text type="secondary" data-testid="review-elapsed">
              用时 {Math.round(elapsed)} 毫秒
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
      {review && review.notEvaluated.length > 0 && (
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
      )}
      {review && (
        <Card size="small" title="审验统计" data-testid="review-stats">
          <Row gutter={16}>
            {(
              [
                ['参审', stats.reviewed],
                ['通过', stats.passed],
                ['不通过（收回注销）', stats.failed],
                ['暂扣', stats.suspended],
                ['需书面说明', stats.needsExplanation],
                ['改变建议', stats.overridden],
                ['待审核', stats.undecided],
              ] as const
            ).map(([t, v]) => (
              <Col key={t} flex="1">
                <Statistic title={t} value={v} />
              </Col>
            ))}
          </Row>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="department"
            pagination={{ pageSize: 8, showSizeChanger: false }}
            dataSource={stats.byDepartment}
            columns={[
              { title: '执法部门', dataIndex: 'department' },
              { title: '参审', dataIndex: 'reviewed', align: 'right' },
              { title: '通过', dataIndex: 'passed', align: 'right' },
              { title: '不通过', dataIndex: 'failed', align: 'right' },
              { title: '暂扣', dataIndex: 'suspended', align: 'right' },
              { title: '需说明', dataIndex: 'needsExplanation', align: 'right' },
            ]}
          />
        </Card>
      )}
      {review && (
        <Card
          size="small"
          title={`审核建议（${rows.length} / ${proposals.length}）`}
          extra={
            <Space wrap>
              <Button onClick={() => void batchConfirm()} data-testid="batch-confirm">
                批量确认无异常的“通过”
              </Button>
              <Button loading={busy === 'xlsx'} onClick={() => void save('xlsx')}>
                导出结果 XLSX
              </Button>
              <Button loading={busy === 'docx'} onClick={() => void save('docx')}>
                年审通知 DOCX
              </Button>
              <Button loading={busy === 'pdf'} onClick={() => void save('pdf')}>
                年审通知 PDF
              </Button>
              <DocumentNumberStatus
                docType="notice"
                objectId={documentObjectId('notice', String(year))}
                label={`${year}年度行政执法证件年审结果通知`}
              />
            </Space>
          }
        >
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              mode="multiple"
              allowClear
              aria-label="按建议筛选"
              placeholder="审核建议"
              style={{ minWidth: 180 }}
              value={outcomeFilter}
              onChange={setOutcomeFilter}
              options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: REVIEW_OUTCOME_LABELS[o] }))}
            />
            <DepartmentFilter departments={departments} value={deptFilter} onChange={setDeptFilter} />
            <Checkbox checked={onlyUndecided} onChange={(e) => setOnlyUndecided(e.target.checked)}>
              只看待审核
            </Checkbox>
          </Space>
          <VirtualTable
            ariaLabel="年审建议"
            columns={columns}
            rowCount={rows.length}
            height={460}
            onOpenRow={(r) => !decisions.has(rows[r]!.officerId) && setDeciding(rows[r]!)}
          />
        </Card>
      )}
      {withdrawing && (
        <WithdrawModal
          proposal={withdrawing}
          decided={decisions.get(withdrawing.officerId)?.decided ?? withdrawing.outcome}
          onCancel={() => setWithdrawing(null)}
          onWithdraw={async (reason) => {
            if (await withdraw(withdrawing, reason)) setWithdrawing(null);
          }}
        />
      )}
      {deciding && (
        <DecisionModal
          proposal={deciding}
          onCancel={() => setDeciding(null)}
          onDecide={async (outcome, reason) => {
            const d = applyDecision(deciding, outcome, reason, operator.label);
            const ok = await decide(
              [d],
              `已记录${deciding.name}的年审结论“${REVIEW_OUTCOME_LABELS[outcome]}”`,
            );
            if (ok) setDeciding(null);
          }}
        />
      )}
    </Space>
  );
}

function DecisionModal(props: {
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
function WithdrawModal(props: {
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
