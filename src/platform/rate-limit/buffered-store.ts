import type { RateLimit, RateVerdict } from './counter.js';
import { fixedWindow, type RateLimitStore } from './store.js';

/** Hits to add to one counter's window. */
export interface WindowIncrement {
  key: string;
  windowStart: number;
  windowSeconds: number;
  hits: number;
}

/** A shared store that can also add to many counters at once (one statement or one pipeline). */
export interface BatchingRateLimitStore extends RateLimitStore {
  /** Adds each increment to its counter; returns the counters' new totals, in the same order. */
  add(increments: readonly WindowIncrement[]): Promise<number[]>;
}

export interface BufferedRateLimitStore extends RateLimitStore {
  /** Sends the hits counted in memory to the shared store now (the timer does it every flushMs). */
  flush(): Promise<void>;
}

interface Counter {
  rule: RateLimit;
  windowStart: number;
  windowEnd: number;
  /** The shared total as the store last returned it (this process's flushed hits included). */
  shared: number;
  /** Whether the store has answered for this counter yet; until then every hit asks it. */
  known: boolean;
  /** Hits admitted here and not yet sent. */
  pending: number;
  /** Hits on their way to the store, not yet in `shared`. */
  sending: number;
}

/** Past this many counters, those with nothing pending are forgotten (their next hit asks the store). */
const MAX_COUNTERS = 50_000;

/**
 * Rate-limit counting that costs no database (or Redis) round trip on most requests. Each process
 * counts a window's hits in memory and adds them to the shared store every `flushMs`, one
 * statement for all counters, so a hot counter (one carrier's address, one integration's token)
 * no longer costs a commit per request on the same row.
 *
 * A counter's first hit in a process goes to the store (to learn the shared total). After that, a
 * hit is only counted in memory while this process's estimate — the shared total it last saw plus
 * its own hits not yet acknowledged, this one included — is at most half the limit; past that every hit goes to
 * the store at once, carrying the unsent ones, and is judged by the exact total. Hence:
 * - with one server process a limit is exact: the limit-th hit is allowed, the next refused;
 * - with N processes a window admits at most `limit + (N − 1) × ⌊limit / 2⌋` hits, and that only
 *   when every process admits half the limit within one flush interval; otherwise the excess is
 *   what the other processes admitted since their last flush;
 * - a process that dies loses at most `flushMs` of its hits (an undercount, never a refusal);
 * - the first refusal of a window is still seen exactly once (it comes from the store's total);
 * - while the shared store cannot answer, hits are judged by this process's own count and kept
 *   for the next flush.
 */
export function bufferedRateLimitStore(
  shared: BatchingRateLimitStore,
  options: { flushMs: number; onError?: (error: Error) => void },
): BufferedRateLimitStore {
  const onError = options.onError ?? (() => {});
  const counters = new Map<string, Counter>();
  const idOf = (key: string, windowStart: number) => `${windowStart}|${key}`;

  async function exactHit(counter: Counter, retryAfterSeconds: number): Promise<RateVerdict> {
    const carried = counter.pending + 1;
    counter.pending = 0;
    counter.sending += carried;
    try {
      const [hits = 0] = await shared.add([
        {
          key: counter.rule.key,
          windowStart: counter.windowStart,
          windowSeconds: counter.rule.windowSeconds,
          hits: carried,
        },
      ]);
      counter.sending -= carried;
      counter.shared = Math.max(counter.shared, hits);
      counter.known = true;
      return { allowed: hits <= counter.rule.limit, retryAfterSeconds, hits };
    } catch (error) {
      // The shared store cannot answer: judged by what this process knows, sent again later.
      onError(error as Error);
      counter.sending -= carried;
      counter.pending += carried;
      const hits = counter.shared + counter.sending + counter.pending;
      return { allowed: hits <= counter.rule.limit, retryAfterSeconds, hits };
    }
  }

  async function flush(): Promise<void> {
    const now = Date.now();
    const due = [...counters.values()]
      .filter((c) => c.pending > 0)
      // The same order in every process: two flushes never wait on each other's rows in a cycle.
      .sort((a, b) =>
        a.rule.key < b.rule.key ? -1 : a.rule.key > b.rule.key ? 1 : a.windowStart - b.windowStart,
      );
    const sent = due.map((c) => c.pending);
    for (const c of due) {
      c.sending += c.pending;
      c.pending = 0;
    }
    if (due.length > 0) {
      try {
        const totals = await shared.add(
          due.map((c, i) => ({
            key: c.rule.key,
            windowStart: c.windowStart,
            windowSeconds: c.rule.windowSeconds,
            hits: sent[i] as number,
          })),
        );
        due.forEach((c, i) => {
          c.sending -= sent[i] as number;
          c.shared = Math.max(c.shared, totals[i] ?? 0);
        });
      } catch (error) {
        due.forEach((c, i) => {
          c.sending -= sent[i] as number;
          c.pending += sent[i] as number;
        });
        onError(error as Error);
      }
    }
    const crowded = counters.size > MAX_COUNTERS;
    for (const [id, c] of counters)
      if (c.pending === 0 && c.sending === 0 && (c.windowEnd <= now || crowded)) counters.delete(id);
  }

  const timer = setInterval(() => void flush(), options.flushMs);
  timer.unref();

  return {
    async hit(rule, now) {
      const window = fixedWindow(rule.windowSeconds, now);
      if (rule.limit <= 0) return { allowed: true, retryAfterSeconds: window.retryAfterSeconds, hits: 0 };
      const id = idOf(rule.key, window.start);
      let counter = counters.get(id);
      if (!counter) {
        counter = {
          rule,
          windowStart: window.start,
          windowEnd: window.end,
          shared: 0,
          known: false,
          pending: 0,
          sending: 0,
        };
        counters.set(id, counter);
      }
      counter.rule = rule;
      const estimate = counter.shared + counter.sending + counter.pending + 1;
      if (!counter.known || 2 * estimate > rule.limit) return exactHit(counter, window.retryAfterSeconds);
      counter.pending++;
      return { allowed: true, retryAfterSeconds: window.retryAfterSeconds, hits: estimate };
    },
    async count(rule, now) {
      const window = fixedWindow(rule.windowSeconds, now);
      return (await shared.count(rule, now)) + (counters.get(idOf(rule.key, window.start))?.pending ?? 0);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      await shared.close();
    },
  };
}
