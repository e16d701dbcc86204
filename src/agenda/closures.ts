import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';
import { blockSlots } from './holds.js';
import { localToday } from './slot-plan.js';

export interface DisruptionResult {
  /** Free slots that can no longer be booked. */
  blockedSlots: number;
  /** Booked appointments kept but marked for the unit to rebook. */
  flaggedAppointments: number;
  /** Appointments, flagged earlier, whose proposed replacement time fell on these slots. */
  proposalsWithdrawn: string[];
}

/**
 * Closes a unit (or, with `unitClues: null`, the whole country) for a local day. Free slots are
 * blocked; appointments already booked stay as they are and are flagged for rebooking, never deleted.
 * Run it inside a transaction.
 */
export async function addClosure(
  trx: Db,
  closure: { unitClues: string | null; day: string; reason: string; actor: string },
): Promise<DisruptionResult> {
  const inserted = await trx
    .insertInto('closures')
    .values({ unit_clues: closure.unitClues, day: closure.day, reason: closure.reason })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new DomainError('CLOSURE_EXISTS', 'that day is already closed');
  let slots = trx.selectFrom('slots').select('id').where('local_date', '=', closure.day);
  if (closure.unitClues) slots = slots.where('unit_clues', '=', closure.unitClues);
  const ids = (await slots.execute()).map((s) => s.id);
  return disruptSlots(trx, ids, `Cierre: ${closure.reason}`, closure.actor);
}

/** A resource (doctor, desk) is away: same effect as a closure, limited to its slots in the interval. */
export async function addAbsence(
  trx: Db,
  absence: { resourceId: number; startsAt: Date; endsAt: Date; reason: string; actor: string },
): Promise<DisruptionResult> {
  if (absence.endsAt <= absence.startsAt)
    throw new DomainError('INVALID_INTERVAL', 'absence ends before it starts');
  const resource = await trx
    .selectFrom('resources')
    .select('id')
    .where('id', '=', absence.resourceId)
    .executeTakeFirst();
  if (!resource) throw new DomainError('RESOURCE_NOT_FOUND', 'no such resource');
  await trx
    .insertInto('absences')
    .values({
      resource_id: absence.resourceId,
      starts_at: absence.startsAt,
      ends_at: absence.endsAt,
      reason: absence.reason,
    })
    .execute();
  const slots = await trx
    .selectFrom('slots')
    .select('id')
    .where('resource_id', '=', absence.resourceId)
    .where('starts_at', '<', absence.endsAt)
    .where('ends_at', '>', absence.startsAt)
    .execute();
  return disruptSlots(
    trx,
    slots.map((s) => s.id),
    `Ausencia: ${absence.reason}`,
    absence.actor,
  );
}

/**
 * Blocks the free (or held) slots among `slotIds`, ending their holds, and flags the appointments
 * booked on them for rebooking, with an event in each one's history: a closure, an absence, a
 * template change.
 */
export async function disruptSlots(
  trx: Db,
  slotIds: number[],
  reason: string,
  actor: string,
): Promise<DisruptionResult> {
  if (slotIds.length === 0) return { blockedSlots: 0, flaggedAppointments: 0, proposalsWithdrawn: [] };
  const { blocked, proposalsWithdrawn } = await blockSlots(trx, slotIds, reason);
  const flagged = await trx
    .updateTable('appointments')
    .set({ needs_rebooking: true, slot_closed: true, rebooking_reason: reason, updated_at: new Date() })
    .where('status', '=', 'booked')
    // One flagged only because the person's rights end is flagged again: now its slot is closed.
    .where('slot_closed', '=', false)
    .where('slot_id', 'in', slotIds)
    .returning('id')
    .execute();
  if (flagged.length > 0) {
    await trx
      .insertInto('appointment_events')
      .values(
        flagged.map((a) => ({
          appointment_id: a.id,
          action: 'flagged' as const,
          actor,
          channel: 'system',
          detail: reason,
        })),
      )
      .execute();
  }
  return { blockedSlots: blocked, flaggedAppointments: flagged.length, proposalsWithdrawn };
}

export interface Disruption {
  kind: 'closure' | 'absence';
  /** The unit's local day (a closure) or the absence's start. */
  day: string;
  startsAt: Date | null;
  /** The resource away; null for a closure of the whole unit (or the country). */
  resourceName: string | null;
  reason: string;
}

/** Closures and absences at the unit from `fromDay` on, for its administrator's page. */
export async function listDisruptions(db: Db, unitClues: string, fromDay: string): Promise<Disruption[]> {
  const closures = await db
    .selectFrom('closures')
    .select(['day', 'reason', 'unit_clues'])
    .where((eb) => eb.or([eb('unit_clues', '=', unitClues), eb('unit_clues', 'is', null)]))
    .where('day', '>=', fromDay)
    .orderBy('day')
    .limit(100)
    .execute();
  const absences = await db
    .selectFrom('absences as a')
    .innerJoin('resources as r', 'r.id', 'a.resource_id')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .select(['a.starts_at', 'a.reason', 'r.name', 'u.time_zone'])
    .where('r.unit_clues', '=', unitClues)
    .where('a.ends_at', '>=', new Date(`${fromDay}T00:00:00Z`))
    .orderBy('a.starts_at')
    .limit(100)
    .execute();
  return [
    ...closures.map((c) => ({
      kind: 'closure' as const,
      day: c.day,
      startsAt: null,
      resourceName: null,
      reason: c.reason,
    })),
    ...absences.map((a) => ({
      kind: 'absence' as const,
      day: localToday(a.starts_at, a.time_zone),
      startsAt: a.starts_at,
      resourceName: a.name,
      reason: a.reason,
    })),
  ].sort((x, y) => x.day.localeCompare(y.day));
}
