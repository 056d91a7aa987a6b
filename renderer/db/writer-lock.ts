// Which window writes. The page that holds the Web Lock `pingcha-writer` is the writer; any other
// window of the app on the same store is a reader: it shows a notice, and its database connection
// (and its workers') refuse writes. A reader queues for the lock and becomes the writer by itself when
// the writer window closes (the browser releases a closed page's locks). Where there is no Web Locks
// API (jsdom, Node tests) the one window is the writer.
import { WriteGate, type StoreRole } from './write-gate';

export const WRITER_LOCK = 'pingcha-writer';
/**
 * Claims the writer role for `gate`. Resolves once the role is known ('writer' or 'reader'); a reader
 * keeps waiting in the background and `onTakeOver` runs when it becomes the writer. The lock is held
 * until the page closes or its connection is closed by a schema upgrade (gate 'upgraded').
 */
export async function claimWriterRole(
  gate: WriteGate,
  locks: LockManager | undefined,
  onTakeOver?: () => void,
): Promise<'writer' | 'reader'> {
  if (!locks) {
    gate.set('writer');
    return 'writer';
  }
  const hold = (): Promise<void> => gate.closed();
  const got = await new Promise<boolean>((resolve, reject) => {
    locks
      .request(WRITER_LOCK, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? hold() : undefined;
      })
      .catch(reject);
  });
  if (got) {
    gate.set('writer');
    return 'writer';
  }
  gate.set('reader');
  void locks.request(WRITER_LOCK, () => {
    if (gate.role === 'upgraded') return undefined;
    gate.set('writer');
    onTakeOver?.();
    return hold();
  });
  return 'reader';
}

/** The message a page sends its workers to tell them whether they may write. */
export const ROLE_MESSAGE = 'pingcha:store-role';

interface RoleMessage {
  [ROLE_MESSAGE]: StoreRole;
}

function isRoleMessage(data: unknown): data is RoleMessage {
  return typeof data === 'object' && data !== null && ROLE_MESSAGE in data;
}

/** Tells a worker this page's role now and whenever it changes (a reader that takes over, an upgrade). */
export function shareRoleWithWorker(worker: Pick<Worker, 'postMessage'>, gate: WriteGate): () => void {
  worker.postMessage({ [ROLE_MESSAGE]: gate.role } satisfies RoleMessage);
  return gate.subscribe((role) => worker.postMessage({ [ROLE_MESSAGE]: role } satisfies RoleMessage));
}

/**
 * The gate of a worker's database connection: a reader until its page says it is the writer (the page
 * posts its role first, before any job). Call before the worker's own message handler is set: role
 * messages are consumed here and never reach it.
 */
export function workerGate(scope: Pick<EventTarget, 'addEventListener'>): WriteGate {
  const gate = new WriteGate('reader');
  scope.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data;
    if (!isRoleMessage(data)) return;
    event.stopImmediatePropagation();
    gate.set(data[ROLE_MESSAGE]);
  });
  return gate;
}
