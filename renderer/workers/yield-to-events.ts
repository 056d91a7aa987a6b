/**
 * A macrotask yield without setTimeout's 4 ms clamp, so that a cancel (or any other message) can arrive
 * between the chunks of a long job in a worker.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
