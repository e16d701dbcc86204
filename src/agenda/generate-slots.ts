import type { Db } from '../platform/db/connect.js';
import { type Interval, localDays, localToday, planSlots } from './slot-plan.js';
import { loadTemplates } from './templates.js';

const BATCH = 1000;

/**
 * Creates the missing slots of every template from today (on each unit's walls) to the end of the
 * template's horizon. Idempotent: an existing slot (same resource and start) is left as it is, so a
 * booked or blocked slot is never reset.
 */
export async function generateSlots(db: Db, options: { now: Date; unitClues?: string }): Promise<number> {
  const templates = await loadTemplates(db, options.unitClues);
  let created = 0;
  for (const template of templates) {
    const from = localToday(options.now, template.timeZone);
    const days = localDays(from, template.horizonDays + 1);
    const last = days[days.length - 1] as string;
    const closed = await db
      .selectFrom('closures')
      .select('day')
      .where('day', '>=', from)
      .where('day', '<=', last)
      .where((eb) => eb.or([eb('unit_clues', 'is', null), eb('unit_clues', '=', template.unitClues)]))
      .execute();
    const absences: Interval[] = await db
      .selectFrom('absences')
      .select(['starts_at as startsAt', 'ends_at as endsAt'])
      .where('resource_id', '=', template.resourceId)
      .where('ends_at', '>', options.now)
      .execute();
    const planned = planSlots(template, days, new Set(closed.map((c) => c.day)), absences);
    for (let i = 0; i < planned.length; i += BATCH) {
      const rows = planned.slice(i, i + BATCH).map((s) => ({
        template_id: s.templateId,
        resource_id: s.resourceId,
        unit_clues: s.unitClues,
        service_code: s.serviceCode,
        local_date: s.localDate,
        shift: s.shift,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        opens_at: s.opensAt,
        pool: s.pool,
      }));
      const result = await db
        .insertInto('slots')
        .values(rows)
        .onConflict((oc) => oc.columns(['resource_id', 'starts_at']).doNothing())
        .executeTakeFirst();
      created += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return created;
}
