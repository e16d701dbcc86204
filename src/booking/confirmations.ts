import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { CHECK_IN } from '../platform/i18n/check-in-messages.js';
import { type AppointmentNotice, SMS } from '../platform/i18n/sms-messages.js';
import { checkInOf, getAppointment } from './appointments.js';
import { formatFolio } from './folio.js';

type NoticeKind = 'booked' | 'cancelled' | 'rescheduled';

export function noticeText(kind: NoticeKind, appointment: AppointmentNotice): string {
  return SMS[kind]({ ...appointment, folio: formatFolio(appointment.folio) });
}

/** Queues the SMS for a change of an appointment, in the caller's transaction. */
export async function enqueueAppointmentNotice(
  trx: Db,
  kind: NoticeKind,
  to: { phone: string | null; beneficiaryId: number },
  appointment: AppointmentNotice,
): Promise<void> {
  if (!to.phone) return;
  await enqueueSms(trx, {
    recipient: to.phone,
    beneficiaryId: to.beneficiaryId,
    kind,
    body: noticeText(kind, appointment),
  });
}

/** The words of a confirmation queued by the booking statement, from the appointment as it is now. */
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
