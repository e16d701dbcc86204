import { sql } from 'kysely';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { ADVANCE_EVERY_MS, advanceRelease } from './advance.js';
import { WaitingRoomError } from './errors.js';
import { lineKey } from './line-order.js';
import { type PlaceView, placeView } from './place-view.js';
import type { ReleasePolicy } from './policy.js';
import { releasePolicyFor } from './settings.js';
import { PLACE_TOKEN, sha256 } from './tokens.js';

export interface WaitingPlace {
  view: PlaceView;
  unitClues: string;
  serviceCode: string;
  opensAt: Date;
  /** The unit's zone: times on the page are on the unit's clock. */
  timeZone: string;
  policy: ReleasePolicy;
}

export interface PaceInput {
  defaults: ReleasePolicy;
  /** The latency factor now (admission.ts paceFactor): 1 when the server is quick. */
  factor: number;
  sourceIp?: string;
}

/**
 * A place as its waiting page shows it, named by the secret in the page's address. Moves the
 * release's line first when it is due (the draw at opens_at, then admissions), so the line moves
 * while people watch it, in any server process, with no worker to keep alive. A token that names no
 * place is refused and audited.
 */
export async function waitingPlace(db: Db, token: string, pace: PaceInput, now: Date): Promise<WaitingPlace> {
  let place = await placeByToken(db, token, pace.sourceIp);
  const policy = await releasePolicyFor(db, place.unit_clues, place.service_code, pace.defaults);
  const due =
    now >= place.opens_at &&
    (!place.drawn_at ||
      !place.last_admission_at ||
      now.getTime() - place.last_admission_at.getTime() >= ADVANCE_EVERY_MS);
  if (due) {
    await advanceRelease(db, place.release_id, policy, pace.factor, now);
    place = await placeByToken(db, token, pace.sourceIp);
  }
  const line = await sql<{ ahead: number; waiting_total: number; free_slots: number; open_passes: number }>`
    select
      (select count(*) from waiting_room_places w
        where w.release_id = ${place.release_id} and w.status = 'waiting' and w.beneficiary_id is not null
          and ${lineKey('w')} < (coalesce(${place.draw_rank}::int, 2147483647), ${place.queued_at}::timestamptz, ${place.id}::bigint))::int as ahead,
      (select count(*) from waiting_room_places w
        where w.release_id = ${place.release_id} and w.status = 'waiting')::int as waiting_total,
      (select count(*) from slots s
        where s.unit_clues = ${place.unit_clues} and s.service_code = ${place.service_code}
          and s.opens_at = ${place.opens_at} and s.pool = 'web' and s.status = 'free')::int as free_slots,
      (select count(*) from waiting_room_places w
        where w.release_id = ${place.release_id} and w.status = 'admitted' and w.beneficiary_id is not null
          and w.pass_expires_at > ${now})::int as open_passes`.execute(db);
  const l = line.rows[0] ?? { ahead: 0, waiting_total: 0, free_slots: 0, open_passes: 0 };
  const view = placeView(
    {
      status: place.status,
      passExpiresAt: place.pass_expires_at,
      ordered: place.drawn_at !== null,
      opensAt: place.opens_at,
    },
    {
      ahead: l.ahead,
      waitingTotal: l.waiting_total,
      freeSlots: l.free_slots,
      openPasses: l.open_passes,
      perMinute: policy.admitPerMinute * pace.factor,
    },
    now,
  );
  return {
    view,
    unitClues: place.unit_clues,
    serviceCode: place.service_code,
    opensAt: place.opens_at,
    timeZone: place.time_zone,
    policy,
  };
}

/**
 * After an expired pass, the person's same place goes to the back of the line (one place per person
 * still: the row moves, none is added). Anything else changes nothing.
 */
export async function requeuePlace(db: Db, token: string, now: Date, sourceIp?: string): Promise<void> {
  const place = await placeByToken(db, token, sourceIp);
  const moved = await db
    .updateTable('waiting_room_places')
    .set({ status: 'waiting', admitted_at: null, pass_expires_at: null, draw_rank: null, queued_at: now })
    .where('id', '=', place.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'expired'),
        eb.and([eb('status', '=', 'admitted'), eb('pass_expires_at', '<=', now)]),
      ]),
    )
    .executeTakeFirst();
  const ok = Number(moved.numUpdatedRows) === 1;
  await recordAudit(db, {
    actor: { kind: 'beneficiary', id: 'unknown' },
    action: 'waiting_room.requeue',
    subjectBeneficiaryId: place.beneficiary_id,
    unitClues: place.unit_clues,
    channel: 'web',
    sourceIp: sourceIp ?? null,
    result: ok ? 'ok' : 'refused',
    detail: { place: place.id, ...(ok ? {} : { code: 'PLACE_NOT_EXPIRED' }) },
  });
  if (!ok) throw new WaitingRoomError('PLACE_NOT_EXPIRED', 'only an expired pass goes back to the line');
}

async function placeByToken(db: Db, token: string, sourceIp?: string) {
  const place = PLACE_TOKEN.test(token)
    ? await db
        .selectFrom('waiting_room_places as p')
        .innerJoin('waiting_room_releases as r', 'r.id', 'p.release_id')
        .innerJoin('units as u', 'u.clues', 'r.unit_clues')
        .select([
          'u.time_zone',
          'p.id',
          'p.release_id',
          'p.beneficiary_id',
          'p.status',
          'p.draw_rank',
          'p.queued_at',
          'p.pass_expires_at',
          'r.unit_clues',
          'r.service_code',
          'r.opens_at',
          'r.drawn_at',
          'r.last_admission_at',
        ])
        .where('p.token_hash', '=', sha256(token))
        .executeTakeFirst()
    : undefined;
  if (place) return place;
  await recordAudit(db, {
    actor: { kind: 'beneficiary', id: 'unknown' },
    action: 'waiting_room.place',
    channel: 'web',
    sourceIp: sourceIp ?? null,
    result: 'refused',
    detail: { code: 'PLACE_NOT_FOUND' },
  });
  throw new WaitingRoomError('PLACE_NOT_FOUND', 'no place has that address');
}
