import { App } from 'antd';
import {
  applyDecision,
  batchConfirmClean,
  decisionConsequence,
  REVIEW_OUTCOME_LABELS,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewProposal,
} from '@shared/officers/annual-review';
import { officerStore } from '../../db/hooks/officers';
import { confirmAction } from '../../ui/confirm';
import { useOperator } from '../officers-context';

/**
 * The person's side of the annual review: 确认 one proposal, 改变 it with a reason, 撤回 a decision, or
 * 批量确认 the clean "通过" ones. Each asks first where it changes a certificate and reports in Chinese.
 */
export function useReviewDecisionActions(
  reviewId: string,
  proposals: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision>,
) {
  const { message, modal } = App.useApp();
  const operator = useOperator();

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

  /** 改变 (or 确认 with a remark) through the decision dialog; true once recorded. */
  function decideWith(p: ReviewProposal, outcome: ReviewOutcome, reason: string) {
    const d = applyDecision(p, outcome, reason, operator.label);
    return decide([d], `已记录${p.name}的年审结论“${REVIEW_OUTCOME_LABELS[outcome]}”`);
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

  return { confirmOne, decideWith, withdraw, batchConfirm };
}
