import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { CHECK_IN } from '../platform/i18n/check-in-messages.js';
import { type AppointmentNotice, SMS } from '../platform/i18n/sms-messages.js';
import { checkInOf, getAppointment } from './appointments.js';
import { formatFolio } from './folio.js';

type NoticeKind = 'booked' | 'cancelled' | 'rescheduled';

export function noticeText(kind: NoticeKind, appointment: AppointmentNotice): string {
  return SMS[kind]({ ...appointment, folio: formatFolio(appointment.folio) });
}

/**
 * The one way a change of an appointment queues its SMS, as SQL to run in the statement or the
 * transaction of the change: `appointments` is a table expression with the appointments' `id` and
 * `beneficiary_id`. It goes to the person's phone or, for a family member without one, their
 * holder's; its words are composed from the appointment when it is sent (composeAppointmentNotice).
 */
export const queueAppointmentNotice = (kind: NoticeKind, appointments: RawBuilder<unknown>) => sql`
  insert into notifications (channel, recipient, beneficiary_id, kind, appointment_id)
  select 'sms', coalesce(b.phone, h.phone), a.beneficiary_id, ${kind}, a.id
  from ${appointments} a join beneficiaries b on b.id = a.beneficiary_id
    left join beneficiaries h on h.id = b.holder_id
  where coalesce(b.phone, h.phone) is not null`;

/** Queues the SMS about a change of one appointment, in the caller's transaction. */
export async function enqueueAppointmentNotice(trx: Db, kind: NoticeKind, appointmentId: string) {
  await queueAppointmentNotice(
    kind,
    sql`(select id, beneficiary_id from appointments where id = ${appointmentId})`,
  ).execute(trx);
}

/** The words of a queued notice, from the appointment as it is when the notice is sent. */
export async function composeAppointmentNotice(db: Db, appointmentId: string, kind: string): Promise<string> {
  const a = await getAppointment(db, appointmentId);
  const noticeKind: NoticeKind = kind === 'cancelled' || kind === 'rescheduled' ? kind : 'booked';
  return noticeText(noticeKind, {
    folio: a.folio,
    startsAt: a.startsAt,
    timeZone: a.timeZone,
    unitName: a.unit.name,
    checkIn: CHECK_IN.short[checkInOf(a).accompaniedBy],
  });
}
