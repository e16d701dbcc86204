import type { Db } from '../platform/db/connect.js';
import { rollUnitHorizon } from './roll-horizon.js';

export interface HorizonRoll {
  units: number;
  created: number;
}

/**
 * Creates the missing slots of every template from today (on each unit's walls) to the end of the
 * template's horizon: one set-based statement per unit (roll-horizon.ts), one unit after another,
 * so a roll holds one connection at a time and never blocks the event loop for long; requests go on
 * being served while it runs. Idempotent: an existing slot (same resource and start) is left as it is,
 * so a booked or blocked slot is never reset.
 */
export async function rollHorizon(db: Db, options: { now: Date; unitClues?: string }): Promise<HorizonRoll> {
  let query = db
    .selectFrom('resources as r')
    .innerJoin('agenda_templates as t', 't.resource_id', 'r.id')
    .select('r.unit_clues')
    .distinct()
    .where('r.active', '=', true)
    .where('t.retired_at', 'is', null);
  if (options.unitClues) query = query.where('r.unit_clues', '=', options.unitClues);
  const units = await query.orderBy('r.unit_clues').execute();
  let created = 0;
  for (const { unit_clues } of units) created += await rollUnitHorizon(db, unit_clues, options.now);
  return { units: units.length, created };
}

/** rollHorizon, counting only the slots created. */
export const generateSlots = async (db: Db, options: { now: Date; unitClues?: string }): Promise<number> =>
  (await rollHorizon(db, options)).created;
