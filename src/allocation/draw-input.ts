import { POOL_OF_CHANNEL } from '../agenda/channel-pools.js';
import type { BookingErrorCode } from '../booking/errors.js';
import type { AllocationChannel, SlotPool } from '../platform/db/schema.js';
import type { DrawRequest, DrawSlot, Shift } from './draw.js';

/** A request with the facts of its person that the booking rules judge. */
export interface Candidate {
  requestId: number;
  beneficiaryId: number;
  channel: AllocationChannel;
  days: string[];
  shift: Shift | null;
  eligibleUntil: string;
  unitClues: string;
  phone: string | null;
  holderId: number | null;
  /** Already holds an open appointment of the service that has not ended. */
  hasOpenAppointment: boolean;
  service: { requiresAdscription: boolean; requiresReferral: boolean };
}

/** What the draw was given, exactly, as recorded on the release (JSON) for a replay. */
export interface DrawInput {
  requests: DrawRequest[];
  slots: (Omit<DrawSlot, 'startsAt'> & { startsAt: string })[];
  /** Requests the booking rules barred from every slot they accept: no place in the draw. */
  barred: { requestId: number; code: BookingErrorCode }[];
}

/** The first booking rule a person breaks by taking a slot, or null (rules.ts, via the caller). */
export type Judge = (candidate: Candidate, slot: DrawSlot) => BookingErrorCode | null;

/**
 * Narrows each request to the days of its pool the person accepts and the booking rules let them
 * take (eligibility is judged per day; adscription, referral and the release window are the same
 * for every slot). A person left with none is barred with the rule's code; so is one who already
 * holds an open appointment of the service.
 */
export function drawInputOf(
  candidates: readonly Candidate[],
  slots: readonly DrawSlot[],
  judge: Judge,
): DrawInput {
  const requests: DrawRequest[] = [];
  const barred: DrawInput['barred'] = [];
  for (const c of candidates) {
    if (c.hasOpenAppointment) {
      barred.push({ requestId: c.requestId, code: 'ACTIVE_APPOINTMENT_EXISTS' });
      continue;
    }
    const pool: SlotPool = POOL_OF_CHANNEL[c.channel];
    const firstOfDay = new Map<string, DrawSlot>();
    for (const s of slots)
      if (s.pool === pool && !firstOfDay.has(s.localDate)) firstOfDay.set(s.localDate, s);
    const wanted = c.days.length > 0 ? c.days : [...firstOfDay.keys()];
    const verdicts = wanted.map((day) => {
      const slot = firstOfDay.get(day);
      return { day, code: slot ? judge(c, slot) : null, hasSlot: slot !== undefined };
    });
    const allowed = verdicts.filter((v) => v.hasSlot && v.code === null).map((v) => v.day);
    const refusal = verdicts.find((v) => v.code !== null)?.code;
    if (allowed.length === 0 && refusal) {
      barred.push({ requestId: c.requestId, code: refusal });
      continue;
    }
    requests.push({ id: c.requestId, pool, days: allowed.length > 0 ? allowed : wanted, shift: c.shift });
  }
  return { requests, slots: slots.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })), barred };
}

/** The draw's arguments from a recorded input. */
export function openDrawInput(input: DrawInput): { requests: DrawRequest[]; slots: DrawSlot[] } {
  return {
    requests: input.requests,
    slots: input.slots.map((s) => ({ ...s, startsAt: new Date(s.startsAt) })),
  };
}
