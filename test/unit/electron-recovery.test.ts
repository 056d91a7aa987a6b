// The desktop shell survives its renderer (Electron cannot run here: the handlers are pure, the window
// a port), and a desktop page without its preload bridge is an error screen, never the browser platform.
import { describe, expect, it, vi } from 'vitest';
import {
  CRASH_WINDOW_MS,
  createRendererRecovery,
  type MessageBoxOptions,
  type RecoveryWindowPort,
} from '../../electron/main/renderer-recovery';
import { choosePlatform, DesktopBridgeError, isDesktopShell } from '../../renderer/platform';
import { BRIDGE_METHODS } from '../../shared/ipc/contract';

function fakeWindow(answers: number[] = []) {
  let t = 1_000;
  const boxes: MessageBoxOptions[] = [];
  const port: RecoveryWindowPort & {
    boxes: MessageBoxOptions[];
    advance(ms: number): void;
    destroyed: boolean;
  } = {
    boxes,
    destroyed: false,
    isDestroyed: () => port.destroyed,
    reload: vi.fn(),
    showMessageBox: vi.fn(async (options: MessageBoxOptions) => {
      boxes.push(options);
      return { response: answers.shift() ?? options.defaultId };
    }),
    quit: vi.fn(),
    now: () => t,
    advance: (ms) => void (t += ms),
  };
  return port;
}

const HAN = /[\u4e00-\u9fa5]/;

describe('render-process-gone', () => {
  it('reloads the window and says, in Chinese, why and that nothing saved is lost', async () => {
    const win = fakeWindow();
    const recovery = createRendererRecovery(win);
    expect(await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 139 })).toBe('reloaded');
    expect(win.reload).toHaveBeenCalledTimes(1);
    const box = win.boxes[0]!;
    expect(box.message).toBe('评查台页面意外退出，已自动重新载入');
    expect(box.detail).toContain('原因：页面进程崩溃');
    expect(box.detail).toContain('已保存的数据都在本机数据库中，不会丢失');
    expect(box.detail).toContain('整体撤销');
    for (const text of [box.title, box.message, box.detail, ...box.buttons]) expect(text).toMatch(HAN);
    expect(box.detail).not.toMatch(/crashed|Error|exitCode/);
    await recovery.onRenderProcessGone({ reason: 'oom' });
    expect(win.boxes[1]!.detail).toContain('内存不足');
  });

  it('ignores a clean exit and a destroyed window', async () => {
    const win = fakeWindow();
    const recovery = createRendererRecovery(win);
    expect(await recovery.onRenderProcessGone({ reason: 'clean-exit' })).toBe('ignored');
    win.destroyed = true;
    expect(await recovery.onRenderProcessGone({ reason: 'crashed' })).toBe('ignored');
    expect(win.reload).not.toHaveBeenCalled();
    expect(win.boxes).toHaveLength(0);
  });

  it('stops a crash loop: after three reloads within a minute it asks; 退出 quits, 再试一次 reloads', async () => {
    const win = fakeWindow([1]);
    const recovery = createRendererRecovery(win);
    // Answers are consumed by the question only (the notices are not awaited for an answer).
    win.showMessageBox = vi.fn(async (options: MessageBoxOptions) => {
      win.boxes.push(options);
      return { response: options.buttons.length > 1 ? 1 : 0 };
    });
    for (let i = 0; i < 3; i++) {
      expect(await recovery.onRenderProcessGone({ reason: 'crashed' })).toBe('reloaded');
      win.advance(5_000);
    }
    expect(await recovery.onRenderProcessGone({ reason: 'crashed' })).toBe('quit');
    expect(win.reload).toHaveBeenCalledTimes(3);
    expect(win.quit).toHaveBeenCalledTimes(1);
    const question = win.boxes.at(-1)!;
    expect(question.message).toBe('评查台页面反复意外退出');
    expect(question.buttons).toEqual(['再试一次', '退出评查台']);

    const again = fakeWindow();
    const r2 = createRendererRecovery(again);
    again.showMessageBox = vi.fn(async () => ({ response: 0 }));
    for (let i = 0; i < 3; i++) await r2.onRenderProcessGone({ reason: 'killed' });
    expect(await r2.onRenderProcessGone({ reason: 'killed' })).toBe('reloaded');
    expect(again.reload).toHaveBeenCalledTimes(4);
    expect(again.quit).not.toHaveBeenCalled();
  });

  it('crashes far apart (by the monotonic clock) are each reloaded, never a loop', async () => {
    const win = fakeWindow();
    const recovery = createRendererRecovery(win);
    for (let i = 0; i < 6; i++) {
      expect(await recovery.onRenderProcessGone({ reason: 'crashed' })).toBe('reloaded');
      win.advance(CRASH_WINDOW_MS + 1);
    }
    expect(win.reload).toHaveBeenCalledTimes(6);
  });
});

describe('unresponsive', () => {
  it('asks: 继续等待 leaves the page alone, 重新载入 reloads; one question at a time', async () => {
    const win = fakeWindow([0, 1]);
    const recovery = createRendererRecovery(win);
    expect(await recovery.onUnresponsive()).toBe('waiting');
    expect(win.reload).not.toHaveBeenCalled();
    expect(win.boxes[0]!.message).toBe('评查台页面暂时没有响应');
    expect(win.boxes[0]!.buttons).toEqual(['继续等待', '重新载入']);
    expect(win.boxes[0]!.cancelId).toBe(0);
    const first = recovery.onUnresponsive();
    expect(await recovery.onUnresponsive()).toBe('ignored');
    expect(await first).toBe('reloaded');
    expect(win.reload).toHaveBeenCalledTimes(1);
    expect(win.boxes).toHaveLength(2);
  });
});

describe('a desktop page without its preload bridge', () => {
  const bridge = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, async () => undefined]));

  it('is an error with a Chinese message, never the browser platform', () => {
    for (const scope of [
      { location: { protocol: 'app:' } },
      { location: { protocol: 'http:' }, navigator: { userAgent: 'Mozilla/5.0 Chrome/140 Electron/45.5.0' } },
      // An incomplete bridge (an old or broken preload) counts as missing.
      { location: { protocol: 'app:' }, pingcha: { ...bridge, setBackupKeep: undefined } },
    ]) {
      expect(isDesktopShell(scope)).toBe(true);
      let error: unknown;
      try {
        choosePlatform(scope);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DesktopBridgeError);
      expect((error as Error).message).toContain('评查台桌面程序的组件（preload）没有正常加载');
    }
  });

  it('the desktop page with its bridge is the electron platform; a browser page the browser one', () => {
    expect(choosePlatform({ location: { protocol: 'app:' }, pingcha: bridge }).kind).toBe('electron');
    const web = { location: { protocol: 'http:' }, navigator: { userAgent: 'Mozilla/5.0 Chrome/140' } };
    expect(isDesktopShell(web)).toBe(false);
    // (Node has no document; the browser platform only keeps a reference to it.)
    vi.stubGlobal('document', {});
    try {
      expect(choosePlatform(web).kind).toBe('browser');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
