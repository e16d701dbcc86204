// What a person's phone shows: the words of the last sign-in code SMS, composed as the delivery
// worker composes them when it hands the message to the gateway (no table holds the code).
import { loadConfig } from '../../src/config.js';
import { composeSignInCodeSms } from '../../src/identity/sign-in-codes.js';
import type { Db } from '../../src/platform/db/connect.js';

/** The key the test apps run with (the development default). */
export const TEST_SIGN_IN_CODE_KEY = loadConfig({}).secrets.signInCodeKey;

/** The code of a sign-in's send, as its SMS carries it, whether or not it was ever queued. */
export async function codeOfSignIn(db: Db, signInCodeId: number, send = 1): Promise<string> {
  const row = await db
    .selectFrom('sign_in_codes')
    .select('last_sent_at')
    .where('id', '=', signInCodeId)
    .executeTakeFirstOrThrow();
  const sms = await composeSignInCodeSms(
    db,
    TEST_SIGN_IN_CODE_KEY,
    { id: signInCodeId, send },
    row.last_sent_at,
  );
  if (!sms) throw new Error(`sign-in ${signInCodeId} has no live code for send ${send}`);
  return sms.printable;
}

/** The code in the last sign-in SMS queued (for one person, when given). */
export async function lastSignInCode(db: Db, beneficiaryId?: number): Promise<string> {
  let query = db
    .selectFrom('notifications')
    .select(['sign_in_code_id', 'code_send'])
    .where('kind', '=', 'otp')
    .orderBy('id', 'desc');
  if (beneficiaryId !== undefined) query = query.where('beneficiary_id', '=', beneficiaryId);
  const sms = await query.executeTakeFirstOrThrow();
  return codeOfSignIn(db, sms.sign_in_code_id as number, sms.code_send as number);
}
