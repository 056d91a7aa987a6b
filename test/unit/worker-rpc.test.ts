// The one worker protocol (renderer/workers/rpc.ts), over a real MessageChannel standing in for a Worker.
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  local,
  serve,
  type ConnectOptions,
  type Endpoint,
  type ServeOptions,
  type WorkerLike,
} from '../../renderer/workers/rpc';

class CancelledError extends Error {
  constructor() {
    super('已取消，数据库未作任何更改。');
    this.name = 'CancelledError';
  }
}

class ReadError extends Error {
  constructor(
    public readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

/** The UI's typed error. */
class UiError extends Error {
  constructor(
    message: string,
    public readonly cancelled = false,
    public readonly kind: string | null = null,
  ) {
    super(message);
    this.name = 'UiError';
  }
}

class Service {
  cancelled = false;
  kept: Uint8Array | null = null;
  received: Uint8Array | null = null;
  log: string[] = [];

  async count(n: number, onProgress?: (p: { done: number; total: number }) => void): Promise<number> {
    for (let i = 1; i <= n; i++) onProgress?.({ done: i, total: n });
    return n * 2;
  }
  /** A progress callback that is not the last argument (the documents renderer's shape). */
  async render(name: string, onProgress: ((p: string) => void) | undefined, suffix: string): Promise<string> {
    onProgress?.(`正在生成${name}`);
    return name + suffix;
  }
  async bytes(size: number): Promise<Uint8Array> {
    this.kept = new Uint8Array(size).fill(7);
    return this.kept;
  }
  async take(bytes: Uint8Array): Promise<number> {
    this.received = bytes;
    return bytes.reduce((a, b) => a + b, 0);
  }
  async slow(tag: string): Promise<string> {
    this.log.push(`start ${tag}`);
    this.cancelled = false;
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      if (this.cancelled) {
        this.log.push(`cancelled ${tag}`);
        throw new CancelledError();
      }
    }
    this.log.push(`end ${tag}`);
    return tag;
  }
  async quick(tag: string): Promise<string> {
    this.log.push(`quick ${tag}`);
    return tag;
  }
  async fail(kind: string): Promise<never> {
    if (kind === 'read') throw new ReadError('corrupt', '文件已损坏，无法读取。');
    if (kind === 'cancel') throw new CancelledError();
    throw new Error('其他错误');
  }
  async silent(): Promise<void> {
    await new Promise(() => undefined);
  }
  cancel(): void {
    this.cancelled = true;
  }
}

const errors: ConnectOptions<Service>['errors'] = {
  CancelledError: (w) => new UiError(w.message, true),
  ReadError: (w) => new UiError(w.message, false, String(w.props.kind)),
  default: (w) => new UiError(w.message),
};

const open: { close(): void }[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A fake Worker: the service is served on the other end of a real MessageChannel. */
function fakeWorker(service: Service, options: ServeOptions<Service> = {}): WorkerLike & { alive: boolean } {
  const ch = new MessageChannel();
  open.push(ch.port1, ch.port2);
  serve(service, options, ch.port2 as unknown as Endpoint);
  const w = {
    alive: true,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    postMessage: (m: unknown, t?: Transferable[]) => ch.port1.postMessage(m, t ?? []),
    terminate: () => {
      w.alive = false;
      ch.port1.close();
    },
  };
  ch.port1.onmessage = (e) => w.onmessage?.({ data: e.data });
  return w;
}

function remote(
  service = new Service(),
  serveOptions: ServeOptions<Service> = {},
  extra: Partial<ConnectOptions<Service>> = {},
) {
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const r = connect<Service>(
    () => {
      const w = fakeWorker(service, serveOptions);
      workers.push(w);
      return w;
    },
    {
      errors,
      crashed: (detail) => new UiError(`后台程序意外停止（${detail || '未知错误'}），请重试。`),
      transfer: { take: (bytes) => [bytes.buffer as ArrayBuffer] },
      ...extra,
    },
  );
  return { r, service, workers };
}

describe('worker rpc', () => {
  it('calls a method and delivers its progress, wherever the callback sits among the arguments', async () => {
    const { r } = remote();
    const seen: number[] = [];
    expect(await r.count(3, (p) => seen.push(p.done))).toBe(6);
    expect(seen).toEqual([1, 2, 3]);
    const texts: string[] = [];
    expect(await r.render('通报', (t) => texts.push(t), '.pdf')).toBe('通报.pdf');
    expect(texts).toEqual(['正在生成通报']);
    expect(await r.count(2)).toBe(4);
    r.dispose();
  });

  it('transfers exactly what is listed: argument buffers one way, result buffers the other', async () => {
    const { r, service } = remote(new Service(), { transfer: { bytes: (b) => [b.buffer as ArrayBuffer] } });
    const mine = new Uint8Array([1, 2, 3]);
    expect(await r.take(mine)).toBe(6);
    expect(mine.byteLength).toBe(0); // transferred, not copied
    const back = await r.bytes(1000);
    expect(back.byteLength).toBe(1000);
    expect(back[999]).toBe(7);
    expect(service.kept!.byteLength).toBe(0); // the worker's copy went with the answer

    // Without a transfer list the caller keeps its buffer.
    const plain = remote();
    const data = new Uint8Array([5]);
    await plain.r.count(1);
    expect(await plain.r.render('x', undefined, String(data[0]))).toBe('x5');
    expect(data.byteLength).toBe(1);
    r.dispose();
    plain.r.dispose();
  });

  it('runs calls one after another when serial; cancel bypasses the queue and stops the running call', async () => {
    const { r, service } = remote(new Service(), { serial: true });
    const first = r.slow('a');
    const second = r.quick('b');
    await new Promise((res) => setTimeout(res, 30));
    expect(service.log).toEqual(['start a']); // b waits behind a
    await r.cancel();
    const e = await first.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UiError);
    expect((e as UiError).cancelled).toBe(true);
    expect((e as UiError).message).toBe('已取消，数据库未作任何更改。');
    expect(await second).toBe('b');
    expect(service.log).toEqual(['start a', 'cancelled a', 'quick b']);
    r.dispose();
  });

  it('rebuilds the wire error into the registered class, with its fields; other names get the default', async () => {
    const { r } = remote();
    const read = await r.fail('read').catch((x: unknown) => x);
    expect(read).toBeInstanceOf(UiError);
    expect(read).toMatchObject({ message: '文件已损坏，无法读取。', kind: 'corrupt', cancelled: false });
    const cancelled = await r.fail('cancel').catch((x: unknown) => x);
    expect(cancelled).toMatchObject({ cancelled: true });
    const other = await r.fail('x').catch((x: unknown) => x);
    expect(other).toBeInstanceOf(UiError);
    expect(other).toMatchObject({ message: '其他错误', cancelled: false, kind: null });
    r.dispose();
  });

  it('a crashed worker rejects every waiting call in Chinese, and the next call starts a fresh worker', async () => {
    const { r, workers } = remote();
    const a = r.silent();
    const b = r.silent();
    await new Promise((res) => setTimeout(res, 10));
    workers[0]!.onerror!({ message: 'Uncaught RangeError: Invalid array length' });
    for (const e of await Promise.all([a.catch((x: unknown) => x), b.catch((x: unknown) => x)])) {
      expect(e).toBeInstanceOf(UiError);
      expect((e as Error).message).toMatch(/^后台程序意外停止/);
    }
    expect(workers[0]!.alive).toBe(false);
    expect(await r.count(1)).toBe(2);
    expect(workers).toHaveLength(2);
    r.dispose();
    expect(workers[1]!.alive).toBe(false);
  });

  it('cancel never starts a worker; a stalled or refused worker is stopped with its error', async () => {
    const { r, workers } = remote(
      new Service(),
      {},
      {
        stall: { ms: 50, error: () => new UiError('后台程序长时间没有响应，已停止。') },
        onProgress: (p) =>
          (p as { done: number }).done > 2 ? new UiError('占用内存过多，已停止。') : undefined,
      },
    );
    await r.cancel();
    expect(workers).toHaveLength(0);
    await expect(r.silent()).rejects.toThrow('长时间没有响应');
    expect(workers[0]!.alive).toBe(false);
    await expect(r.count(5, () => undefined)).rejects.toThrow('占用内存过多');
    expect(workers[1]!.alive).toBe(false);
    expect(await r.count(2)).toBe(4);
    r.dispose();
  });

  it('local() gives the same typed errors, serial queue and cancel bypass on the calling thread', async () => {
    const service = new Service();
    const r = local(service, { errors, serial: true });
    const seen: number[] = [];
    expect(await r.count(2, (p) => seen.push(p.done))).toBe(4);
    expect(seen).toEqual([1, 2]);
    await expect(r.fail('read')).rejects.toMatchObject({ kind: 'corrupt', name: 'UiError' });
    const first = r.slow('a');
    const second = r.quick('b');
    await new Promise((res) => setTimeout(res, 20));
    await r.cancel();
    await expect(first).rejects.toMatchObject({ cancelled: true });
    expect(await second).toBe('b');
    expect(service.log).toEqual(['start a', 'cancelled a', 'quick b']);
    // a plain object: callers may spread it to wrap one method
    const wrapped = { ...r, quick: async () => 'wrapped' };
    expect(await wrapped.count(1)).toBe(2);
    expect(await wrapped.quick()).toBe('wrapped');
  });
});
