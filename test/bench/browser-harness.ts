// Starts the production web build (vite preview) and Debian's Chromium for in-browser benchmarks.
// Every Chromium bench uses this; BENCH_PORT / BENCH_OUT move the server and build folder so several
// checkouts (or agents) can measure side by side, BENCH_SKIP_BUILD=1 reuses an existing build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PreviewOptions {
  /** Default port of this bench (BENCH_PORT wins). */
  port?: number;
  /** Default build folder of this bench (BENCH_OUT wins). */
  outDir?: string;
}

export interface Preview {
  url: string;
  stop(): void;
}

/** Builds the renderer (unless BENCH_SKIP_BUILD) and serves it with vite preview; resolves when it answers. */
export async function startPreview(opts: PreviewOptions = {}): Promise<Preview> {
  const port = Number(process.env.BENCH_PORT ?? opts.port ?? 5185);
  const outDir = process.env.BENCH_OUT ?? opts.outDir ?? join(tmpdir(), `pingcha-bench-build-${port}`);
  if (!process.env.BENCH_SKIP_BUILD) {
    const b = spawnSync(
      'npx',
      ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn', '--outDir', outDir],
      {
        stdio: 'inherit',
      },
    );
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const server: ChildProcess = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--config',
      'vite.config.ts',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop() {
      if (server.pid) {
        try {
          process.kill(-server.pid);
        } catch {
          // already gone
        }
      }
    },
  };
}

/**
 * Chromium for the benches. Every page of every context answers the app's first question (who is
 * at the keyboard) as a clerk would, so a bench measures the work, not a dialog; a backup is a download.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    context.on('page', (page) => void answerOperatorDialog(page));
    // Headless Chromium aborts the save dialog (showSaveFilePicker) at once: pages save as downloads.
    await context.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    return context;
  };
  return browser;
}

export async function answerOperatorDialog(page: Page, name = '基准测试员'): Promise<void> {
  await page.addLocatorHandler(page.getByRole('dialog', { name: '请先填写当前操作人员' }), async (dialog) => {
    // The dialog may close by itself meanwhile (a name saved in 设置 or another window): then there is
    // nothing to answer.
    try {
      await dialog.getByLabel('姓名').fill(name, { timeout: 5_000 });
      await dialog.getByRole('button', { name: '开始使用' }).click({ timeout: 5_000 });
    } catch {
      if (await dialog.isVisible()) throw new Error('操作人员对话框未能关闭');
    }
  });
}

export interface BrowserBench {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

/** Preview server + Chromium + one page; null (with the reason printed) when there is no Chromium. */
export async function startBrowserBench(opts: PreviewOptions = {}): Promise<BrowserBench | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return null;
  }
  const preview = await startPreview(opts);
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return {
    browser,
    page,
    url: preview.url,
    async close() {
      await browser.close();
      preview.stop();
    },
  };
}

/** Installs a long-task observer in the page; read it back with readLongTasks(). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

export async function readLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/**
 * Issue 23: the figures are taken with the log signed, as the app always signs (the web build makes
 * the office key at its first start and signs each committed write's head). Prints what the page's
 * log shows after the run: entries, signed heads, and whether the last entry is signed.
 */
export async function printLogSigning(page: Page): Promise<void> {
  const r = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const o = indexedDB.open('pingcha');
      o.onsuccess = () => res(o.result);
      o.onerror = () => rej(o.error);
    });
    const rows = await new Promise<{ signature?: unknown }[]>((res, rej) => {
      const q = db.transaction('auditLog').objectStore('auditLog').getAll();
      q.onsuccess = () => res(q.result as { signature?: unknown }[]);
      q.onerror = () => rej(q.error);
    });
    db.close();
    return {
      entries: rows.length,
      signed: rows.filter((e) => e.signature).length,
      last: !!rows.at(-1)?.signature,
    };
  });
  console.log(
    `  (log signing on: ${r.entries} entries, ${r.signed} signed heads, last entry ${r.last ? 'signed' : 'NOT signed'})`,
  );
}

/** This bench's processes: every process under this one (the browser and its children among them). */
export function ourPids(): Set<number> {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent)
      if (!ours.has(pid) && ours.has(ppid)) {
        ours.add(pid);
        grew = true;
      }
  }
  return ours;
}

/** The browser's processes (every process under this one whose command line is Chromium's) with their PSS. */
export function browserProcessesPss(): { pid: number; renderer: boolean; bytes: number }[] {
  const ours = ourPids();
  const out: { pid: number; renderer: boolean; bytes: number }[] = [];
  for (const pid of ours) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('chrom')) continue;
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) out.push({ pid, renderer: cmdline.includes('--type=renderer'), bytes: Number(m[1]) * 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** PSS of the browser: its processes' PSS summed. */
export function browserPssBytes(): number {
  return browserProcessesPss().reduce((sum, p) => sum + p.bytes, 0);
}

/**
 * Peak PSS of the browser, sampled every 250 ms: the whole browser, and the largest renderer process
 * (the page's, which also runs the page's dedicated workers).
 */
export class PeakPss {
  peak = 0;
  peakRenderer = 0;
  private timer = setInterval(() => this.sample(), 250);
  sample(): void {
    const procs = browserProcessesPss();
    this.peak = Math.max(
      this.peak,
      procs.reduce((sum, p) => sum + p.bytes, 0),
    );
    this.peakRenderer = Math.max(this.peakRenderer, ...procs.filter((p) => p.renderer).map((p) => p.bytes));
  }
  /** The peak since the last call. */
  take(): number {
    return this.takeBoth().browser;
  }
  /** The peaks of the whole browser and of its largest renderer since the last call. */
  takeBoth(): { browser: number; renderer: number } {
    this.sample();
    const p = { browser: this.peak, renderer: this.peakRenderer };
    this.peak = 0;
    this.peakRenderer = 0;
    return p;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}
