// How each release mode is switched on for the morning's units, and whether this code has it.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/connect.js';
import type { Mode } from './plan.js';
import { SERVICE } from './population.js';

export interface Release {
  releaseAt: Date;
  preWindowSeconds: number;
}

/** The table whose presence says the code has the mode. */
const NEEDS: Record<Mode, string | null> = {
  race: null,
  queue: 'waiting_room_places',
  allocate: 'allocation_requests',
};

const hasTable = async (db: Db, name: string) =>
  Boolean(
    (await sql<{ name: string | null }>`select to_regclass(${name})::text as name`.execute(db)).rows[0]?.name,
  );

/** Why the mode cannot run on this code, or null when it can. */
export async function unavailable(db: Db, mode: Mode): Promise<string | null> {
  const table = NEEDS[mode];
  if (table === null || (await hasTable(db, table))) return null;
  return `not available on this branch (no ${table} table)`;
}

/**
 * Opens the units' released day at `releaseAt` and, where releases have settings, sets every unit's
 * mode. The morning is compressed (a 30-minute pre-window becomes one), so are its clocks: the
 * pre-window in whole minutes, a 2-minute pass (people need about a minute from admission to a
 * booking here, most of it waiting for the code), and 600 admissions a minute, so that the pace's
 * floor under high latency (×0.1) still admits one person a second.
 */
export async function prepareRelease(db: Db, mode: Mode, release: Release): Promise<void> {
  await db.updateTable('slots').set({ opens_at: release.releaseAt }).execute();
  if (!(await hasTable(db, 'release_settings'))) return;
  await sql`
    insert into release_settings (unit_clues, service_code, mode, pre_window_minutes, pass_minutes, admit_per_minute)
    select clues, ${SERVICE}, ${mode}, ${Math.ceil(release.preWindowSeconds / 60)}, 2, 600 from units`.execute(
    db,
  );
}
