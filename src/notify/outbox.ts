import type { Db } from '../platform/db/connect.js';
import type { NotificationKind } from '../platform/db/schema.js';

export interface SmsToSend {
  recipient: string;
  beneficiaryId: number | null;
  kind: NotificationKind;
  body: string;
  /** What the log adapter may print unmasked (an OTP code); nothing else is printed. */
  printable?: string;
}

/** Adds an SMS to the outbox. Call it with the transaction of the event it announces. */
export async function enqueueSms(trx: Db, sms: SmsToSend): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({
      channel: 'sms',
      recipient: sms.recipient,
      beneficiary_id: sms.beneficiaryId,
      kind: sms.kind,
      body: sms.body,
      printable: sms.printable ?? null,
    })
    .execute();
}
