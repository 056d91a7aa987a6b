// Bundles the real preload the way build-electron.mjs does and runs it against a fake 'electron'
// module, to see exactly what the page gets as window.pingcha.
import { build } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';

const root = path.resolve(import.meta.dirname, '..', '..');

let exposed: { name: string; value: Record<string, (...args: unknown[]) => unknown> }[] = [];
const invoke = vi.fn(async (...args: unknown[]) => args);
let requested: string[] = [];
let bundleText = '';

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    write: false,
  });
  bundleText = result.outputFiles[0]?.text ?? '';
  const fakeElectron = {
    contextBridge: {
      exposeInMainWorld: (name: string, value: Record<string, (...args: unknown[]) => unknown>) =>
        exposed.push({ name, value }),
    },
    ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
  };
  exposed = [];
  requested = [];
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    requested.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  vm.runInNewContext(bundleText, { require: sandboxRequire, module, exports: module.exports });
});

describe('preload bridge', () => {
  it('requires nothing but electron (sandboxed preloads cannot)', () => {
    expect(new Set(requested)).toEqual(new Set(['electron']));
    expect(bundleText).not.toMatch(/require\("(?!electron")/);
  });

  it('exposes exactly one object, window.pingcha, with one function per channel', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]?.name).toBe('pingcha');
    const bridge = exposed[0]?.value ?? {};
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer or its methods', () => {
    const bridge = exposed[0]?.value ?? {};
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(invoke);
    }
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'postMessage']) {
      expect(bridge).not.toHaveProperty(forbidden);
    }
  });

  it('each method invokes its own channel with at most one argument', async () => {
    const bridge = exposed[0]?.value ?? {};
    invoke.mockClear();
    await bridge['openFiles']?.({ multiple: true }, 'smuggled');
    await bridge['saveFile']?.({ suggestedName: 'a.pdf', bytes: new Uint8Array(1) });
    await bridge['appVersion']?.('smuggled');
    await bridge['dataPaths']?.();
    const files = [{ name: 'a.pdf', bytes: new Uint8Array(1) }];
    await bridge['saveFilesToFolder']?.({ suggestedFolderName: '整改函', files }, 'smuggled');
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.openFiles, { multiple: true }],
      [IPC_CHANNELS.saveFile, { suggestedName: 'a.pdf', bytes: new Uint8Array(1) }],
      [IPC_CHANNELS.appVersion],
      [IPC_CHANNELS.dataPaths],
      ['pingcha:save-files-to-folder', { suggestedFolderName: '整改函', files }],
    ]);
  });
});
