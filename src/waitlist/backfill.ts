import { sql } from 'kysely';
import { expireHolds } from '../agenda/holds.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { violatedUniqueConstraint } from '../platform/db/errors.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { signLink } from '../platform/signed-links.js';
import type { WaitlistPolicy } from './policy.js';

export interface BackfillSettings {
  policy: WaitlistPolicy;
  /** Signs the offer's one-tap link. */
  linkKey: string;
  /** The origin the link points at. */
  publicUrl: string;
}

export interface BackfillRound {
  expired: number;
  offered: number;
  /** Vacancies nobody on the waitlist fits: the slot stays free for everyone. */
  unclaimed: number;
}

/** The address of an offer's one-tap page. */
export const offerLink = (settings: BackfillSettings, offerId: number, expiresAt: Date) =>
  `${settings.publicUrl}/o/${signLink(settings.linkKey, 'offer', offerId, expiresAt)}`;

/**
 * One pass of the backfill worker (`citas serve` every few seconds): offers past their expiry give
 * their slot back (which notes it as a vacancy again), then each vacancy is offered to the first
 * person whose window fits. Safe beside other processes doing the same: vacancies and entries are
 * taken with SKIP LOCKED, the hold is a conditional UPDATE, and unique indexes refuse a second open
 * offer for a slot or a person.
 */
export async function backfillPass(
  db: Db,
  settings: BackfillSettings,
  now: Date,
  options: { releasedSince?: Date; limit?: number } = {},
): Promise<BackfillRound> {
  const limit = options.limit ?? 200;
  if (options.releasedSince) await noteReleasedSlots(db, options.releasedSince, now);
  const round: BackfillRound = {
    expired: await expireHolds(db, 'waitlist_offers', now),
    offered: 0,
    unclaimed: 0,
  };
  for (let i = 0; i < limit; i++) {
    const outcome = await offerOneVacancy(db, settings, now);
    if (outcome === 'none' || outcome === 'retry') break;
    if (outcome === 'offered') round.offered++;
    else if (outcome === 'unclaimed') round.unclaimed++;
  }
  return round;
}

/**
 * Slots whose release moment came in (since, now] change no row when it comes, so no trigger
 * sees them: note those of units and services somebody waits for as vacancies.
 */
export async function noteReleasedSlots(db: Db, since: Date, now: Date): Promise<void> {
  await sql`insert into slot_vacancies (slot_id)
    select s.id from (select distinct unit_clues, service_code from waitlist_entries) w
    join slots s on s.unit_clues = w.unit_clues and s.service_code = w.service_code
    where s.status = 'free' and s.opens_at > ${since} and s.opens_at <= ${now} and s.starts_at > ${now}
    on conflict do nothing`.execute(db);
}

interface Vacancy {
  slot_id: number;
  status: string;
  pool: string;
  starts_at: Date;
  local_date: string;
  unit_clues: string;
  service_code: string;
  time_zone: string;
  unit_name: string;
  service_name: string;
}

type Outcome = 'none' | 'offered' | 'unclaimed' | 'retry';

async function offerOneVacancy(db: Db, settings: BackfillSettings, now: Date): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const vacancy = (
        await sql<Vacancy>`
          select v.slot_id, s.status, s.pool, s.starts_at, s.local_date::text as local_date, s.unit_clues,
                 s.service_code, u.time_zone, u.name as unit_name, sv.name as service_name
          from slot_vacancies v
          join slots s on s.id = v.slot_id
          join units u on u.clues = s.unit_clues
          join services sv on sv.code = s.service_code
          where s.opens_at <= ${now}
          order by v.freed_at
          limit 1
          for update of v skip locked`.execute(trx)
      ).rows[0];
      if (!vacancy) return 'none';
      await trx.deleteFrom('slot_vacancies').where('slot_id', '=', vacancy.slot_id).execute();
      const latest = new Date(now.getTime() + settings.policy.minLeadMinutes * 60_000);
      // Counter slots stay for the people who come to the window that day.
      if (vacancy.status !== 'free' || vacancy.pool === 'counter' || new Date(vacancy.starts_at) <= latest)
        return 'unclaimed';
      const person = await firstFitting(trx, vacancy, settings.policy);
      if (!person) return 'unclaimed';
      const held = await trx
        .updateTable('slots')
        .set({ status: 'held' })
        .where('id', '=', vacancy.slot_id)
        .where('status', '=', 'free')
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) return 'unclaimed';
      const expiresAt = new Date(now.getTime() + settings.policy.offerMinutes * 60_000);
      const offer = await trx
        .insertInto('waitlist_offers')
        .values({
          entry_id: person.entry_id,
          beneficiary_id: person.beneficiary_id,
          slot_id: vacancy.slot_id,
          unit_clues: vacancy.unit_clues,
          service_code: vacancy.service_code,
          offered_at: now,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueSms(trx, {
        recipient: person.phone,
        beneficiaryId: person.beneficiary_id,
        kind: 'notice',
        body: SMS.offer({
          serviceName: vacancy.service_name,
          unitName: vacancy.unit_name,
          startsAt: new Date(vacancy.starts_at),
          expiresAt,
          timeZone: vacancy.time_zone,
          link: offerLink(settings, offer.id, expiresAt),
        }),
      });
      return 'offered';
    });
  } catch (error) {
    // Another pass gave this person an offer meanwhile: the vacancy is noted again by nobody, so
    // put it back for the next round (its transaction rolled back, the vacancy row with it).
    if (violatedUniqueConstraint(error)?.startsWith('waitlist_offers_')) return 'retry';
    throw error;
  }
}

/**
 * The first person on the waitlist whose window fits the slot: the priority age first when the
 * policy names one, then first come first served. People already holding an offer for the service,
 * or offered this very slot before, are passed over, as are those the booking would refuse anyway
 * (no rights that day, another unit for an adscription service, a referral service, no phone).
 */
async function firstFitting(trx: Db, slot: Vacancy, policy: WaitlistPolicy) {
  const priorityFirst =
    policy.priorityAge === null
      ? sql``
      : sql`case when b.birth_date <= ${slot.local_date}::date - make_interval(years => ${policy.priorityAge}) then 0 else 1 end,`;
  const rows = await sql<{ entry_id: number; beneficiary_id: number; phone: string }>`
    select e.id as entry_id, e.beneficiary_id, coalesce(b.phone, h.phone) as phone
    from waitlist_entries e
    join beneficiaries b on b.id = e.beneficiary_id
    left join beneficiaries h on h.id = b.holder_id
    join services sv on sv.code = e.service_code
    where e.unit_clues = ${slot.unit_clues} and e.service_code = ${slot.service_code}
      and (e.weekdays is null or extract(isodow from ${slot.local_date}::date)::smallint = any (e.weekdays))
      and (e.shift is null or e.shift = (select shift from slots where id = ${slot.slot_id}))
      and b.eligible_until >= ${slot.local_date}::date
      and (not sv.requires_adscription or b.unit_clues = ${slot.unit_clues})
      and not sv.requires_referral
      and coalesce(b.phone, h.phone) is not null
      and not exists (select 1 from waitlist_offers o where o.beneficiary_id = e.beneficiary_id
                      and o.service_code = e.service_code and o.status = 'open')
      and not exists (select 1 from waitlist_offers o where o.beneficiary_id = e.beneficiary_id
                      and o.slot_id = ${slot.slot_id})
    order by ${priorityFirst} e.joined_at, e.id
    limit 1
    for update of e skip locked`.execute(trx);
  const row = rows.rows[0];
  return row ? { ...row, entry_id: Number(row.entry_id), beneficiary_id: Number(row.beneficiary_id) } : null;
}
