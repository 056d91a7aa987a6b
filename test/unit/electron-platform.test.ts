import { describe, expect, it, vi } from 'vitest';
import type { PingchaBridge } from '../../shared/ipc/contract';
import { createElectronPlatform, getPingchaBridge, unwrapIpcError } from '../../renderer/platform/electron';

function fakeBridge(overrides: Partial<PingchaBridge> = {}): PingchaBridge {
  return {
    openFiles: vi.fn(async () => [{ name: '台账.xlsx', bytes: new Uint8Array([1, 2]) }]),
    saveFile: vi.fn(async () => true),
    appVersion: vi.fn(async () => '0.1.0'),
    dataPaths: vi.fn(async () => ({ data: '/u/data', backups: '/u/backups' })),
    writeBackup: vi.fn(async () => ({ path: '/u/backups/b', removed: [] })),
    listBackups: vi.fn(async () => []),
    readBackup: vi.fn(async () => new Uint8Array()),
    setBackupKeep: vi.fn(async (r: { keep: number }) => r),
    saveFilesToFolder: vi.fn(async () => ({ saved: true, folder: '/u/文档/整改函', written: ['a.pdf'] })),
    officeFonts: vi.fn(async () => ({ fonts: [], skipped: [] })),
    officeKeyStatus: vi.fn(async () => ({ publicKey: null, protectedBy: 'safeStorage' as const })),
    ensureOfficeKey: vi.fn(async () => ({ publicKey: 'a'.repeat(64), created: true })),
    signLogHead: vi.fn(async (h: { seq: number; hash: string; at: string }) => ({
      ...h,
      publicKey: 'a'.repeat(64),
      signature: 'b'.repeat(128),
    })),
    readLogHead: vi.fn(async () => null),
    signPanelPackage: vi.fn(async () => ({ publicKey: 'a'.repeat(64), signature: 'b'.repeat(128) })),
    exportOfficeKey: vi.fn(async () => ({ bytes: new Uint8Array([1]), publicKey: 'a'.repeat(64) })),
    prepareOfficeKey: vi.fn(async () => ({ publicKey: 'a'.repeat(64) })),
    activateOfficeKey: vi.fn(async () => ({ publicKey: 'a'.repeat(64) })),
    adoptOfficeKey: vi.fn(async () => ({ publicKey: 'a'.repeat(64), adopted: true })),
    ...overrides,
  };
}

describe('createElectronPlatform', () => {
  it('forwards each call to the bridge with only the contract fields', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('electron');

    const filters = [{ name: '表格', extensions: ['xlsx'] }];
    await expect(platform.openFiles({ multiple: true, filters })).resolves.toEqual([
      { name: '台账.xlsx', bytes: new Uint8Array([1, 2]) },
    ]);
    expect(bridge.openFiles).toHaveBeenCalledWith({ multiple: true, filters });
    await platform.openFiles({ multiple: false });
    expect(bridge.openFiles).toHaveBeenLastCalledWith({ multiple: false });

    const bytes = new Uint8Array([37, 80, 68, 70]);
    const extra = { suggestedName: '通知书.pdf', bytes, surprise: 'x' } as Parameters<
      typeof platform.saveFile
    >[0];
    await expect(platform.saveFile(extra)).resolves.toBe(true);
    expect(bridge.saveFile).toHaveBeenCalledWith({ suggestedName: '通知书.pdf', bytes });

    await expect(platform.appVersion()).resolves.toBe('0.1.0');
    await expect(platform.dataPaths()).resolves.toEqual({ data: '/u/data', backups: '/u/backups' });
  });

  it('forwards saveFilesToFolder with only the contract fields', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    const bytes = new Uint8Array([1]);
    const files = [{ name: 'a.pdf', bytes, path: '/secret' } as { name: string; bytes: Uint8Array }];
    await expect(platform.saveFilesToFolder!({ suggestedFolderName: '整改函', files })).resolves.toEqual({
      saved: true,
      folder: '/u/文档/整改函',
      written: ['a.pdf'],
    });
    expect(bridge.saveFilesToFolder).toHaveBeenCalledWith({
      suggestedFolderName: '整改函',
      files: [{ name: 'a.pdf', bytes }],
    });
    const failing = createElectronPlatform(
      fakeBridge({
        saveFilesToFolder: vi.fn(async () => {
          throw new Error(
            "Error invoking remote method 'pingcha:save-files-to-folder': Error: 无法在「/u」中写入「a.pdf」：磁盘空间不足。",
          );
        }),
      }),
    );
    await expect(failing.saveFilesToFolder!({ suggestedFolderName: 'x', files })).rejects.toThrow(
      /^无法在「\/u」中写入「a\.pdf」：磁盘空间不足。$/,
    );
  });

  it('passes cancellation through', async () => {
    const platform = createElectronPlatform(
      fakeBridge({ openFiles: vi.fn(async () => []), saveFile: vi.fn(async () => false) }),
    );
    await expect(platform.openFiles({ multiple: true })).resolves.toEqual([]);
    await expect(platform.saveFile({ suggestedName: 'a.pdf', bytes: new Uint8Array() })).resolves.toBe(false);
  });

  it('shows the main process Chinese message without Electron’s prefix', async () => {
    const platform = createElectronPlatform(
      fakeBridge({
        openFiles: vi.fn(async () => {
          throw new Error(
            "Error invoking remote method 'pingcha:open-files': Error: 文件「巨大.xlsx」有 400.0 MB，超过单个文件 300.0 MB 的上限，无法打开。",
          );
        }),
      }),
    );
    await expect(platform.openFiles({ multiple: false })).rejects.toThrow(
      /^文件「巨大\.xlsx」有 400\.0 MB，超过单个文件 300\.0 MB 的上限，无法打开。$/,
    );
  });
});

describe('unwrapIpcError', () => {
  it('keeps other messages as they are', () => {
    expect(unwrapIpcError(new Error('普通错误')).message).toBe('普通错误');
    expect(unwrapIpcError('字符串').message).toBe('字符串');
  });
});

describe('getPingchaBridge', () => {
  it('returns the bridge only when every method is present', () => {
    const bridge = fakeBridge();
    expect(getPingchaBridge({ pingcha: bridge })).toBe(bridge);
    expect(getPingchaBridge({})).toBeNull();
    expect(getPingchaBridge({ pingcha: 'x' })).toBeNull();
    expect(getPingchaBridge({ pingcha: { openFiles: () => undefined } })).toBeNull();
  });
});
