import { sql } from 'kysely';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { newSeed } from '../platform/seeded-shuffle.js';
import { admissionsDue } from './admission.js';
import { drawOrder } from './draw.js';
import { lineKey } from './line-order.js';
import type { ReleasePolicy } from './policy.js';

/** How often a release's line is moved at most; page views in between only read. */
export const ADVANCE_EVERY_MS = 1000;

/**
 * Moves a release's line to `now`: at or after opens_at, the draw (once); then expired passes
 * close, and people are admitted at the paced rate, in line order. Runs under the release row's
 * lock; when another process holds it (moving the same line), this call does nothing.
 */
export async function advanceRelease(
  db: Db,
  releaseId: number,
  policy: ReleasePolicy,
  factor: number,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const release = await trx
      .selectFrom('waiting_room_releases')
      .selectAll()
      .where('id', '=', releaseId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!release || now < release.opens_at) return;
    if (!release.drawn_at) await draw(trx, release.id, release.opens_at, release.unit_clues, now);
    await trx
      .updateTable('waiting_room_places')
      .set({ status: 'expired' })
      .where('release_id', '=', releaseId)
      .where('status', '=', 'admitted')
      .where('pass_expires_at', '<=', now)
      .execute();
    const counts = await sql<{ free_slots: number; open_passes: number; waiting: number }>`
      select
        (select count(*) from slots s
          where s.unit_clues = ${release.unit_clues} and s.service_code = ${release.service_code}
            and s.opens_at = ${release.opens_at} and s.pool = 'web' and s.status = 'free')::int as free_slots,
        (select count(*) from waiting_room_places p
          where p.release_id = ${releaseId} and p.status = 'admitted' and p.beneficiary_id is not null)::int as open_passes,
        (select count(*) from waiting_room_places p
          where p.release_id = ${releaseId} and p.status = 'waiting' and p.beneficiary_id is not null)::int as waiting
    `.execute(trx);
    const c = counts.rows[0] ?? { free_slots: 0, open_passes: 0, waiting: 0 };
    const step = admissionsDue({
      opensAt: release.opens_at,
      lastAdmissionAt: release.last_admission_at,
      credit: release.admission_credit,
      admitPerMinute: policy.admitPerMinute,
      factor,
      freeSlots: c.free_slots,
      openPasses: c.open_passes,
      waiting: c.waiting,
      now,
    });
    const passUntil = new Date(now.getTime() + policy.passMinutes * 60_000);
    if (step.admit > 0) {
      await sql`
        update waiting_room_places set status = 'admitted', admitted_at = ${now}, pass_expires_at = ${passUntil}
        where id in (
          select w.id from waiting_room_places w
          where w.release_id = ${releaseId} and w.status = 'waiting' and w.beneficiary_id is not null
          order by ${lineKey('w')} limit ${step.admit})`.execute(trx);
    }
    // Places with no person behind them move on like the others: each is "admitted" once nobody
    // who can book is still waiting ahead of it, and admits into nothing.
    await sql`
      update waiting_room_places d set status = 'admitted', admitted_at = ${now}, pass_expires_at = ${passUntil}
      where d.release_id = ${releaseId} and d.status = 'waiting' and d.beneficiary_id is null
        and not exists (
          select 1 from waiting_room_places w
          where w.release_id = ${releaseId} and w.status = 'waiting' and w.beneficiary_id is not null
            and ${lineKey('w')} < ${lineKey('d')})`.execute(trx);
    await trx
      .updateTable('waiting_room_releases')
      .set({ last_admission_at: now, admission_credit: step.credit })
      .where('id', '=', releaseId)
      .execute();
  });
}

/** The recorded draw: the places taken before opens_at, shuffled with a fresh seed. */
async function draw(trx: Db, releaseId: number, opensAt: Date, unitClues: string, now: Date) {
  const places = await trx
    .selectFrom('waiting_room_places')
    .select('id')
    .where('release_id', '=', releaseId)
    .where('joined_at', '<', opensAt)
    .orderBy('id')
    .execute();
  const seed = newSeed();
  const order = drawOrder(
    places.map((p) => p.id),
    seed,
  );
  if (order.length > 0) {
    await sql`
      update waiting_room_places p set draw_rank = d.rank
      from unnest(${sql.val(order)}::bigint[]) with ordinality as d(id, rank)
      where p.id = d.id`.execute(trx);
  }
  await trx
    .updateTable('waiting_room_releases')
    .set({ drawn_at: now, draw_seed: seed, draw_order: JSON.stringify(order) })
    .where('id', '=', releaseId)
    .execute();
  await recordAudit(trx, {
    actor: { kind: 'system', id: 'waiting-room' },
    action: 'waiting_room.draw',
    unitClues,
    channel: 'web',
    result: 'ok',
    detail: { release: releaseId, places: order.length, seed },
  });
}
