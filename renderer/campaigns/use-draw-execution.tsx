import { useRef, useState } from 'react';
import { App } from 'antd';
import type { StratifyBy } from '@shared/draw/draw-record';
import { formatCount as fmt } from '@shared/util/number-format';
import { confirmAction } from '../ui/confirm';
import type { DrawProgress, DrawView } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import type { PurposiveChoice } from './purposive-planner';
import { groupDigits } from './seed';

/** Splits "王芳、赵强, 陈静" into names. */
export function parseWitnesses(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A draw as planned on the page, ready to execute. */
export interface DrawOrder {
  campaignId: string;
  total: number;
  by: StratifyBy;
  minimum: number;
  sparesPerStratum: number;
  strataCount: number;
  seed: string;
  operatorName: string;
  witnesses: string;
  purposive: PurposiveChoice;
}

/**
 * 执行抽取: asks first (the seed and plan lock for good), then runs the draw in the worker with progress and
 * its own cancel; a failed or cancelled draw leaves the store as it was and says so.
 */
export function useDrawExecution(onDrawn: (v: DrawView) => void) {
  const runner = useDrawRunner();
  const { message, modal } = App.useApp();
  const [progress, setProgress] = useState<DrawProgress | null>(null);
  const [running, setRunning] = useState(false);
  /** The running draw's own cancel. */
  const drawRun = useRef<AbortController | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function execute(order: DrawOrder) {
    const { total, minimum, sparesPerStratum, seed, purposive } = order;
    const operatorName = order.operatorName.trim();
    const confirmed = await confirmAction(modal, {
      title: '执行抽取？此步不可撤销',
      okText: '确认执行抽取',
      danger: true,
      content: (
        <div data-testid="draw-confirm">
          <p>
            按种子 <b style={{ whiteSpace: 'nowrap' }}>{groupDigits(seed)}</b> 抽取 <b>{fmt(total)}</b> 件（
            {order.strataCount} 个层，每层至少 {minimum} 件，每层备选 {sparesPerStratum} 件），操作人员“
            {operatorName}”。
          </p>
          <p>
            执行后种子和抽取方案即锁定，写入抽取记录和操作留痕，<b>不能更改，也不能重新抽取</b>
            ；此后只能按理由替换个别案卷或追加抽取。
          </p>
        </div>
      ),
    });
    if (!confirmed) return;
    setRunning(true);
    setError(null);
    drawRun.current = new AbortController();
    try {
      const view = await runner.execute(
        {
          campaignId: order.campaignId,
          plan: { total, stratifyBy: order.by, minimum, sparesPerStratum },
          seed,
          operator: operatorName,
          witnesses: parseWitnesses(order.witnesses),
          ...(purposive.on || purposive.named.length > 0
            ? {
                purposive: {
                  ruleIds: purposive.on ? purposive.ruleIds : [],
                  quota: purposive.on ? (purposive.quota ?? 0) : 0,
                  named: purposive.named.map((n) => ({ itemId: n.itemId, reason: n.reason })),
                },
              }
            : {}),
        },
        setProgress,
        drawRun.current.signal,
      );
      message.success(`抽取完成：抽中 ${view.drawn.length} 件，备选 ${view.spares.length} 件。种子已锁定。`);
      onDrawn(view);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  return { execute, running, progress, error, cancel: () => drawRun.current?.abort() };
}
