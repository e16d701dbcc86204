import type { Db } from '../platform/db/connect.js';

/** The unit a slot belongs to, or null when there is no such slot. */
export async function unitOfSlot(db: Db, slotId: number): Promise<string | null> {
  const row = await db.selectFrom('slots').select('unit_clues').where('id', '=', slotId).executeTakeFirst();
  return row?.unit_clues ?? null;
}

/** The unit a consultorio or desk belongs to, or null when there is no such resource. */
export async function unitOfResource(db: Db, resourceId: number): Promise<string | null> {
  const row = await db
    .selectFrom('resources')
    .select('unit_clues')
    .where('id', '=', resourceId)
    .executeTakeFirst();
  return row?.unit_clues ?? null;
}
