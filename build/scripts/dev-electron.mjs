#!/usr/bin/env node
// `npm start`: Vite dev server on the pinned port + esbuild of main/preload + the Electron binary.
// The Electron binary is downloaded lazily by the `electron` package; where it is missing (offline
// machines) this says so and points to `npm run web`, which runs the same app in a browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const REQUIRED_NODE = [22, 12];

/**
 * The Electron executable, without require('electron'): that would try to download it.
 * Honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does.
 * @returns {{ path: string } | { missing: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed / 未安装 electron 依赖包' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'),
    );
    return existsSync(candidate) ? { path: candidate } : { missing: `${candidate} does not exist` };
  }
  if (!relative) return { missing: `${pathFile} is missing (the Electron binary was never downloaded)` };
  const candidate = path.join(packageDir, 'dist', relative);
  return existsSync(candidate) ? { path: candidate } : { missing: `${candidate} does not exist` };
}

function nodeIsRecentEnough() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > REQUIRED_NODE[0] || (major === REQUIRED_NODE[0] && minor >= REQUIRED_NODE[1]);
}

function explainMissingElectron(reason) {
  const need = REQUIRED_NODE.join('.');
  console.error(
    [
      '',
      '无法启动桌面版：找不到 Electron 可执行文件。',
      `  原因：${reason}`,
      '  · 在浏览器中运行同一个应用：npm run web （然后打开 http://127.0.0.1:5183 ）',
      `  · 桌面版开发需要 Node.js ${need} 或更高版本（当前 ${process.versions.node}），以及可以下载 Electron 的网络；`,
      '    联网后删除 node_modules/electron 并重新 npm install，或设置 ELECTRON_OVERRIDE_DIST_PATH 指向已有的 Electron。',
      '',
      'Cannot start the desktop app: the Electron binary is not available.',
      `  Reason: ${reason}`,
      '  · Run the same app in a browser: npm run web (then open http://127.0.0.1:5183)',
      `  · Desktop development needs Node.js >= ${need} (this is ${process.versions.node}) and network access to`,
      '    download Electron: reinstall node_modules/electron, or set ELECTRON_OVERRIDE_DIST_PATH to an Electron build.',
      '',
    ].join('\n'),
  );
}

async function main() {
  const electron = findElectronBinary();
  if ('missing' in electron) {
    explainMissingElectron(electron.missing);
    process.exit(1);
  }
  if (!nodeIsRecentEnough()) {
    console.warn(
      `注意：Electron 45 的工具链要求 Node.js ${REQUIRED_NODE.join('.')}+，当前是 ${process.versions.node}。/ Node ${REQUIRED_NODE.join('.')}+ recommended.`,
    );
  }

  const { createServer } = await import('vite');
  const server = await createServer({ configFile: path.join(root, 'vite.config.ts') });
  await server.listen();
  server.printUrls();

  await buildElectron({ dev: true });

  const env = { ...process.env, PINGCHA_DEV: '1' };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(electron.path, [root], { cwd: root, stdio: 'inherit', env });
  const stop = async (code) => {
    await server.close();
    process.exit(code);
  };
  child.on('exit', (code) => void stop(code ?? 0));
  child.on('error', (error) => {
    console.error('Electron 启动失败 / failed to start:', error.message);
    void stop(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
