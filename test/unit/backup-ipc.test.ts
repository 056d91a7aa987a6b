import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  listBackups,
  orderBackups,
  readBackup,
  readBackupState,
  setBackupKeep,
  writeBackup,
  type FsPort,
  type HandlerDeps,
} from '../../electron/main/ipc-handlers';
import { createIpcListener, type IpcInvokeEvent } from '../../electron/main/ipc-register';
import { createElectronPlatform } from '../../renderer/platform/electron';
import type { PingchaBridge } from '../../shared/ipc/contract';
import { backupFileName } from '../../shared/backup/backup-format';

const USER_DATA = '/home/u/.config/pingcha';
const DIR = path.join(USER_DATA, 'backups');

function fakeFs() {
  const files = new Map<string, Uint8Array>();
  const fs: Required<FsPort> & { files: Map<string, Uint8Array> } = {
    files,
    stat: vi.fn(async (p: string) => {
      const f = files.get(p);
      if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return { size: f.byteLength, isFile: () => true };
    }),
    readFile: vi.fn(async (p: string) => {
      const f = files.get(p);
      if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    }),
    writeFile: vi.fn(async (p: string, d: Uint8Array) => void files.set(p, d)),
    mkdir: vi.fn(async () => undefined),
    readdir: vi.fn(async (dir: string) =>
      [...files.keys()].filter((k) => path.dirname(k) === dir).map((k) => path.basename(k)),
    ),
    rename: vi.fn(async (a: string, b: string) => {
      files.set(b, files.get(a)!);
      files.delete(a);
    }),
    unlink: vi.fn(async (p: string) => void files.delete(p)),
  };
  return fs;
}

function deps(fs = fakeFs()): HandlerDeps & { fs: ReturnType<typeof fakeFs> } {
  return {
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    fs,
    paths: { userData: USER_DATA, documents: '/home/u/文档' },
    appVersion: '0.1.0',
  };
}

const name = (day: number, reason: 'daily' | 'manual' = 'daily') =>
  backupFileName(new Date(2026, 0, day, 9, 30, 5), reason);

describe('backups folder handlers', () => {
  it('writes through a temporary file and keeps only the newest N of our backups', async () => {
    const d = deps();
    d.fs.files.set(path.join(DIR, '我的笔记.txt'), new Uint8Array([1]));
    await setBackupKeep(d, { keep: 3 });
    for (let day = 1; day <= 5; day++)
      await writeBackup(d, { fileName: name(day), bytes: new Uint8Array([day]) });
    const r = await writeBackup(d, { fileName: name(6, 'manual'), bytes: new Uint8Array([6]) });
    expect(r.path).toBe(path.join(DIR, name(6, 'manual')));
    expect(r.removed).toEqual([name(3)]);
    expect(d.fs.rename).toHaveBeenCalledWith(path.join(DIR, name(6, 'manual')) + '.tmp', r.path);
    const listed = await listBackups(d);
    expect(listed.map((b) => b.name)).toEqual([name(6, 'manual'), name(5), name(4)]);
    expect(d.fs.files.has(path.join(DIR, '我的笔记.txt'))).toBe(true);
    expect(await readBackup(d, { fileName: name(5) })).toEqual(new Uint8Array([5]));
  });

  it('a failed write leaves no file and says why in Chinese', async () => {
    const d = deps();
    d.fs.writeFile = vi.fn(async () => {
      throw Object.assign(new Error('nospace'), { code: 'ENOSPC' });
    });
    await expect(writeBackup(d, { fileName: name(1), bytes: new Uint8Array([1]) })).rejects.toThrow(
      /无法把备份写入.*磁盘空间不足/,
    );
    expect(d.fs.files.size).toBe(0);
    await expect(readBackup(d, { fileName: name(2) })).rejects.toThrow(/无法读取备份.*不存在/);
  });

  it('the listener refuses foreign senders, path tricks and bad arguments before touching the disk', async () => {
    const d = deps();
    const options = { allowDevServer: false, depsFor: () => d };
    const ok: IpcInvokeEvent = { senderFrame: { url: 'app://pingcha/index.html', parent: null } };
    const evil: IpcInvokeEvent = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const write = createIpcListener('writeBackup', options);
    await expect(write(evil, { fileName: name(1), bytes: new Uint8Array([1]) })).rejects.toThrow(/被拒绝/);
    for (const fileName of [
      '../../.bashrc',
      '评查台备份-20260101-093005-每日.exe',
      'a/评查台备份-20260101-093005-每日.pingcha-backup',
    ]) {
      await expect(write(ok, { fileName, bytes: new Uint8Array([1]) })).rejects.toThrow(/备份文件名不符合/);
    }
    await expect(write(ok, { fileName: name(1), bytes: new Uint8Array() })).rejects.toThrow(/备份文件为空/);
    // The renderer cannot say how many to keep with a write: the strict request refuses the key.
    await expect(write(ok, { fileName: name(1), bytes: new Uint8Array([1]), keep: 1 })).rejects.toThrow(
      /写入备份」的参数无效.*keep/,
    );
    const setKeep = createIpcListener('setBackupKeep', options);
    await expect(setKeep(ok, { keep: 0 })).rejects.toThrow(/保留份数至少为 1/);
    await expect(setKeep(evil, { keep: 5 })).rejects.toThrow(/被拒绝/);
    expect(d.fs.writeFile).not.toHaveBeenCalled();
    await expect(setKeep(ok, { keep: 2 })).resolves.toEqual({ keep: 2 });
    await expect(write(ok, { fileName: name(1), bytes: new Uint8Array([1]) })).resolves.toMatchObject({
      removed: [],
    });
    await expect(createIpcListener('listBackups', options)(ok)).resolves.toEqual([
      { name: name(1), size: 1 },
    ]);
    await expect(createIpcListener('readBackup', options)(ok, { fileName: '../x' })).rejects.toThrow(
      /备份文件名不符合/,
    );
  });

  it('the desktop platform forwards the backups folder calls to the bridge', async () => {
    const bridge = {
      writeBackup: vi.fn(async () => ({ path: '/p', removed: ['old'] })),
      listBackups: vi.fn(async () => [{ name: 'n', size: 1 }]),
      readBackup: vi.fn(async () => new Uint8Array([9])),
      setBackupKeep: vi.fn(async (r: { keep: number }) => r),
    } as unknown as PingchaBridge;
    const platform = createElectronPlatform(bridge);
    await expect(platform.backups!.write('n', new Uint8Array([1]))).resolves.toEqual({
      path: '/p',
      removed: ['old'],
    });
    expect(bridge.writeBackup).toHaveBeenCalledWith({ fileName: 'n', bytes: new Uint8Array([1]) });
    await platform.backups!.setKeep(4);
    expect(bridge.setBackupKeep).toHaveBeenCalledWith({ keep: 4 });
    await expect(platform.backups!.list()).resolves.toHaveLength(1);
    await expect(platform.backups!.read('n')).resolves.toEqual(new Uint8Array([9]));
  });
});

describe('retention with a clock that goes back', () => {
  /** A backup name from a clock reading `hoursAfter` hours after 2026-03-10 09:00 (negative: before). */
  const at = (hoursAfter: number, reason: 'daily' | 'manual' = 'daily') =>
    backupFileName(new Date(2026, 2, 10, 9 + hoursAfter, 0, 0), reason);

  it('keeps the newest backups by the order they were written, never the one just written', async () => {
    const d = deps();
    await setBackupKeep(d, { keep: 3 });
    // Four backups with the clock right, then the PC's clock is set back by a year.
    for (const h of [0, 24, 48, 72]) await writeBackup(d, { fileName: at(h), bytes: new Uint8Array([h]) });
    const first = await writeBackup(d, { fileName: at(-24 * 365), bytes: new Uint8Array([1]) });
    // The one just written has the oldest date in its name and is kept; the oldest written goes.
    expect(first.removed).toEqual([at(24)]);
    expect((await listBackups(d)).map((b) => b.name)).toEqual([at(-24 * 365), at(72), at(48)]);
    // Two more with the wrong clock, going on backwards: still the newest three written are kept.
    await writeBackup(d, { fileName: at(-24 * 366), bytes: new Uint8Array([2]) });
    const third = await writeBackup(d, { fileName: at(-24 * 367, 'manual'), bytes: new Uint8Array([3]) });
    expect(third.removed).toEqual([at(72)]);
    expect((await listBackups(d)).map((b) => b.name)).toEqual([
      at(-24 * 367, 'manual'),
      at(-24 * 366),
      at(-24 * 365),
    ]);
    expect(await readBackup(d, { fileName: at(-24 * 367, 'manual') })).toEqual(new Uint8Array([3]));
    // The sidecar only names backups still in the folder; numbers only go up.
    const state = await readBackupState(d);
    expect(Object.keys(state.sequence).sort()).toEqual(
      [at(-24 * 365), at(-24 * 366), at(-24 * 367, 'manual')].sort(),
    );
    expect(state.next).toBe(8);
  });

  it('with keep 1 the backup just written is the one kept, whatever its date', async () => {
    const d = deps();
    await setBackupKeep(d, { keep: 1 });
    await writeBackup(d, { fileName: at(100), bytes: new Uint8Array([1]) });
    const r = await writeBackup(d, { fileName: at(-100), bytes: new Uint8Array([2]) });
    expect(r.removed).toEqual([at(100)]);
    expect((await listBackups(d)).map((b) => b.name)).toEqual([at(-100)]);
  });

  it('backups from before numbering count as older than every numbered one; a damaged sidecar is rebuilt', async () => {
    const d = deps();
    // Two backups an older version wrote (no sidecar), dated later than the clock now says.
    d.fs.files.set(path.join(DIR, at(500)), new Uint8Array([5]));
    d.fs.files.set(path.join(DIR, at(400)), new Uint8Array([4]));
    d.fs.files.set(path.join(USER_DATA, 'backup-state.json'), new TextEncoder().encode('{不是 JSON'));
    expect((await readBackupState(d)).keep).toBe(10);
    await setBackupKeep(d, { keep: 2 });
    const r = await writeBackup(d, { fileName: at(0), bytes: new Uint8Array([0]) });
    expect(r.removed).toEqual([at(400)]);
    expect((await listBackups(d)).map((b) => b.name)).toEqual([at(0), at(500)]);
    expect(orderBackups([at(1), at(2), at(3)], { [at(1)]: 7 })).toEqual([at(1), at(3), at(2)]);
  });
});
