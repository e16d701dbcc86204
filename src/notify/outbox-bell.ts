// A sign-in code is read by someone waiting at the page: it must leave when it is queued, not at
// the SMS worker's next tick. Whoever queues such a message rings this process's bell once its
// transaction has committed (before, the worker could not see the row yet); the worker wakes and
// drains. Other processes' workers still find the message on their tick, so a lost ring only costs
// that tick.

const listeners = new Set<() => void>();

/** Tells this process's SMS worker that a message waiting for someone was just committed. */
export function ringOutbox(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` on every ring until the returned function is called. */
export function onOutboxRing(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
