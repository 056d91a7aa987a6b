// The one worker protocol. A worker serves a service object (`serve`); the UI holds a typed remote of it
// (`connect`), or, in tests and where module workers are missing, the same service on the calling thread
// (`local`). A call is { id, method, args }; a function among the arguments is the call's progress
// callback (it travels as a marker; the worker's progress messages call it), and an AbortSignal among them
// is the call's own cancel (it travels as a marker too: aborting it sends `abort` for that call, and the
// worker hands the method a signal of its own that it aborts then; a queued call aborted before it starts
// is still answered, by the method seeing its signal aborted). The answer is the result or one wire error
// { name, message, props }, which the UI side rebuilds into the one WorkerError, its kind 'cancelled' for an
// AbortError and 'failed' for any other. An abort never waits behind a serial queue and is not answered;
// `discard` (forgetting what a worker holds) never starts a worker. A worker that dies rejects every waiting call with a Chinese message (kind 'crashed'); the next call starts a
// fresh one.
import { CANCELLED_MESSAGE } from '@shared/util/cancel';

/** What a call's error looks like on the wire: its class name, its (Chinese) message, its own fields. */
export interface WireError {
  name: string;
  message: string;
  props: Record<string, string | number | boolean | null>;
}

type Call = { id: number; method: string; args: unknown[]; progressAt: number; signalAt: number };
type Answer =
  | { id: number; progress: unknown }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WireError };

const PROGRESS = { __rpcProgress: true } as const;
const SIGNAL = { __rpcSignal: true } as const;
const ABORT = '__abort';
const DISCARD = 'discard';

/** Either end of the channel: a worker scope, a Worker, a MessagePort. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** What the UI side needs of a Worker (a Web Worker in the app; tests may hand in a fake one). */
export interface WorkerLike extends Endpoint {
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  terminate(): void;
}

/** How a worker call ended badly, as the UI tells it apart. */
export type WorkerErrorKind =
  /** The call's AbortSignal (or disposing the remote) stopped it; the store is as it was. */
  | 'cancelled'
  /** The service refused or failed, with its own (Chinese) message. */
  | 'failed'
  /** The worker died or could not start. */
  | 'crashed'
  /** The watchdog stopped a worker silent for too long. */
  | 'stalled'
  /** The watchdog stopped a worker that reported too much memory. */
  | 'memory';

/**
 * Every error of a worker call on the UI side: a Chinese message to show, its kind, and the service's own
 * error name (`code`, e.g. 'BackupFileError') with its primitive fields (`props`, e.g. a file error's code).
 */
export class WorkerError extends Error {
  constructor(
    readonly kind: WorkerErrorKind,
    message: string,
    readonly code: string = 'Error',
    readonly props: WireError['props'] = {},
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** The error as sent: name, message and its own primitive fields (e.g. `code`). */
export function toWireError(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), props: {} };
  const props: WireError['props'] = {};
  for (const [k, v] of Object.entries(e)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) props[k] = v as never;
  }
  // the platform's own AbortError (signal.throwIfAborted()) speaks English
  const message =
    e.name === 'AbortError' && !/[\u4e00-\u9fff]/.test(e.message) ? CANCELLED_MESSAGE : e.message;
  return { name: e.name, message, props };
}

/** An AbortSignal of this realm or another (jsdom's, Node's): read by shape. */
function isAbortSignal(a: unknown): a is AbortSignal {
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof (a as AbortSignal).aborted === 'boolean' &&
    typeof (a as AbortSignal).addEventListener === 'function' &&
    'onabort' in a
  );
}

type Method = (...args: never[]) => unknown;
type MethodKeys<S> = { [K in keyof S]: S[K] extends Method ? K : never }[keyof S] & string;

/** The service as the UI sees it: every method answers with a promise. */
export type Remote<S> = {
  [K in MethodKeys<S>]: S[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
} & { dispose(): void };

// ---------------------------------------------------------------------------------------------------
// Worker side

export interface ServeOptions<S> {
  /** Calls run one after another, in the order sent (an abort still reaches a queued call). Default false. */
  serial?: boolean;
  /** What of a method's result is transferred rather than copied (e.g. a byte array's buffer). */
  transfer?: {
    [K in MethodKeys<S>]?: (result: Awaited<ReturnType<Extract<S[K], Method>>>) => Transferable[];
  };
  /** Adds to each progress message (e.g. the worker's heap for the UI's watchdog). */
  progress?: (p: unknown) => unknown;
  /** What of a progress message is transferred rather than copied (e.g. a streamed file's pieces). */
  progressTransfer?: (p: unknown) => Transferable[];
  /** Turns a thrown value into the wire error (e.g. to describe an English engine error in Chinese). */
  toWire?: (e: unknown) => WireError;
}

/** Answers calls on `endpoint` (the worker's own scope by default) with `service`'s methods. */
export function serve<S extends object>(
  service: S,
  options: ServeOptions<S> = {},
  endpoint: Endpoint = globalThis as unknown as Endpoint,
): void {
  const toWire = options.toWire ?? toWireError;
  let queue: Promise<void> = Promise.resolve();
  /** Each running or queued call's own cancel, by call id. */
  const controllers = new Map<number, AbortController>();
  const run = async (call: Call): Promise<void> => {
    const args = [...call.args];
    const controller = controllers.get(call.id);
    if (controller) args[call.signalAt] = controller.signal;
    if (call.progressAt >= 0) {
      args[call.progressAt] = (p: unknown) =>
        endpoint.postMessage(
          { id: call.id, progress: options.progress ? options.progress(p) : p } satisfies Answer,
          options.progressTransfer?.(p) ?? [],
        );
    }
    try {
      const fn = (service as Record<string, unknown>)[call.method];
      if (typeof fn !== 'function') throw new Error(`后台程序没有“${call.method}”这项操作。`);
      const result: unknown = await (fn as (...a: unknown[]) => unknown).apply(service, args);
      const transfer = (options.transfer as Record<string, ((r: unknown) => Transferable[]) | undefined>)?.[
        call.method
      ];
      endpoint.postMessage(
        { id: call.id, ok: true, result } satisfies Answer,
        transfer ? transfer(result) : [],
      );
    } catch (e) {
      endpoint.postMessage({ id: call.id, ok: false, error: toWire(e) } satisfies Answer);
    } finally {
      controllers.delete(call.id);
    }
  };
  endpoint.onmessage = (event) => {
    const call = event.data as Call;
    if (call.method === ABORT) {
      controllers.get(call.id)?.abort();
      return;
    }
    // made now, so that an abort reaches a call still waiting in the serial queue
    if (call.signalAt >= 0) controllers.set(call.id, new AbortController());
    if (options.serial) queue = queue.then(() => run(call));
    else void run(call);
  };
}

// ---------------------------------------------------------------------------------------------------
// UI side

export interface ConnectOptions<S> {
  /** The message of every waiting call when the worker dies or is stopped; `detail` may be empty. */
  crashed: (detail: string) => string;
  /** What of a call's arguments is transferred rather than copied. */
  transfer?: { [K in MethodKeys<S>]?: (...args: Parameters<Extract<S[K], Method>>) => Transferable[] };
  /** Sees every progress message first; returning an error stops the worker with it (a watchdog). */
  onProgress?: (p: unknown) => WorkerError | void;
  /** The message of every waiting call (kind 'cancelled') when the remote is disposed (default: they are
   * left unanswered). */
  disposed?: () => string;
  /** A busy worker silent for this long is stopped, every waiting call rejected with `message()` ('stalled'). */
  stall?: { ms: number; message: () => string };
  /** The message of a call whose signal was aborted before it was sent (default CANCELLED_MESSAGE). */
  cancelled?: string;
}

/** Rebuilds a wire error into the WorkerError the UI sees: 'cancelled' for an AbortError, else 'failed'. */
export function rebuildError(w: WireError): WorkerError {
  return new WorkerError(w.name === 'AbortError' ? 'cancelled' : 'failed', w.message, w.name, w.props);
}

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: unknown) => void;
};

/**
 * A typed remote of the service a worker serves. The worker starts on the first call (`spawn` is
 * called again after it died or was stopped); `dispose` stops it.
 */
export function connect<S extends object>(
  spawn: () => WorkerLike | Worker,
  options: ConnectOptions<S>,
): Remote<S> {
  let worker: WorkerLike | null = null;
  const pending = new Map<number, Pending>();
  let next = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stop(error: Error | null): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const w = worker;
    worker = null;
    w?.terminate();
    if (error) for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function arm(): void {
    if (!options.stall) return;
    if (timer !== null) clearTimeout(timer);
    const { ms, message } = options.stall;
    timer = pending.size > 0 ? setTimeout(() => stop(new WorkerError('stalled', message())), ms) : null;
  }

  function current(): WorkerLike {
    if (worker) return worker;
    const w = spawn() as WorkerLike;
    w.onmessage = (event) => {
      if (w !== worker) return;
      const m = event.data as Answer;
      const p = pending.get(m.id);
      if (!p) return;
      if ('progress' in m) {
        const refused = options.onProgress?.(m.progress);
        if (refused) return stop(refused);
        arm();
        p.onProgress?.(m.progress);
        return;
      }
      pending.delete(m.id);
      arm();
      if (m.ok) p.resolve(m.result);
      else p.reject(rebuildError(m.error));
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      if (w === worker) stop(new WorkerError('crashed', options.crashed(e.message ?? '')));
    };
    worker = w;
    return w;
  }

  function call(method: string, args: unknown[]): Promise<unknown> {
    // Forgetting a file only concerns a live worker: it never starts one.
    if (method === DISCARD && !worker) return Promise.resolve();
    const progressAt = args.findIndex((a) => typeof a === 'function');
    const onProgress = progressAt >= 0 ? (args[progressAt] as (p: unknown) => void) : undefined;
    const signalAt = args.findIndex(isAbortSignal);
    const signal = signalAt >= 0 ? (args[signalAt] as AbortSignal) : undefined;
    // cancelled before it was sent: no worker is started for it
    if (signal?.aborted)
      return Promise.reject(
        new WorkerError('cancelled', options.cancelled ?? CANCELLED_MESSAGE, 'AbortError'),
      );
    const wireArgs = args.map((a, i) => (i === progressAt ? PROGRESS : i === signalAt ? SIGNAL : a));
    const transferOf = (
      options.transfer as Record<string, ((...a: unknown[]) => Transferable[]) | undefined>
    )?.[method];
    const id = next++;
    return new Promise((resolve, reject) => {
      let w: WorkerLike;
      try {
        w = current();
      } catch (e) {
        reject(new WorkerError('crashed', options.crashed(e instanceof Error ? e.message : String(e))));
        return;
      }
      // the worker answers an aborted call (its method sees the signal), so the store is settled by then
      const onAbort = () => {
        if (pending.has(id) && worker === w)
          w.postMessage({ id, method: ABORT, args: [], progressAt: -1, signalAt: -1 } satisfies Call);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          signal?.removeEventListener('abort', onAbort);
          f(v);
        };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress });
      arm();
      w.postMessage(
        { id, method, args: wireArgs, progressAt, signalAt } satisfies Call,
        transferOf ? transferOf(...args) : [],
      );
    });
  }

  return new Proxy({} as Remote<S>, {
    get(_target, key) {
      if (key === 'dispose')
        return () => {
          const message = options.disposed?.();
          stop(message === undefined ? null : new WorkerError('cancelled', message, 'AbortError'));
        };
      if (typeof key !== 'string' || key === 'then') return undefined;
      return (...args: unknown[]) => call(key, args);
    },
  });
}

/**
 * The service on the calling thread with the remote's behaviour: the same WorkerError (every error passes
 * through its wire form) and the serial queue; an AbortSignal argument reaches the method as it is. For tests, and for environments without module workers.
 */
export function local<S extends object>(
  service: S,
  options: Pick<ServeOptions<S>, 'serial' | 'toWire'> = {},
): Remote<S> {
  const toWire = options.toWire ?? toWireError;
  let queue: Promise<unknown> = Promise.resolve();
  // A plain object (not a proxy), so that callers may spread or wrap it.
  const remote: Record<string, unknown> = { dispose: () => undefined };
  for (const key of methodNames(service)) {
    const fn = (service as Record<string, unknown>)[key] as (...a: unknown[]) => unknown;
    remote[key] = (...args: unknown[]) => {
      const run = async () => {
        try {
          return await fn.apply(service, args);
        } catch (e) {
          throw rebuildError(toWire(e));
        }
      };
      if (!options.serial) return run();
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    };
  }
  return remote as Remote<S>;
}

/** The public method names of an object: its class chain's and its own function fields. */
function methodNames(service: object): string[] {
  const names = new Set<string>();
  for (
    let o: object | null = service;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k !== 'constructor' && typeof (service as Record<string, unknown>)[k] === 'function') names.add(k);
    }
  }
  return [...names];
}
