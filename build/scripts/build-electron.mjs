#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild into dist-electron/ (CommonJS:
// a sandboxed preload can only require('electron'), and package.json "main" points at index.cjs).
// Usage: node build/scripts/build-electron.mjs [--dev]
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outRoot = path.join(root, 'dist-electron');

/** @param {{ dev?: boolean }} [options] */
export async function buildElectron(options = {}) {
  const dev = options.dev ?? false;
  await rm(outRoot, { recursive: true, force: true });
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    sourcemap: dev ? 'inline' : false,
    minify: !dev,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/main/index.ts')],
      outfile: path.join(outRoot, 'main/index.cjs'),
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload/index.ts')],
      outfile: path.join(outRoot, 'preload/index.cjs'),
    }),
  ]);
  return { main: path.join(outRoot, 'main/index.cjs'), preload: path.join(outRoot, 'preload/index.cjs') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dev = process.argv.includes('--dev');
  try {
    const out = await buildElectron({ dev });
    console.log(
      `Electron 主进程与预加载脚本已构建 / built: ${path.relative(root, out.main)}, ${path.relative(root, out.preload)}`,
    );
  } catch (error) {
    console.error('Electron 主进程构建失败 / build failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
