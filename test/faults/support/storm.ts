// A storm of bookings through the API, written down as a client would: every request's key, every
// answer, and which bookings were acknowledged. A request that got no answer (a dead server, a
// cut connection) or a 503 is retried with the same Idempotency-Key, as the API invites.
import { sql } from 'kysely';
import type { Db } from '../../../src/platform/db/connect.js';

export interface Booking {
  key: string;
  curp: string;
  slotId: number;
}

export interface Outcome extends Booking {
  /** The appointment the API acknowledged (201), or null if it refused the booking. */
  acknowledged: { id: string; folio: string } | null;
  refusal: string | null;
  /** Every answer in order: an HTTP status, or 0 when no answer came. */
  answers: number[];
  /** Milliseconds each answer took, same order. */
  latencies: number[];
  /** When each answer came (ms since the epoch), same order. */
  answeredAt: number[];
  /** The Retry-After of every 503. */
  retryAfter: (string | null)[];
}

export interface StormOptions {
  url: () => string;
  token: string;
  concurrency: number;
  /** Pause before retrying after no answer or a 503. */
  retryPauseMs: number;
  /** A booking still unanswered then is given up (refusal GAVE_UP): a broken server fails, not hangs. */
  deadline: number;
  /** Called after every answer: the scenario injects its fault from here. */
  onAnswer?: (outcome: Outcome, status: number) => void;
}

export async function storm(bookings: Booking[], options: StormOptions): Promise<Outcome[]> {
  const outcomes = bookings.map((b) => ({
    ...b,
    acknowledged: null,
    refusal: null,
    answers: [],
    latencies: [],
    answeredAt: [],
    retryAfter: [],
  })) as Outcome[];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < outcomes.length; i = next++) {
      const outcome = outcomes[i] as Outcome;
      for (;;) {
        const started = Date.now();
        const response = await fetch(`${options.url()}/api/v1/appointments`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
            'idempotency-key': outcome.key,
          },
          body: JSON.stringify({ curp: outcome.curp, slotId: outcome.slotId, channel: 'agent' }),
          signal: AbortSignal.timeout(30_000),
        }).catch(() => null);
        const status = response?.status ?? 0;
        const body = response ? ((await response.json().catch(() => ({}))) as Record<string, unknown>) : {};
        outcome.answers.push(status);
        outcome.latencies.push(Date.now() - started);
        outcome.answeredAt.push(Date.now());
        if (status === 503) outcome.retryAfter.push(response?.headers.get('retry-after') ?? null);
        options.onAnswer?.(outcome, status);
        if (status === 201) {
          outcome.acknowledged = { id: String(body.id), folio: String(body.folio) };
          break;
        }
        if (status >= 400 && status < 500) {
          outcome.refusal = String(body.code);
          break;
        }
        if (Date.now() > options.deadline) {
          outcome.refusal = 'GAVE_UP';
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, options.retryPauseMs));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return outcomes;
}

export interface LedgerCheck {
  acknowledged: number;
  /** Acknowledged appointments the database does not hold as booked. */
  lost: string[];
  /** Slots holding more than one active appointment. */
  doubleBooked: number;
  /** Keys answered with two different appointments. */
  keysWithTwoAppointments: number;
  /** Appointments on the storm's slots that no key accounts for. */
  unaccounted: number;
  answers: Record<string, number>;
}

/** Compares what clients were told with what the database holds. */
export async function checkLedger(db: Db, outcomes: Outcome[]): Promise<LedgerCheck> {
  const acked = outcomes.filter((o) => o.acknowledged);
  const ids = acked.map((o) => o.acknowledged?.id as string);
  const slotIds = [...new Set(outcomes.map((o) => o.slotId))];
  const held = ids.length
    ? await db.selectFrom('appointments').select(['id', 'status']).where('id', 'in', ids).execute()
    : [];
  const booked = new Set(held.filter((a) => a.status === 'booked').map((a) => a.id));
  const perSlot = await sql<{ slot_id: number; n: number }>`
    select slot_id, count(*)::int as n from appointments
    where slot_id = any(${slotIds}) and status = 'booked' group by slot_id`.execute(db);
  const keys = await db
    .selectFrom('idempotency_keys')
    .select(['key', 'appointment_id'])
    .where(
      'key',
      'in',
      outcomes.map((o) => o.key),
    )
    .execute();
  const appointmentOfKey = new Map(keys.map((k) => [k.key, k.appointment_id]));
  const answers: Record<string, number> = {};
  for (const o of outcomes) for (const a of o.answers) answers[a] = (answers[a] ?? 0) + 1;
  return {
    acknowledged: acked.length,
    lost: ids.filter((id) => !booked.has(id)),
    doubleBooked: perSlot.rows.filter((r) => r.n > 1).length,
    keysWithTwoAppointments: acked.filter((o) => appointmentOfKey.get(o.key) !== o.acknowledged?.id).length,
    unaccounted: perSlot.rows.reduce((n, r) => n + r.n, 0) - new Set(keys.map((k) => k.appointment_id)).size,
    answers,
  };
}

/**
 * Milliseconds from the fault (`from`) until service came back: the first acknowledgement of a
 * request sent after the first failed answer (no answer, or a 5xx) that followed the fault.
 */
export function recoveryMs(outcomes: Outcome[], from: number): number | null {
  const answers = outcomes.flatMap((o) =>
    o.answers.map((status, i) => ({
      status,
      at: o.answeredAt[i] as number,
      sentAt: (o.answeredAt[i] as number) - (o.latencies[i] as number),
    })),
  );
  const failures = answers.filter((a) => (a.status === 0 || a.status >= 500) && a.at >= from);
  if (failures.length === 0) return null;
  const firstFailure = Math.min(...failures.map((a) => a.at));
  const back = answers.filter((a) => a.status === 201 && a.sentAt >= firstFailure).map((a) => a.at);
  return back.length ? Math.min(...back) - from : null;
}
