import { useMemo, useState } from 'react';
import { Space } from 'antd';
import { reviewStatistics, type ReviewDecision, type ReviewProposal } from '@shared/officers/annual-review';
import { defaultReviewYear } from '@shared/review/campaign-year';
import { reviewIdFor } from '../db/officers-repository';
import { useAnnualReview, useReviewDecisions } from '../db/hooks/officers';
import { useCampaigns } from '../db/hooks/campaigns';
import { useDocumentNumber } from '../db/hooks/letters';
import { documentObjectId } from '../db/letters-repository';
import { todayIso } from './officer-settings';
import { DecisionModal, WithdrawModal } from './review/review-decision-modals';
import { ReviewProposalsCard } from './review/review-proposals-card';
import { NotEvaluatedAlert, ReviewRunCard } from './review/review-run-card';
import { ReviewStatsCard } from './review/review-stats-card';
import { useAnnualReviewRun } from './review/use-annual-review-run';
import { useReviewDecisionActions } from './review/use-review-decision-actions';
import { useReviewExport } from './review/use-review-export';

function defaultReviewDate(year: number): string {
  const today = todayIso();
  return today > `${year}-12-31` ? today : `${year + 1}-01-01`;
}

/** 证件年审: run the rules for a year, decide each proposal, export the results and the 年审通知. */
export function ReviewTab() {
  // 年度 and 年审日期 follow the data until the user picks them: the latest campaign's year.
  const campaigns = useCampaigns();
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? defaultReviewYear(campaigns ?? [], new Date());
  const [chosenDate, setReviewDate] = useState<string | null>(null);
  const reviewDate = chosenDate ?? defaultReviewDate(year);
  const [useLedgerActs, setUseLedgerActs] = useState(false);
  const [deciding, setDeciding] = useState<ReviewProposal | null>(null);
  const [withdrawing, setWithdrawing] = useState<ReviewProposal | null>(null);
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
  const runner = useAnnualReviewRun(year, reviewDate, useLedgerActs);
  const actions = useReviewDecisionActions(reviewId, proposals, decisions);
  const exporter = useReviewExport(year, proposals, decisions, noticeNumber);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <ReviewRunCard
        year={year}
        onYear={(v) => {
          setYear(v);
          setReviewDate(null);
        }}
        reviewDate={reviewDate}
        onReviewDate={setReviewDate}
        useLedgerActs={useLedgerActs}
        onUseLedgerActs={setUseLedgerActs}
        ledgerEmpty={runner.ledgerEmpty}
        running={runner.running}
        elapsed={runner.elapsed}
        onRun={() => void runner.run()}
        review={review}
      />
      {review && <NotEvaluatedAlert review={review} />}
      {review && <ReviewStatsCard stats={stats} />}
      {review && (
        <ReviewProposalsCard
          year={year}
          proposals={proposals}
          decisions={decisions}
          noticeIssued={!!noticeNumber}
          onBatchConfirm={() => void actions.batchConfirm()}
          busy={exporter.busy}
          onSave={(kind) => void exporter.save(kind)}
          onConfirm={(p) => void actions.confirmOne(p)}
          onOverride={setDeciding}
          onWithdraw={setWithdrawing}
        />
      )}
      {withdrawing && (
        <WithdrawModal
          proposal={withdrawing}
          decided={decisions.get(withdrawing.officerId)?.decided ?? withdrawing.outcome}
          onCancel={() => setWithdrawing(null)}
          onWithdraw={async (reason) => {
            if (await actions.withdraw(withdrawing, reason)) setWithdrawing(null);
          }}
        />
      )}
      {deciding && (
        <DecisionModal
          proposal={deciding}
          onCancel={() => setDeciding(null)}
          onDecide={async (outcome, reason) => {
            if (await actions.decideWith(deciding, outcome, reason)) setDeciding(null);
          }}
        />
      )}
    </Space>
  );
}
