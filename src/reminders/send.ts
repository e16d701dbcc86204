import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { signLink } from '../platform/signed-links.js';
import { dueLead } from './due.js';
import { mustConfirmToKeep, type ReminderPolicy } from './policy.js';

export interface ReminderSettings {
  policy: ReminderPolicy;
  linkKey: string;
  publicUrl: string;
}

/** The address of an appointment's one-tap answer page; good until the appointment starts. */
export const reminderLink = (
  settings: Pick<ReminderSettings, 'linkKey' | 'publicUrl'>,
  appointmentId: string,
  startsAt: Date,
) => `${settings.publicUrl}/r/${signLink(settings.linkKey, 'reminder', appointmentId, startsAt)}`;

interface Candidate {
  id: string;
  starts_at: Date;
  created_at: Date;
  beneficiary_id: number;
  phone: string;
  time_zone: string;
  unit_name: string;
  service_name: string;
  sent: number[];
  no_shows: number;
  confirmed: boolean;
}

/**
 * One pass of the reminder worker (`citas serve` every minute): queues the reminders that are due.
 * The reminder's row and its SMS are written in one transaction and the row is unique per
 * appointment and lead, so two workers, or a worker restarted mid-pass, never queue one twice; the
 * outbox's delivery is what sends it (notify/deliver.ts, proven against a crash mid-send).
 */
export async function remindersPass(
  db: Db,
  settings: ReminderSettings,
  now: Date,
  limit = 500,
): Promise<number> {
  const { policy } = settings;
  const maxLead = Math.max(...policy.leadHours);
  const since = new Date(now.getTime() - policy.noShow.windowDays * 86_400_000);
  const candidates = await sql<Candidate>`
    select a.id, a.starts_at, a.created_at, a.beneficiary_id, coalesce(b.phone, h.phone) as phone,
           u.time_zone, u.name as unit_name, sv.name as service_name, a.confirmed_at is not null as confirmed,
           array(select r.lead_hours from appointment_reminders r where r.appointment_id = a.id) as sent,
           (select count(*) from appointments x where x.beneficiary_id = a.beneficiary_id
              and x.status = 'no_show' and x.starts_at > ${since})::int as no_shows
    from appointments a
    join beneficiaries b on b.id = a.beneficiary_id
    left join beneficiaries h on h.id = b.holder_id
    join units u on u.clues = a.unit_clues
    join services sv on sv.code = a.service_code
    where a.status = 'booked' and a.starts_at > ${now}
      -- A closure took its time away: the person was sent the closure's SMS, not a reminder.
      and not a.needs_rebooking
      and a.starts_at <= ${new Date(now.getTime() + maxLead * 3_600_000)}
      and coalesce(b.phone, h.phone) is not null
      and (select count(*) from appointment_reminders r where r.appointment_id = a.id) < ${policy.leadHours.length}
    order by a.starts_at
    limit ${limit}`.execute(db);
  let queued = 0;
  for (const c of candidates.rows) {
    const startsAt = new Date(c.starts_at);
    const localHour = DateTime.fromJSDate(now, { zone: c.time_zone }).hour;
    const lead = dueLead(
      { startsAt, createdAt: new Date(c.created_at), sent: (c.sent ?? []).map(Number) },
      policy,
      now,
      localHour,
    );
    if (lead === null) continue;
    const confirmBy = mustConfirmBy(c, startsAt, lead, policy, now);
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('appointment_reminders')
        .values({
          appointment_id: c.id,
          lead_hours: lead,
          confirm_by: confirmBy,
          recipient: c.phone,
          queued_at: now,
        })
        .onConflict((oc) => oc.columns(['appointment_id', 'lead_hours']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await enqueueSms(trx, {
        recipient: c.phone,
        beneficiaryId: Number(c.beneficiary_id),
        kind: 'notice',
        body: SMS.reminder({
          serviceName: c.service_name,
          unitName: c.unit_name,
          startsAt,
          timeZone: c.time_zone,
          link: reminderLink(settings, c.id, startsAt),
          confirmBy,
        }),
      });
      return true;
    });
    if (inserted) queued++;
  }
  return queued;
}

/**
 * The no-show policy: a person with `threshold` no-shows in the window confirms this appointment by
 * `confirmHoursBefore` its start or loses it. Asked once, in the first reminder that leaves time.
 */
function mustConfirmBy(
  c: Candidate,
  startsAt: Date,
  lead: number,
  policy: ReminderPolicy,
  now: Date,
): Date | null {
  const rule = policy.noShow;
  if (!mustConfirmToKeep(c.no_shows, rule) || c.confirmed) return null;
  if (lead <= rule.confirmHoursBefore) return null;
  const by = new Date(startsAt.getTime() - rule.confirmHoursBefore * 3_600_000);
  return by > now ? by : null;
}
