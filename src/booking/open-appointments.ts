import type { Db } from '../platform/db/connect.js';
import { closePastAppointments } from './book.js';
import type { BookingErrorCode } from './errors.js';

/**
 * Whether the person may hold one more appointment of the service, judged before a booking made on
 * their behalf (the allocation run) so the booking statement is not sent to fail. Locks the
 * person's row as the open-appointment cap's trigger does, so the person's own concurrent bookings
 * queue behind the caller's transaction and the answer holds until it ends. The database's index
 * and trigger still have the last word.
 */
export async function openAppointmentRefusal(
  trx: Db,
  beneficiaryId: number,
  serviceCode: string,
  now: Date,
): Promise<Extract<BookingErrorCode, 'ACTIVE_APPOINTMENT_EXISTS' | 'OPEN_APPOINTMENT_LIMIT'> | null> {
  await trx
    .selectFrom('beneficiaries')
    .select('id')
    .where('id', '=', beneficiaryId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  await closePastAppointments(trx, beneficiaryId, serviceCode, now);
  const open = await trx
    .selectFrom('appointments')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('service_code', '=', serviceCode).as('of_service'),
      eb.fn.countAll<number>().filterWhere('starts_at', '>', now).as('to_come'),
    ])
    .where('beneficiary_id', '=', beneficiaryId)
    .where('is_open', '=', true)
    .executeTakeFirstOrThrow();
  if (Number(open.of_service) > 0) return 'ACTIVE_APPOINTMENT_EXISTS';
  const policy = await trx.selectFrom('booking_policy').select('max_open_appointments').executeTakeFirst();
  if (policy && Number(open.to_come) >= policy.max_open_appointments) return 'OPEN_APPOINTMENT_LIMIT';
  return null;
}
