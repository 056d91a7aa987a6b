// Starts the production web build (vite preview) and Debian's Chromium for in-browser benchmarks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = 5185;

export interface BrowserBench {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

export async function startBrowserBench(): Promise<BrowserBench | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return null;
  }
  if (!process.env.BENCH_SKIP_BUILD) {
    const b = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--config', 'vite.config.ts', '--port', String(PORT), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return {
    browser,
    page,
    url,
    async close() {
      await browser.close();
      if (server.pid) process.kill(-server.pid);
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
