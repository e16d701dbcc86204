import type { Db } from '../platform/db/connect.js';
import type { AgendaTemplate } from './slot-plan.js';

function templateQuery(db: Db) {
  return db
    .selectFrom('agenda_templates as t')
    .innerJoin('resources as r', 'r.id', 't.resource_id')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .select([
      't.id',
      't.resource_id',
      'r.unit_clues',
      't.service_code',
      'r.shift',
      'u.time_zone',
      't.weekdays',
      't.start_time',
      't.end_time',
      't.slot_minutes',
      't.horizon_days',
      't.release_time',
      't.share_web',
      't.share_phone',
      't.share_counter',
      't.share_same_day',
      't.valid_from',
      't.valid_until',
    ])
    .where('r.active', '=', true)
    .where('t.retired_at', 'is', null);
}

type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateQuery>['executeTakeFirstOrThrow']>>;

const toTemplate = (r: TemplateRow): AgendaTemplate => ({
  id: r.id,
  resourceId: r.resource_id,
  unitClues: r.unit_clues,
  serviceCode: r.service_code,
  shift: r.shift,
  timeZone: r.time_zone,
  weekdays: r.weekdays.map(Number),
  startTime: r.start_time,
  endTime: r.end_time,
  slotMinutes: r.slot_minutes,
  horizonDays: r.horizon_days,
  releaseTime: r.release_time,
  shares: { web: r.share_web, phone: r.share_phone, counter: r.share_counter },
  sameDayShare: r.share_same_day,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

/** Templates in force (not retired), with the unit's zone and the resource's shift, optionally for one unit. */
export async function loadTemplates(db: Db, unitClues?: string): Promise<AgendaTemplate[]> {
  let query = templateQuery(db);
  if (unitClues) query = query.where('r.unit_clues', '=', unitClues);
  return (await query.orderBy('t.id').execute()).map(toTemplate);
}

/** One template in force, or undefined. */
export async function findTemplate(db: Db, id: number): Promise<AgendaTemplate | undefined> {
  const row = await templateQuery(db).where('t.id', '=', id).executeTakeFirst();
  return row && toTemplate(row);
}
