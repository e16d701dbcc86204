// The crowd's phones: sign-in codes are read from the notification outbox once the server's SMS
// worker has handed them to the gateway (status `sent`), as a person reads them off their phone.
import pg from 'pg';

interface Waiter {
  beneficiaryId: number;
  afterId: number;
  since: number;
  resolve: (code: string | null) => void;
  timer: NodeJS.Timeout;
}

const POLL_MS = 200;

export class PhoneInbox {
  private readonly pool: pg.Pool;
  private readonly waiting = new Set<Waiter>();
  private readonly lastRead = new Map<number, number>();
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  /** How long each code took from asking to reading, in ms. */
  readonly delays: number[] = [];

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    this.poller = setInterval(() => void this.poll(), POLL_MS);
  }

  /** The next code sent to this person's phone, or null when none arrives within `timeoutMs`. */
  next(beneficiaryId: number, timeoutMs = 60_000): Promise<string | null> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        beneficiaryId,
        afterId: this.lastRead.get(beneficiaryId) ?? 0,
        since: performance.now(),
        resolve,
        timer: setTimeout(() => {
          this.waiting.delete(waiter);
          resolve(null);
        }, timeoutMs),
      };
      this.waiting.add(waiter);
    });
  }

  async close() {
    clearInterval(this.poller);
    for (const w of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    await this.pool.end();
  }

  private async poll() {
    if (this.polling || this.waiting.size === 0) return;
    this.polling = true;
    try {
      const waiters = [...this.waiting];
      const after = Math.min(...waiters.map((w) => w.afterId));
      const sent = await this.pool.query<{ id: string; beneficiary_id: string; printable: string }>(
        `select id, beneficiary_id, printable from notifications
          where kind = 'otp' and status = 'sent' and id > $1 and beneficiary_id = any($2::bigint[])
          order by id`,
        [after, waiters.map((w) => w.beneficiaryId)],
      );
      for (const w of waiters) {
        const mine = sent.rows.filter(
          (r) => Number(r.beneficiary_id) === w.beneficiaryId && Number(r.id) > w.afterId,
        );
        const newest = mine.at(-1);
        if (!newest) continue;
        this.lastRead.set(w.beneficiaryId, Number(newest.id));
        this.waiting.delete(w);
        clearTimeout(w.timer);
        this.delays.push(performance.now() - w.since);
        w.resolve(newest.printable);
      }
    } catch {
      // The database was busy or closing: the next poll tries again.
    } finally {
      this.polling = false;
    }
  }
}
