import { type Appointment, findAppointment } from '../booking/appointments.js';
import { cancelAppointment } from '../booking/cancel.js';
import type { Db } from '../platform/db/connect.js';
import { checkLink } from '../platform/signed-links.js';
import { ReminderError } from './errors.js';

export type ReminderAnswer = 'confirm' | 'cancel';

export interface AnswerInput {
  linkKey: string;
  token: string;
  /** Cancelling closes this long before the start, as in every channel. */
  cutoffMinutes: number;
  sourceIp?: string;
}

/** The appointment a reminder's one-tap link names, if the link may still answer it. */
export async function remindedAppointment(
  db: Db,
  linkKey: string,
  token: string,
  now: Date,
): Promise<Appointment> {
  const link = checkLink(linkKey, 'reminder', token, now);
  if (!link.ok) {
    if (link.reason === 'expired')
      throw new ReminderError('REMINDER_LINK_EXPIRED', 'the appointment has passed');
    throw new ReminderError('REMINDER_LINK_INVALID', 'not a reminder link');
  }
  const appointment = await findAppointment(db, link.id);
  if (!appointment) throw new ReminderError('REMINDER_LINK_INVALID', 'no such appointment');
  const answered = await db
    .selectFrom('appointments')
    .select('answered_at')
    .where('id', '=', appointment.id)
    .executeTakeFirstOrThrow();
  if (answered.answered_at) throw new ReminderError('REMINDER_LINK_USED', 'the link answered already');
  // A closure took its time away: its own SMS and link say what to do now.
  if (appointment.status !== 'booked' || appointment.needsRebooking)
    throw new ReminderError('REMINDER_APPOINTMENT_GONE', 'not booked any more, or its time was closed');
  return appointment;
}

/**
 * Answers a reminder from its one-tap link: confirm keeps the appointment (and satisfies the
 * no-show policy); cancel frees the slot at once, which the backfill offers to the waitlist. The
 * link answers once.
 */
export async function answerReminderLink(
  db: Db,
  input: AnswerInput & { answer: ReminderAnswer },
  now: Date,
): Promise<Appointment> {
  const appointment = await remindedAppointment(db, input.linkKey, input.token, now);
  return answerFor(db, appointment, input.answer, { ...input, via: 'link' }, now);
}

/** How the person answered; the phone line answers as the call (`ivr:<call id>`). */
export type AnswerVia = { via: 'link' | 'sms' } | { via: 'phone'; actor: string };

const CANCEL_REASON: Record<AnswerVia['via'], string> = {
  link: 'Respuesta al recordatorio (enlace)',
  sms: 'Respuesta al recordatorio (SMS)',
  phone: 'Respuesta al recordatorio (teléfono)',
};

/** Confirms or cancels an appointment the person was reminded of (by link, SMS reply or phone). */
export async function answerFor(
  db: Db,
  appointment: Appointment,
  answer: ReminderAnswer,
  input: { cutoffMinutes: number; sourceIp?: string } & AnswerVia,
  now: Date,
): Promise<Appointment> {
  const actor = input.via === 'phone' ? input.actor : `beneficiary:${appointment.beneficiary.id}`;
  if (answer === 'cancel') {
    const cancelled = await cancelAppointment(
      db,
      {
        appointmentId: appointment.id,
        actor,
        channel: input.via === 'phone' ? 'ivr' : 'web',
        cutoffMinutes: input.cutoffMinutes,
        sourceIp: input.sourceIp,
        reason: CANCEL_REASON[input.via],
      },
      now,
    );
    await db.updateTable('appointments').set({ answered_at: now }).where('id', '=', appointment.id).execute();
    return cancelled;
  }
  const confirmed = await db
    .updateTable('appointments')
    .set({ confirmed_at: now, answered_at: now })
    .where('id', '=', appointment.id)
    .where('status', '=', 'booked')
    .where('needs_rebooking', '=', false)
    .where((eb) => (input.via === 'link' ? eb('answered_at', 'is', null) : eb.lit(true)))
    .executeTakeFirst();
  if (Number(confirmed.numUpdatedRows) !== 1)
    throw new ReminderError('REMINDER_LINK_USED', 'answered or changed meanwhile');
  return { ...appointment };
}
