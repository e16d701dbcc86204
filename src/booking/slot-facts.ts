import type { Db } from '../platform/db/connect.js';
import type { SlotFacts } from './rules.js';

export interface SlotForBooking extends SlotFacts {
  id: number;
  endsAt: Date;
  timeZone: string;
  unitName: string;
  requiresAdscription: boolean;
  requiresReferral: boolean;
}

export async function loadSlotForBooking(db: Db, slotId: number): Promise<SlotForBooking | undefined> {
  const row = await db
    .selectFrom('slots as s')
    .innerJoin('units as u', 'u.clues', 's.unit_clues')
    .innerJoin('services as sv', 'sv.code', 's.service_code')
    .select([
      's.id',
      's.unit_clues',
      's.service_code',
      's.local_date',
      's.starts_at',
      's.ends_at',
      's.opens_at',
      's.status',
      's.pool',
      'u.time_zone',
      'u.name as unit_name',
      'sv.requires_adscription',
      'sv.requires_referral',
    ])
    .where('s.id', '=', slotId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      unitClues: row.unit_clues,
      serviceCode: row.service_code,
      localDate: row.local_date,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      opensAt: row.opens_at,
      status: row.status,
      pool: row.pool,
      timeZone: row.time_zone,
      unitName: row.unit_name,
      requiresAdscription: row.requires_adscription,
      requiresReferral: row.requires_referral,
    }
  );
}
