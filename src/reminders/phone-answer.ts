// The phone line's answer to "tienes una cita mañana": the same three answers as a reminder's SMS
// reply (1 confirm, 2 cancel, 3 change), through the same operations.
import { getAppointment } from '../booking/appointments.js';
import { changeLink } from '../booking/change-link.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { LOOP_SMS } from '../platform/i18n/access-loop-messages.js';
import { getBeneficiaryById } from '../registry/beneficiaries.js';
import { phoneForNotices } from '../registry/notice-phone.js';
import { answerFor } from './answer.js';
import { ReminderError } from './errors.js';

export type PhoneAnswer = 'confirm' | 'cancel' | 'change';

export interface PhoneAnswerInput {
  appointmentId: string;
  answer: PhoneAnswer;
  /** The call, as the audit trail and the appointment's history name it (`ivr:<call id>`). */
  actor: string;
  cutoffMinutes: number;
  /** The portal's origin: "change" sends its link by SMS. */
  portalUrl: string;
}

/**
 * Confirm and cancel are the reminder's answers (answer.ts); change sends the SMS with the link to
 * the appointment's change page, as a CAMBIAR reply does. Refuses an appointment no longer booked.
 */
export async function answerOnPhone(db: Db, input: PhoneAnswerInput, now: Date): Promise<void> {
  const appointment = await getAppointment(db, input.appointmentId);
  if (appointment.status !== 'booked')
    throw new ReminderError('REMINDER_APPOINTMENT_GONE', 'not booked any more');
  if (input.answer !== 'change') {
    await answerFor(
      db,
      appointment,
      input.answer,
      { cutoffMinutes: input.cutoffMinutes, via: 'phone', actor: input.actor },
      now,
    );
    return;
  }
  const phone = await phoneForNotices(db, await getBeneficiaryById(db, appointment.beneficiary.id));
  if (!phone) throw new ReminderError('REMINDER_APPOINTMENT_GONE', 'no phone to send the link to');
  await enqueueSms(db, {
    recipient: phone,
    beneficiaryId: appointment.beneficiary.id,
    kind: 'notice',
    body: LOOP_SMS.change(changeLink(input.portalUrl, appointment.id)),
  });
}
