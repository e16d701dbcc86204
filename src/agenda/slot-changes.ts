import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { AvailabilityMemory } from './availability-memory.js';

export interface SlotChangeWatch {
  /** Reads what changed since the last poll (the interval calls it; tests call it themselves). */
  poll(now?: number): Promise<void>;
  stop(): void;
}

export interface SlotChangeWatchOptions {
  everyMs: number;
  /**
   * An id is handed out when its statement runs and becomes visible when its transaction commits,
   * so ids appear out of order: ids are read again until they have been visible this long.
   */
  settleMs?: number;
  onError?: (error: Error) => void;
  onRead?: () => void;
}

interface Change {
  id: string;
  unit_clues: string | null;
  service_code: string | null;
}

/** One append-only log read by id: each id is acted on once, however late it commits. */
class LogCursor {
  private floor: number | undefined;
  private readonly seen = new Map<number, number>();

  constructor(
    private readonly latest: () => RawBuilder<{ id: string | null }>,
    private readonly since: (floor: number) => RawBuilder<Change>,
  ) {}

  async read(db: Db, now: number, settleMs: number): Promise<Change[]> {
    if (this.floor === undefined) {
      const last = await this.latest().execute(db);
      this.floor = Number(last.rows[0]?.id ?? 0);
      return [];
    }
    const rows = (await this.since(this.floor).execute(db)).rows;
    // One id may come on several rows (a reschedule names two slots).
    const fresh = rows.filter((row) => !this.seen.has(Number(row.id)));
    for (const row of fresh) this.seen.set(Number(row.id), now);
    let settled = this.floor;
    for (const [id, at] of this.seen) if (at <= now - settleMs && id > settled) settled = id;
    this.floor = settled;
    for (const id of this.seen.keys()) if (id <= settled) this.seen.delete(id);
    return fresh;
  }
}

/**
 * Tells `memory` which units and services had a slot change, from two logs written in the same
 * statement or transaction as the change, so no code path can forget them and no commit waits for
 * them (a NOTIFY from a trigger serialized every commit: pgbench on this machine fell from ≈4,600
 * to ≈1,500 transactions/s):
 * - the appointment events: bookings, cancellations and reschedules;
 * - `slot_changes` (migration 0161's trigger): every other change a list of free slots shows.
 */
export function watchSlotChanges(
  db: Db,
  memory: AvailabilityMemory,
  options: SlotChangeWatchOptions,
): SlotChangeWatch {
  const settleMs = options.settleMs ?? 2_000;
  const events = new LogCursor(
    () => sql`select max(id) as id from appointment_events`,
    // Every event is read (an attendance moves the floor too); only slot changes name a slot.
    (floor) => sql`
      select e.id, s.unit_clues, s.service_code
        from appointment_events e
        left join slots s on e.action in ('booked', 'cancelled', 'rescheduled')
                         and (s.id = e.to_slot_id or s.id = e.from_slot_id)
       where e.id > ${floor}`,
  );
  const changes = new LogCursor(
    () => sql`select max(id) as id from slot_changes`,
    (floor) => sql`select id, unit_clues, service_code from slot_changes where id > ${floor}`,
  );
  let running: Promise<void> | undefined;

  async function read(now: number) {
    for (const cursor of [events, changes]) {
      for (const change of await cursor.read(db, now, settleMs)) {
        if (change.unit_clues && change.service_code) memory.changed(change.unit_clues, change.service_code);
      }
    }
  }

  function poll(now = Date.now()) {
    running ??= read(now)
      .then(() => options.onRead?.())
      .catch((error: Error) => {
        // Changes may be happening unseen: answers are read afresh until the logs can be read.
        memory.forgetEverything();
        options.onError?.(error);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void poll(), options.everyMs);
  timer.unref();
  return { poll, stop: () => clearInterval(timer) };
}

/** Every process reads a change within seconds of its commit: an hour later nobody needs it. */
export async function forgetOldSlotChanges(db: Db): Promise<void> {
  await sql`delete from slot_changes where at < now() - interval '1 hour'`.execute(db);
}
