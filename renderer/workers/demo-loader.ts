// The one user action "载入示例数据": the demo ledgers (through the importer, in its Worker), then the
// demo campaign and officers (buildDemoCampaign). Its state lives here, outside the components, so the
// progress survives leaving the settings page and the banner waits until the demo is complete.
import { useSyncExternalStore } from 'react';
import type { PingchaDatabase } from '../db/database';
import { cancelledError, isCancelled } from '@shared/util/cancel';
import type { LedgerImporter } from './ledger-import-protocol';
import { onStore } from '../db/hooks/on-store';
import { DEMO_CANCELLED_MESSAGE, buildDemoCampaign, type DemoCampaignSummary } from './demo-campaign';
import { removeDemoData } from '../db/demo-repository';

export interface DemoLoadState {
  running: boolean;
  /** 0..100 */
  percent: number;
  text: string;
}

const IDLE: DemoLoadState = { running: false, percent: 0, text: '' };
let state: DemoLoadState = IDLE;
/** The running load's own cancel: the importer's step and the campaign build both see it. */
let running = new AbortController();

/** Stops a running load; what was already written is removed (the store is as before). */
export function cancelDemoLoad(): void {
  running.abort();
}
const listeners = new Set<() => void>();

function set(next: DemoLoadState): void {
  state = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDemoLoadState(): DemoLoadState {
  return useSyncExternalStore(subscribe, () => state);
}

export interface DemoLoadResult {
  cases: number;
  campaign: DemoCampaignSummary;
}

// The ledgers take the first 40% of the bar, the campaign and officers the rest.
const LEDGER_SHARE = 40;

/**
 * Loads the whole demo; the importer is disposed afterwards. Throws with a Chinese message (a
 * cancellation, an AbortError, after cancelDemoLoad); on any failure the demo records written so far are removed.
 */
export async function loadDemoData(db: PingchaDatabase, importer: LedgerImporter): Promise<DemoLoadResult> {
  if (state.running) throw new Error('示例数据正在载入，请稍候。');
  set({ running: true, percent: 0, text: '正在导入示例台账' });
  running = new AbortController();
  const run = running.signal;
  try {
    const cases = await importer.loadDemo(
      (p) =>
        set({
          running: true,
          percent: p.total ? Math.floor((LEDGER_SHARE * p.done) / p.total) : 0,
          text: `正在导入示例台账（${p.done}/${p.total}）`,
        }),
      run,
    );
    const campaign = await buildDemoCampaign(db, {
      signal: run,
      onProgress: (p) =>
        set({
          running: true,
          percent: LEDGER_SHARE + Math.floor(((100 - LEDGER_SHARE) * p.done) / p.total),
          text: p.text,
        }),
    });
    return { cases, campaign };
  } catch (e) {
    // Half a demo helps nobody: take back what was written (demo-marked records only).
    const cancelled = run.aborted || isCancelled(e);
    set({ running: true, percent: 100, text: '正在撤销已写入的示例数据' });
    await removeDemoData(db).catch(() => undefined);
    if (cancelled) throw cancelledError(DEMO_CANCELLED_MESSAGE);
    throw new Error(
      `示例数据载入失败，已撤销已写入的示例数据：${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    importer.dispose();
    set(IDLE);
  }
}

/** Loading the demo into the app's own store: what the 示例数据 card and the welcome page call. */
export const appDemo = onStore({ loadDemoData });
