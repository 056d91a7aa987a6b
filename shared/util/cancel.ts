// Cancelling a long job: the caller's AbortSignal (one per call, carried across the worker RPC) is checked
// between steps; a job that sees it aborted throws the one cancellation error, named 'AbortError' as the
// platform names it, with a Chinese message the UI can show as is. Pure: an AbortSignal is only read.

/** What a job reads of its caller's AbortSignal. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export const CANCELLED_MESSAGE = '操作已取消，数据库未作任何更改。';

/** The error a cancelled job throws: name 'AbortError', a Chinese message. */
export function cancelledError(message: string = CANCELLED_MESSAGE): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/** Throws the cancellation error when `signal` has been aborted. */
export function throwIfCancelled(signal: CancelSignal | undefined, message?: string): void {
  if (signal?.aborted) throw cancelledError(message);
}

/** True for a cancellation: this module's error, the platform's AbortError, or an error of kind 'cancelled'. */
export function isCancelled(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, kind } = e as { name?: unknown; kind?: unknown };
  return name === 'AbortError' || kind === 'cancelled';
}
