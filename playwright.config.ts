import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The web build is tested in the machine's own Chromium (Debian's package or CHROMIUM_PATH):
// no browser download ever happens.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `找不到 Chromium：${chromium}。请安装（Debian: apt-get install -y chromium）或设置 CHROMIUM_PATH。` +
      ` / Chromium not found at ${chromium}: install it or set CHROMIUM_PATH.`,
  );
}
// Port and build folder can be moved so that several checkouts/agents can run e2e side by side.
const PORT = Number(process.env.E2E_PORT ?? 5184);
const OUT = resolve(process.env.E2E_OUT ?? 'dist/renderer');

export default defineConfig({
  testDir: 'test',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two browsers side by side: most of a spec's time is the page waiting on IndexedDB, workers and timers,
  // so the 2-core CI machine runs the suite in about half the time. Each test has its own browser context
  // (own IndexedDB) and its own temporary folder. E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
  webServer: {
    command: `npx vite build --config vite.config.ts --logLevel warn --outDir ${OUT} && npx vite preview --config vite.config.ts --outDir ${OUT} --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    timeout: 240_000,
    reuseExistingServer: false,
  },
});
