// The window a person waits in (weekdays and shift), as the portal, the console and the phone ask
// for it: one reading of the choices, and the weekdays worth offering at a unit.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { WaitWindow } from './entries.js';

/** Monday to Friday: offered when a unit's agenda says nothing yet. */
const WORKING_WEEK = [1, 2, 3, 4, 5];

/**
 * The window from a form's answers: weekday boxes ('1' = Monday … '7' = Sunday; unknown values are
 * dropped) and a shift ('M', 'V', anything else: any). No day chosen means any day. Pure.
 */
export function waitWindowOf(choice: { days: readonly string[]; shift: string }): WaitWindow {
  const days = [...new Set(choice.days.filter((d) => /^[1-7]$/.test(d)).map(Number))].sort((a, b) => a - b);
  return {
    weekdays: days.length === 0 ? null : days,
    shift: choice.shift === 'M' || choice.shift === 'V' ? choice.shift : null,
  };
}

/**
 * The ISO weekdays on which the unit's agenda opens (for one service, if given): Saturday only
 * where some template opens on Saturdays. Monday to Friday when it has no template yet.
 */
export async function openWeekdays(db: Db, unitClues: string, serviceCode?: string): Promise<number[]> {
  const rows = await sql<{ day: number }>`
    select distinct unnest(t.weekdays)::int as day
    from agenda_templates t join resources r on r.id = t.resource_id
    where r.unit_clues = ${unitClues} and r.active
      and (${serviceCode ?? null}::text is null or t.service_code = ${serviceCode ?? null})
    order by day`.execute(db);
  const days = rows.rows.map((r) => Number(r.day));
  return days.length > 0 ? days : WORKING_WEEK;
}
