// The one worker protocol (renderer/workers/rpc.ts), over a real MessageChannel standing in for a Worker.
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  local,
  serve,
  WorkerError,
  type ConnectOptions,
  type Endpoint,
  type ServeOptions,
  type WorkerLike,
} from '../../renderer/workers/rpc';
import { cancelledError } from '../../shared/util/cancel';

class ReadError extends Error {
  constructor(
    public readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

class Service {
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
  sent: Uint8Array[] = [];
  /** A file made piece by piece: each piece goes out as progress; the answer is only the count. */
  async pieces(n: number, onProgress?: (p: { data: Uint8Array }) => void): Promise<number> {
    for (let i = 0; i < n; i++) {
      const data = new Uint8Array(100).fill(i);
      this.sent.push(data);
      onProgress?.({ data });
    }
    return n;
  }
  async take(bytes: Uint8Array): Promise<number> {
    this.received = bytes;
    return bytes.reduce((a, b) => a + b, 0);
  }
  /** A long job that checks its own signal between steps. */
  async slow(tag: string, signal?: AbortSignal): Promise<string> {
    this.log.push(`start ${tag}`);
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      if (signal?.aborted) {
        this.log.push(`cancelled ${tag}`);
        throw cancelledError('已取消，数据库未作任何更改。');
      }
    }
    this.log.push(`end ${tag}`);
    return tag;
  }
  async quick(tag: string): Promise<string> {
    this.log.push(`quick ${tag}`);
    return tag;
  }
  /** Whether the signal it was handed is a live one (the worker's own, per call). */
  async sees(signal?: AbortSignal): Promise<string> {
    return signal === undefined ? 'none' : signal.aborted ? 'aborted' : 'live';
  }
  async fail(kind: string): Promise<never> {
    if (kind === 'read') throw new ReadError('corrupt', '文件已损坏，无法读取。');
    if (kind === 'cancel') throw cancelledError();
    if (kind === 'platform') throw new DOMException('This operation was aborted', 'AbortError');
    throw new Error('其他错误');
  }
  async silent(): Promise<void> {
    await new Promise(() => undefined);
  }
}

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
      crashed: (detail) => `后台程序意外停止（${detail || '未知错误'}），请重试。`,
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

  it('transfers what progressTransfer lists of each progress message (a streamed file leaves piece by piece)', async () => {
    const { r, service } = remote(new Service(), {
      progressTransfer: (p) => [(p as { data: Uint8Array }).data.buffer as ArrayBuffer],
    });
    const got: Uint8Array[] = [];
    expect(await r.pieces(3, (p) => got.push(p.data))).toBe(3);
    expect(got.map((d) => [d.byteLength, d[0]])).toEqual([
      [100, 0],
      [100, 1],
      [100, 2],
    ]);
    expect(service.sent.map((d) => d.byteLength)).toEqual([0, 0, 0]); // moved, not copied
    // Without it, progress is copied (the worker keeps its pieces).
    const plain = remote();
    await plain.r.pieces(1, () => undefined);
    expect(plain.service.sent[0]!.byteLength).toBe(100);
    r.dispose();
    plain.r.dispose();
  });

  it('runs calls one after another when serial; an abort reaches the running call, the next still runs', async () => {
    const { r, service } = remote(new Service(), { serial: true });
    const stop = new AbortController();
    const first = r.slow('a', stop.signal);
    const second = r.quick('b');
    await new Promise((res) => setTimeout(res, 30));
    expect(service.log).toEqual(['start a']); // b waits behind a
    stop.abort();
    const e = await first.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkerError);
    expect((e as WorkerError).kind).toBe('cancelled');
    expect((e as WorkerError).message).toBe('已取消，数据库未作任何更改。');
    expect(await second).toBe('b');
    expect(service.log).toEqual(['start a', 'cancelled a', 'quick b']);
    r.dispose();
  });

  it('an aborted call rejects with kind cancelled and the worker stops its work; each call has its own signal', async () => {
    const { r, service, workers } = remote(new Service(), { serial: true });
    const one = new AbortController();
    const other = new AbortController();
    const a = r.slow('a', one.signal);
    const b = r.slow('b', other.signal); // queued behind a
    await new Promise((res) => setTimeout(res, 20));
    other.abort(); // b is aborted while it waits: it starts, sees its signal, and stops at once
    await new Promise((res) => setTimeout(res, 20));
    expect(service.log).toEqual(['start a']); // a is not touched by b's abort
    one.abort();
    await expect(a).rejects.toMatchObject({ kind: 'cancelled', name: 'WorkerError' });
    await expect(b).rejects.toMatchObject({ kind: 'cancelled' });
    expect(service.log).toEqual(['start a', 'cancelled a', 'start b', 'cancelled b']);
    expect(service.log).not.toContain('end a');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.alive).toBe(true); // the worker stopped the job, not itself
    // the worker hands the method a live signal of its own; a call without one gets none
    expect(await r.sees(new AbortController().signal)).toBe('live');
    expect(await r.sees()).toBe('none');
    // aborted before it is sent: rejected at once, nothing reaches the worker
    const before = service.log.length;
    const late = new AbortController();
    late.abort();
    await expect(r.slow('c', late.signal)).rejects.toMatchObject({ kind: 'cancelled' });
    expect(service.log).toHaveLength(before);
    r.dispose();
  });

  it('every wire error becomes the one WorkerError: its kind, the service error name and its fields', async () => {
    const { r } = remote();
    const read = await r.fail('read').catch((x: unknown) => x);
    expect(read).toBeInstanceOf(WorkerError);
    expect(read).toMatchObject({
      message: '文件已损坏，无法读取。',
      kind: 'failed',
      code: 'ReadError',
      props: { kind: 'corrupt' },
    });
    const cancelled = await r.fail('cancel').catch((x: unknown) => x);
    expect(cancelled).toMatchObject({ kind: 'cancelled', message: '操作已取消，数据库未作任何更改。' });
    // the platform's own AbortError is a cancel too, told in Chinese
    const platform = await r.fail('platform').catch((x: unknown) => x);
    expect(platform).toMatchObject({ kind: 'cancelled', message: '操作已取消，数据库未作任何更改。' });
    const other = await r.fail('x').catch((x: unknown) => x);
    expect(other).toBeInstanceOf(WorkerError);
    expect(other).toMatchObject({ message: '其他错误', kind: 'failed', code: 'Error' });
    r.dispose();
  });

  it('a crashed worker rejects every waiting call in Chinese, and the next call starts a fresh worker', async () => {
    const { r, workers } = remote();
    const a = r.silent();
    const b = r.silent();
    await new Promise((res) => setTimeout(res, 10));
    workers[0]!.onerror!({ message: 'Uncaught RangeError: Invalid array length' });
    for (const e of await Promise.all([a.catch((x: unknown) => x), b.catch((x: unknown) => x)])) {
      expect(e).toBeInstanceOf(WorkerError);
      expect((e as WorkerError).kind).toBe('crashed');
      expect((e as Error).message).toMatch(/^后台程序意外停止/);
    }
    expect(workers[0]!.alive).toBe(false);
    expect(await r.count(1)).toBe(2);
    expect(workers).toHaveLength(2);
    r.dispose();
    expect(workers[1]!.alive).toBe(false);
  });

  it('an aborted call never starts a worker; a stalled or refused worker is stopped with its error', async () => {
    const { r, workers } = remote(
      new Service(),
      {},
      {
        stall: { ms: 50, message: () => '后台程序长时间没有响应，已停止。' },
        onProgress: (p) =>
          (p as { done: number }).done > 2 ? new WorkerError('memory', '占用内存过多，已停止。') : undefined,
      },
    );
    const gone = new AbortController();
    gone.abort();
    await expect(r.slow('x', gone.signal)).rejects.toMatchObject({ kind: 'cancelled' });
    expect(workers).toHaveLength(0);
    await expect(r.silent()).rejects.toMatchObject({
      kind: 'stalled',
      message: '后台程序长时间没有响应，已停止。',
    });
    expect(workers[0]!.alive).toBe(false);
    await expect(r.count(5, () => undefined)).rejects.toMatchObject({ kind: 'memory' });
    expect(workers[1]!.alive).toBe(false);
    expect(await r.count(2)).toBe(4);
    r.dispose();
  });

  it('disposing rejects the waiting calls as cancelled when the remote says so', async () => {
    const { r } = remote(new Service(), {}, { disposed: () => '已取消，数据库未作任何更改。' });
    const waiting = r.silent();
    await new Promise((res) => setTimeout(res, 10));
    r.dispose();
    await expect(waiting).rejects.toMatchObject({
      kind: 'cancelled',
      message: '已取消，数据库未作任何更改。',
    });
  });

  it('local() gives the same WorkerError and serial queue on the calling thread; the signal passes as is', async () => {
    const service = new Service();
    const r = local(service, { serial: true });
    const seen: number[] = [];
    expect(await r.count(2, (p) => seen.push(p.done))).toBe(4);
    expect(seen).toEqual([1, 2]);
    await expect(r.fail('read')).rejects.toMatchObject({
      kind: 'failed',
      code: 'ReadError',
      name: 'WorkerError',
      props: { kind: 'corrupt' },
    });
    const stop = new AbortController();
    const first = r.slow('a', stop.signal);
    const second = r.quick('b');
    await new Promise((res) => setTimeout(res, 20));
    stop.abort();
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await second).toBe('b');
    expect(service.log).toEqual(['start a', 'cancelled a', 'quick b']);
    // a plain object: callers may spread it to wrap one method
    const wrapped = { ...r, quick: async () => 'wrapped' };
    expect(await wrapped.count(1)).toBe(2);
    expect(await wrapped.quick()).toBe('wrapped');
  });
});
