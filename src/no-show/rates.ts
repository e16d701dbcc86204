import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

export interface NoShowRate {
  unitClues: string;
  serviceCode: string;
  channel: string;
  attended: number;
  noShows: number;
  /** noShows / (attended + noShows); null when nothing was closed yet. */
  rate: number | null;
}

/**
 * No-show rates of appointments that took place between `from` and `to`, per unit, service and the
 * channel they were booked by; one unit's only when `unitClues` is given (unit-scoped staff).
 */
export async function noShowRates(
  db: Db,
  range: { from: Date; to: Date; unitClues: string | null },
): Promise<NoShowRate[]> {
  const rows = await sql<{
    unit_clues: string;
    service_code: string;
    channel: string;
    attended: number;
    no_shows: number;
  }>`
    select unit_clues, service_code, channel,
           count(*) filter (where status = 'attended')::int as attended,
           count(*) filter (where status = 'no_show')::int as no_shows
    from appointments
    where starts_at >= ${range.from} and starts_at < ${range.to} and status in ('attended', 'no_show')
      and (${range.unitClues}::text is null or unit_clues = ${range.unitClues})
    group by unit_clues, service_code, channel
    order by unit_clues, service_code, channel`.execute(db);
  return rows.rows.map((r) => ({
    unitClues: r.unit_clues,
    serviceCode: r.service_code,
    channel: r.channel,
    attended: r.attended,
    noShows: r.no_shows,
    rate: r.attended + r.no_shows > 0 ? r.no_shows / (r.attended + r.no_shows) : null,
  }));
}
