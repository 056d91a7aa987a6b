// One writer at a time. Every connection to the store carries a WriteGate; a Dexie middleware
// refuses every write (with a Chinese message, before anything reaches IndexedDB) unless the gate
// says this window is the writer. The page decides its role with the Web Locks API
// (renderer/db/writer-lock.ts); a connection whose database was upgraded by a newer version of the
// app in another window closes at once and refuses everything after (`versionchange`).
import type { DBCoreMutateRequest, DBCoreTable, Dexie } from 'dexie';

/** writer: may write. reader: another window writes, this one only reads. upgraded: closed for good. */
export type StoreRole = 'writer' | 'reader' | 'upgraded';

export const READ_ONLY_MESSAGE =
  '本窗口为只读：评查台已在另一个窗口（或浏览器标签页）中打开，同一时间只能由一个窗口修改数据。' +
  '请在那个窗口中操作；那个窗口关闭后，本窗口会自动转为可编辑。本次操作没有保存任何内容。';

export const UPGRADED_MESSAGE =
  '数据库已被另一个窗口中更新版本的评查台升级，本窗口已停止读写，以免用旧程序改动新数据。' +
  '请重新载入本窗口。本次操作没有保存任何内容。';

/** A write the store refused because this window is not the writer. Nothing was written. */
export class ReadOnlyStoreError extends Error {
  constructor(public readonly role: Exclude<StoreRole, 'writer'>) {
    super(role === 'upgraded' ? UPGRADED_MESSAGE : READ_ONLY_MESSAGE);
    this.name = 'ReadOnlyStoreError';
  }
}

export class WriteGate {
  private current: StoreRole;
  private readonly listeners = new Set<(role: StoreRole) => void>();
  private releaseWaiters: (() => void)[] = [];

  constructor(role: StoreRole = 'writer') {
    this.current = role;
  }

  get role(): StoreRole {
    return this.current;
  }

  /** 'upgraded' is final: a closed connection never becomes a writer again (the page must reload). */
  set(role: StoreRole): void {
    if (this.current === 'upgraded' || this.current === role) return;
    this.current = role;
    if (role === 'upgraded') {
      for (const resolve of this.releaseWaiters) resolve();
      this.releaseWaiters = [];
    }
    for (const l of this.listeners) l(role);
  }

  subscribe(listener: (role: StoreRole) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when this connection is closed for good (the writer lock is then released). */
  closed(): Promise<void> {
    if (this.current === 'upgraded') return Promise.resolve();
    return new Promise((resolve) => this.releaseWaiters.push(resolve));
  }

  /** Throws ReadOnlyStoreError unless this window may write. */
  assertWritable(): void {
    if (this.current !== 'writer') throw new ReadOnlyStoreError(this.current);
  }
}

/**
 * Installs the gate on a database (before it opens): writes are refused unless the gate is 'writer';
 * Dexie's own schema upgrades (the versionchange transaction) always run. On `versionchange` (a newer
 * app opened the store in another window) the connection closes without reopening and the gate
 * becomes 'upgraded', so this window stops reading and writing and tells the user to reload.
 */
export function installWriteGate(db: Dexie, gate: WriteGate): void {
  db.use({
    stack: 'dbcore',
    name: 'pingcha-write-gate',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const mode = (req.trans as unknown as { mode?: string }).mode;
            if (mode !== 'versionchange' && gate.role !== 'writer')
              return Promise.reject(new ReadOnlyStoreError(gate.role as Exclude<StoreRole, 'writer'>));
            return table.mutate(req);
          },
        };
      },
    }),
  });
  db.on('versionchange', () => {
    gate.set('upgraded');
    db.close({ disableAutoOpen: true });
    return false; // Dexie's default would close and then silently reopen with the old code
  });
}

/** The Web Locks API where the platform has it (Chromium, Electron); undefined in jsdom and Node. */
export function webLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}
