import type { Db } from '../platform/db/connect.js';
import { BookingError } from './errors.js';

/** How many cancellations of one service a person may make in a period before booking it again is refused. */
export interface ChurnLimit {
  maxCancellations: number;
  windowDays: number;
}

// Cancel-and-rebook loops are how held places are passed to buyers (OWASP OAT-005); a person who
// really needs to move an appointment three times in a month can still do it through staff.
export const DEFAULT_CHURN_LIMIT: ChurnLimit = { maxCancellations: 3, windowDays: 30 };

/** Refuses with REBOOKING_LIMIT when the person already cancelled that service too often lately. */
export async function assertWithinChurnLimit(
  db: Db,
  subject: { beneficiaryId: number; serviceCode: string },
  limit: ChurnLimit,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - limit.windowDays * 86_400_000);
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('beneficiary_id', '=', subject.beneficiaryId)
    .where('service_code', '=', subject.serviceCode)
    .where('status', '=', 'cancelled')
    .where('updated_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= limit.maxCancellations) {
    throw new BookingError('REBOOKING_LIMIT', 'too many cancellations of this service lately', {
      maxCancellations: limit.maxCancellations,
      windowDays: limit.windowDays,
    });
  }
}
