import type { Db } from '../platform/db/connect.js';

/**
 * A call in progress as the database keeps it. `state` is the dialog's own JSON; this module only
 * stores it, numbers the steps and decides when it is forgotten.
 */
export interface CallRecord {
  callId: string;
  /** The last step saved; the next request must answer it. */
  seq: number;
  state: unknown;
  /**
   * Names this call among any with the same platform id: it goes into every step URL, so a request
   * captured from an earlier call with that id (a replay) does not match a call started since.
   */
  key: string;
}

const keyOf = (startedAt: Date) => startedAt.getTime().toString(36);

// A step never waits this long for the caller (prompts time out in seconds), so a row this idle
// belongs to a call that ended without telling us.
const IDLE_MINUTES = 15;
// While handed to the agent line the caller may wait long; past this they no longer count as waiting.
const AGENT_LINE_MINUTES = 60;

const expiry = (now: Date, waitingForAgent: boolean) =>
  new Date(now.getTime() + (waitingForAgent ? AGENT_LINE_MINUTES : IDLE_MINUTES) * 60_000);

export async function findCall(db: Db, callId: string, now: Date): Promise<CallRecord | undefined> {
  const row = await db
    .selectFrom('phone_calls')
    .select(['call_id', 'seq', 'state', 'started_at'])
    .where('call_id', '=', callId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { callId: row.call_id, seq: row.seq, state: row.state, key: keyOf(row.started_at) };
}

export interface CallStep {
  state: unknown;
  waitingForAgent: boolean;
}

/**
 * Records the first step of a new call as step 1 and returns the call's key; null when another
 * request for the same call got there first (a duplicated webhook); a long-expired row with the same id is replaced.
 */
export async function startCall(
  db: Db,
  call: { callId: string; platform: 'twiml' | 'vxml'; caller: string | null } & CallStep,
  now: Date,
): Promise<string | null> {
  const values = {
    call_id: call.callId,
    platform: call.platform,
    caller: call.caller,
    seq: 1,
    state: JSON.stringify(call.state),
    waiting_since: call.waitingForAgent ? now : null,
    started_at: now,
    updated_at: now,
    expires_at: expiry(now, call.waitingForAgent),
  };
  const inserted = await db
    .insertInto('phone_calls')
    .values(values)
    .onConflict((oc) => oc.column('call_id').doUpdateSet(values).where('phone_calls.expires_at', '<=', now))
    .returning('seq')
    .executeTakeFirst();
  return inserted ? keyOf(now) : null;
}

/**
 * Saves the step computed from step `fromSeq` as the next one. False when the call moved on
 * meanwhile (a concurrent duplicate request won), so a keypress is never applied twice.
 */
export async function saveCallStep(
  db: Db,
  callId: string,
  fromSeq: number,
  step: CallStep,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('phone_calls')
    .set((eb) => ({
      seq: fromSeq + 1,
      state: JSON.stringify(step.state),
      // A caller keeps their place in the agent line across steps that leave them in it.
      waiting_since: step.waitingForAgent ? eb.fn.coalesce('waiting_since', eb.val(now)) : null,
      updated_at: now,
      expires_at: expiry(now, step.waitingForAgent),
    }))
    .where('call_id', '=', callId)
    .where('seq', '=', fromSeq)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Forgets a call that has ended: its state holds the caller's number and who they are. */
export async function endCall(db: Db, callId: string): Promise<void> {
  await db.deleteFrom('phone_calls').where('call_id', '=', callId).execute();
}

/** Callers handed to the agent line who have not come back from it (or hung up) yet. */
export async function countCallersWaitingForAgent(db: Db, now: Date): Promise<number> {
  const row = await db
    .selectFrom('phone_calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('waiting_since', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function purgeExpiredCalls(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('phone_calls').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
