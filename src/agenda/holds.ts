// A slot is 'held' while it is kept for one person: a waitlist offer (waitlist/backfill.ts) or a
// closure's proposed replacement time (booking/replacement.ts). Both end here when the slot frees
// or closes, so no path leaves a hold open on a slot nobody can book.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

/** Gives held slots back to everyone; the slots trigger notes them as vacancies for the next person. */
export async function unholdSlots(trx: Db, slotIds: number[]): Promise<void> {
  if (slotIds.length === 0) return;
  await trx
    .updateTable('slots')
    .set({ status: 'free' })
    .where('id', 'in', slotIds)
    .where('status', '=', 'held')
    .execute();
}

/** The records that hold a slot for one person until they answer or the hold expires. */
export type HoldTable = 'waitlist_offers' | 'rebooking_proposals';

/** Closes the holds of `table` whose time is up and frees their slots, in one transaction. */
export async function expireHolds(db: Db, table: HoldTable, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lapsed = await sql<{ slot_id: number }>`
      update ${sql.table(table)} set status = 'expired', closed_at = ${now}
      where status = 'open' and expires_at <= ${now}
      returning slot_id`.execute(trx);
    await unholdSlots(
      trx,
      lapsed.rows.map((h) => Number(h.slot_id)),
    );
    return lapsed.rows.length;
  });
}

/**
 * The latest open hold of `table` told to this phone (the person's or their holder's): what a
 * reply of SI or NO answers. A family sharing a phone answers the latest message it received.
 */
export async function openHoldTo(db: Db, table: HoldTable, phone: string, now: Date): Promise<number | null> {
  const row = await sql<{ id: number }>`
    select o.id from ${sql.table(table)} o
    join beneficiaries b on b.id = o.beneficiary_id
    left join beneficiaries h on h.id = b.holder_id
    where o.status = 'open' and o.expires_at > ${now} and coalesce(b.phone, h.phone) = ${phone}
    order by o.id desc
    limit 1`.execute(db);
  return row.rows[0] ? Number(row.rows[0].id) : null;
}

export interface BlockedSlots {
  /** Free or held slots that can no longer be booked. */
  blocked: number;
  /** Flagged appointments whose proposed time was on one of these slots: each needs another. */
  proposalsWithdrawn: string[];
}

/**
 * Blocks the free and held slots among `slotIds` (a closure, an absence, a template change). A held
 * slot's waitlist offer is voided and its proposed replacement withdrawn: neither can be taken now.
 */
export async function blockSlots(trx: Db, slotIds: number[], reason: string): Promise<BlockedSlots> {
  if (slotIds.length === 0) return { blocked: 0, proposalsWithdrawn: [] };
  const blocked = await trx
    .updateTable('slots')
    .set({ status: 'blocked', blocked_reason: reason })
    .where('status', 'in', ['free', 'held'])
    .where('id', 'in', slotIds)
    .returning('id')
    .execute();
  // Only a slot that was held has an open offer or proposal; the closure's moment ends them.
  const ids = blocked.map((s) => s.id);
  if (ids.length === 0) return { blocked: 0, proposalsWithdrawn: [] };
  const now = sql<Date>`now()`;
  await trx
    .updateTable('waitlist_offers')
    .set({ status: 'void', closed_at: now })
    .where('slot_id', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  const withdrawn = await trx
    .updateTable('rebooking_proposals')
    .set({ status: 'withdrawn', closed_at: now })
    .where('slot_id', 'in', ids)
    .where('status', '=', 'open')
    .returning('appointment_id')
    .execute();
  return { blocked: blocked.length, proposalsWithdrawn: withdrawn.map((p) => p.appointment_id) };
}
