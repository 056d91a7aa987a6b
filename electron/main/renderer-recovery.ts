// The desktop shell survives its renderer. A renderer that crashed or was killed is reloaded with a
// Chinese message (everything saved is in IndexedDB; an import or restore cut short is rolled back
// whole, as the store never keeps half of one). A renderer that stops responding gets a choice:
// wait, or reload. Crashes in a row within a minute stop the reloading (no crash loop) and say so.
// Free of Electron: the window is a port, so Node tests drive every branch.

export interface RenderProcessGoneDetails {
  /** Electron's reason: 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | … */
  reason: string;
  exitCode?: number;
}

export interface MessageBoxOptions {
  type: 'warning' | 'error' | 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

export interface RecoveryWindowPort {
  isDestroyed(): boolean;
  reload(): void;
  /** Resolves with the index of the button clicked. */
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  quit(): void;
  /** A monotonic clock in milliseconds (never the wall clock). */
  now(): number;
  log?(message: string, details?: unknown): void;
}

/** Reloads allowed within CRASH_WINDOW_MS before the shell stops and asks. */
export const MAX_RELOADS_IN_WINDOW = 3;
export const CRASH_WINDOW_MS = 60_000;

const REASONS: Record<string, string> = {
  crashed: '页面进程崩溃',
  'abnormal-exit': '页面进程异常退出',
  killed: '页面进程被系统或其他程序结束',
  oom: '内存不足',
  'launch-failed': '页面进程无法启动',
  'integrity-failure': '程序文件完整性校验失败',
};

export function reasonText(reason: string): string {
  return REASONS[reason] ?? `页面进程退出（${reason}）`;
}

const SAVED =
  '已保存的数据都在本机数据库中，不会丢失；正在进行的导入、恢复或批量操作如未完成，会整体撤销（数据库保持操作前的状态），请重新操作。';

export interface RendererRecovery {
  onRenderProcessGone(
    details: RenderProcessGoneDetails,
  ): Promise<'ignored' | 'reloaded' | 'stopped' | 'quit'>;
  onUnresponsive(): Promise<'waiting' | 'reloaded' | 'ignored'>;
}

export function createRendererRecovery(port: RecoveryWindowPort): RendererRecovery {
  const reloads: number[] = [];
  let asking = false;

  return {
    async onRenderProcessGone(details) {
      port.log?.('renderer process gone', details);
      // A clean exit is the window closing, and a destroyed window has nothing to reload.
      if (details.reason === 'clean-exit' || port.isDestroyed()) return 'ignored';
      const t = port.now();
      while (reloads.length && t - reloads[0]! > CRASH_WINDOW_MS) reloads.shift();
      if (reloads.length >= MAX_RELOADS_IN_WINDOW) {
        const { response } = await port.showMessageBox({
          type: 'error',
          title: '评查台',
          message: '评查台页面反复意外退出',
          detail: `原因：${reasonText(details.reason)}。一分钟内已自动重新载入 ${reloads.length} 次，仍然退出，已停止自动重新载入。${SAVED}建议关闭后重新打开评查台；如仍出现，请检查磁盘空间和内存，或联系技术支持。`,
          buttons: ['再试一次', '退出评查台'],
          defaultId: 0,
          cancelId: 1,
          noLink: true,
        });
        if (response === 1) {
          port.quit();
          return 'quit';
        }
        reloads.length = 0;
        if (port.isDestroyed()) return 'stopped';
        reloads.push(port.now());
        port.reload();
        return 'reloaded';
      }
      reloads.push(t);
      port.reload();
      // Said after the reload has started: the message never holds the window blank.
      void port
        .showMessageBox({
          type: 'warning',
          title: '评查台',
          message: '评查台页面意外退出，已自动重新载入',
          detail: `原因：${reasonText(details.reason)}。${SAVED}`,
          buttons: ['知道了'],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        })
        .catch(() => undefined);
      return 'reloaded';
    },

    async onUnresponsive() {
      if (asking || port.isDestroyed()) return 'ignored';
      asking = true;
      try {
        const { response } = await port.showMessageBox({
          type: 'warning',
          title: '评查台',
          message: '评查台页面暂时没有响应',
          detail: `可能正在处理大量数据，可以继续等待；也可以重新载入页面。${SAVED}`,
          buttons: ['继续等待', '重新载入'],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        });
        if (response !== 1) return 'waiting';
        if (port.isDestroyed()) return 'ignored';
        // Even if it responds again while the question is open, a reload is what the user asked for.
        port.reload();
        return 'reloaded';
      } finally {
        asking = false;
      }
    },
  };
}
