// How each release mode is switched on for the morning's units, and whether this branch has it.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/connect.js';
import type { Mode } from './plan.js';

export interface Release {
  releaseAt: Date;
  preWindowSeconds: number;
}

/** Why the mode cannot run on this code, or null when it can. */
export async function unavailable(db: Db, mode: Mode): Promise<string | null> {
  if (mode === 'race') return null;
  const table = await sql<{
    name: string | null;
  }>`select to_regclass('release_settings')::text as name`.execute(db);
  if (!table.rows[0]?.name) return 'not available on this branch (no release_settings table)';
  return `not available on this branch (mode '${mode}' is not driven yet)`;
}

/** Opens the units' released day at `releaseAt`, in the given mode. */
export async function prepareRelease(db: Db, _mode: Mode, release: Release): Promise<void> {
  await db.updateTable('slots').set({ opens_at: release.releaseAt }).execute();
}
