import { composeAppointmentNotice } from '../booking/confirmations.js';
import type { Config } from '../config.js';
import { composeSignInCodeSms } from '../identity/sign-in-codes.js';
import type { ComposeNotice } from '../notify/deliver.js';
import type { Db } from '../platform/db/connect.js';

/**
 * Words for the messages queued without them, at the moment they leave: a booking notice from its
 * appointment, a sign-in code derived again from its sign-in (secret: sent, never stored).
 */
export function composeQueuedSms(db: Db, secrets: Config['secrets'], clock: () => Date): ComposeNotice {
  return async (queued) => {
    if (queued.signInCode) return composeSignInCodeSms(db, secrets.signInCodeKey, queued.signInCode, clock());
    if (queued.appointmentId)
      return { body: await composeAppointmentNotice(db, queued.appointmentId, queued.kind) };
    return null;
  };
}
