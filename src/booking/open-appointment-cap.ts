import type { Db } from '../platform/db/connect.js';
import { BookingError } from './errors.js';

/**
 * The refusal for a booking the database stopped because the person already holds the maximum of
 * appointments to come (trigger appointments_open_cap), with that maximum for the message.
 */
export async function openAppointmentCapReached(db: Db): Promise<BookingError> {
  const policy = await db.selectFrom('booking_policy').select('max_open_appointments').executeTakeFirst();
  return new BookingError('OPEN_APPOINTMENT_LIMIT', 'the person holds the maximum of open appointments', {
    maxOpenAppointments: policy?.max_open_appointments ?? null,
  });
}
