import type { Db } from '../platform/db/connect.js';
import type { NotificationKind } from '../platform/db/schema.js';

/**
 * An SMS to queue: its words, or — for a sign-in code, which no table may hold — the sign-in and
 * the send whose code the delivery worker derives when it hands the message to the gateway.
 */
export type SmsToSend = {
  recipient: string;
  beneficiaryId: number | null;
  kind: NotificationKind;
} & ({ body: string } | { signInCode: { id: number; send: number } });

/** Adds an SMS to the outbox. Call it with the transaction of the event it announces. */
export async function enqueueSms(trx: Db, sms: SmsToSend): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({
      channel: 'sms',
      recipient: sms.recipient,
      beneficiary_id: sms.beneficiaryId,
      kind: sms.kind,
      body: 'body' in sms ? sms.body : null,
      sign_in_code_id: 'signInCode' in sms ? sms.signInCode.id : null,
      code_send: 'signInCode' in sms ? sms.signInCode.send : null,
    })
    .execute();
}
