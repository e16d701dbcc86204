import type { Db } from '../platform/db/connect.js';
import type { CallbackRequestsTable, CallbackStatus } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';

export type CallbackReason = CallbackRequestsTable['reason'];

export type CallbackErrorCode = 'CALLBACK_NOT_FOUND' | 'CALLBACK_NOT_PENDING' | 'CALLBACK_NOT_YOURS';

export class CallbackError extends DomainError<CallbackErrorCode> {}

export interface CallbackRequest {
  id: number;
  phone: string;
  /** Who called, when the caller was identified before asking. */
  beneficiary: { id: number; curp: string; givenNames: string; firstSurname: string } | null;
  reason: CallbackReason;
  status: CallbackStatus;
  requestedAt: Date;
  takenBy: { id: number; name: string } | null;
  takenAt: Date | null;
  closedAt: Date | null;
}

/**
 * Stores a call-back for `phone`. When one is already open for that number the caller is in the
 * list already: nothing is added and `created` is false.
 */
export async function requestCallback(
  db: Db,
  input: { phone: string; beneficiaryId: number | null; callId: string; reason: CallbackReason },
  now: Date,
): Promise<{ created: boolean }> {
  const row = await db
    .insertInto('callback_requests')
    .values({
      phone: input.phone,
      beneficiary_id: input.beneficiaryId,
      call_id: input.callId,
      reason: input.reason,
      requested_at: now,
    })
    .onConflict((oc) => oc.column('phone').where('status', 'in', ['pending', 'taken']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return { created: row !== undefined };
}

function callbackQuery(db: Db) {
  return db
    .selectFrom('callback_requests as c')
    .leftJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
    .leftJoin('staff_accounts as s', 's.id', 'c.taken_by')
    .select([
      'c.id',
      'c.phone',
      'c.reason',
      'c.status',
      'c.requested_at',
      'c.taken_at',
      'c.closed_at',
      'b.id as beneficiary_id',
      'b.curp',
      'b.given_names',
      'b.first_surname',
      's.id as staff_id',
      's.name as staff_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof callbackQuery>['executeTakeFirstOrThrow']>>;

const toCallback = (r: Row): CallbackRequest => ({
  id: r.id,
  phone: r.phone,
  beneficiary:
    r.beneficiary_id !== null && r.curp !== null && r.given_names !== null && r.first_surname !== null
      ? { id: r.beneficiary_id, curp: r.curp, givenNames: r.given_names, firstSurname: r.first_surname }
      : null,
  reason: r.reason,
  status: r.status,
  requestedAt: r.requested_at,
  takenBy: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
  takenAt: r.taken_at,
  closedAt: r.closed_at,
});

/** Open requests, oldest first: whoever asked first is called first. */
export async function listOpenCallbacks(db: Db, limit = 100): Promise<CallbackRequest[]> {
  const rows = await callbackQuery(db)
    .where('c.status', 'in', ['pending', 'taken'])
    .orderBy('c.requested_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map(toCallback);
}

export async function countOpenCallbacks(db: Db): Promise<number> {
  const row = await db
    .selectFrom('callback_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'taken'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getCallback(db: Db, id: number): Promise<CallbackRequest> {
  const row = await callbackQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new CallbackError('CALLBACK_NOT_FOUND', 'no call-back with that id');
  return toCallback(row);
}

/** An agent takes a pending request; two agents taking the same one at once: only one gets it. */
export async function takeCallback(db: Db, id: number, staffId: number, now: Date): Promise<CallbackRequest> {
  const taken = await db
    .updateTable('callback_requests')
    .set({ status: 'taken', taken_by: staffId, taken_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  if (!taken) {
    await getCallback(db, id);
    throw new CallbackError('CALLBACK_NOT_PENDING', 'taken or closed meanwhile');
  }
  return getCallback(db, id);
}

/** The agent who took a request closes it once they called: answered, or nobody picked up. */
export async function closeCallback(
  db: Db,
  id: number,
  staffId: number,
  outcome: 'done' | 'unreachable',
  now: Date,
): Promise<CallbackRequest> {
  const closed = await db
    .updateTable('callback_requests')
    .set({ status: outcome, closed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'taken')
    .where('taken_by', '=', staffId)
    .returning('id')
    .executeTakeFirst();
  if (!closed) {
    const current = await getCallback(db, id);
    if (current.status === 'taken') throw new CallbackError('CALLBACK_NOT_YOURS', 'taken by someone else');
    throw new CallbackError('CALLBACK_NOT_PENDING', 'not taken, or closed already');
  }
  return getCallback(db, id);
}
