import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

export interface UnitWaitlist {
  unitClues: string;
  unitName: string;
  timeZone: string;
  waiting: Array<{
    beneficiaryId: number;
    name: string;
    serviceName: string;
    weekdays: number[] | null;
    shift: 'M' | 'V' | null;
    joinedAt: Date;
    channel: string;
    offerExpiresAt: Date | null;
  }>;
  /** Offers of the last `days`, by how they ended; `open` are out now. */
  offers: { open: number; taken: number; expired: number; declined: number; void: number };
  /** Share of offers made that ended in an appointment (null before any closed). */
  fillRate: number | null;
}

/**
 * A unit's waitlist for its staff: who waits (in the order offers go), the offers out and how
 * offers of the last `days` ended. Names people: the caller audits the read.
 */
export async function unitWaitlist(
  db: Db,
  unitClues: string,
  now: Date,
  days = 30,
): Promise<UnitWaitlist | null> {
  const unit = await db
    .selectFrom('units')
    .select(['clues', 'name', 'time_zone'])
    .where('clues', '=', unitClues)
    .executeTakeFirst();
  if (!unit) return null;
  const waiting = await sql<{
    beneficiary_id: number;
    given_names: string;
    first_surname: string;
    service_name: string;
    weekdays: number[] | null;
    shift: 'M' | 'V' | null;
    joined_at: Date;
    channel: string;
    offer_expires_at: Date | null;
  }>`
    select e.beneficiary_id, b.given_names, b.first_surname, sv.name as service_name, e.weekdays, e.shift,
           e.joined_at, e.channel, o.expires_at as offer_expires_at
    from waitlist_entries e
    join beneficiaries b on b.id = e.beneficiary_id
    join services sv on sv.code = e.service_code
    left join waitlist_offers o on o.beneficiary_id = e.beneficiary_id and o.service_code = e.service_code
      and o.status = 'open'
    where e.unit_clues = ${unitClues}
    order by sv.name, e.joined_at, e.id
    limit 500`.execute(db);
  const since = new Date(now.getTime() - days * 86_400_000);
  const counts = await db
    .selectFrom('waitlist_offers')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('unit_clues', '=', unitClues)
    .where('offered_at', '>', since)
    .groupBy('status')
    .execute();
  const offers = { open: 0, taken: 0, expired: 0, declined: 0, void: 0 };
  for (const c of counts) offers[c.status] = Number(c.n);
  const closed = offers.taken + offers.expired + offers.declined + offers.void;
  return {
    unitClues: unit.clues,
    unitName: unit.name,
    timeZone: unit.time_zone,
    waiting: waiting.rows.map((r) => ({
      beneficiaryId: Number(r.beneficiary_id),
      name: `${r.given_names} ${r.first_surname}`,
      serviceName: r.service_name,
      weekdays: r.weekdays ? r.weekdays.map(Number) : null,
      shift: r.shift,
      joinedAt: new Date(r.joined_at),
      channel: r.channel,
      offerExpiresAt: r.offer_expires_at ? new Date(r.offer_expires_at) : null,
    })),
    offers,
    fillRate: closed > 0 ? offers.taken / closed : null,
  };
}
