import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';

export type UnitType = 'CMF' | 'UMF' | 'CH' | 'HG' | 'HR' | 'ADM';

export interface Unit {
  clues: string;
  name: string;
  type: UnitType;
  state: { code: string; name: string };
  municipality: string;
  timeZone: string;
  address: string;
  phone: string;
  services: string[];
}

export const CLUES_PATTERN = /^[A-Z]{5}[0-9]{6}$/;

function unitQuery(db: Db) {
  return db
    .selectFrom('units as u')
    .innerJoin('states as s', 's.code', 'u.state_code')
    .select([
      'u.clues',
      'u.name',
      'u.type',
      'u.state_code',
      's.name as state_name',
      'u.municipality',
      'u.time_zone',
      'u.address',
      'u.phone',
      sql<string[]>`coalesce((select array_agg(us.service_code order by us.service_code)
        from unit_services us where us.unit_clues = u.clues), '{}')`.as('services'),
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

const toUnit = (r: UnitRow): Unit => ({
  clues: r.clues,
  name: r.name,
  type: r.type,
  state: { code: r.state_code, name: r.state_name },
  municipality: r.municipality,
  timeZone: r.time_zone,
  address: r.address,
  phone: r.phone,
  services: r.services,
});

export async function listUnits(
  db: Db,
  filter: { state?: string; q?: string; limit?: number },
): Promise<Unit[]> {
  let query = unitQuery(db);
  if (filter.state) query = query.where('u.state_code', '=', filter.state);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.name', 'ilike', pattern),
        eb('u.municipality', 'ilike', pattern),
        eb('u.clues', 'ilike', pattern),
      ]),
    );
  }
  const rows = await query
    .orderBy('u.state_code')
    .orderBy('u.name')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toUnit);
}

export async function findUnit(db: Db, clues: string): Promise<Unit | undefined> {
  const row = await unitQuery(db).where('u.clues', '=', clues).executeTakeFirst();
  return row && toUnit(row);
}

export async function getUnit(db: Db, clues: string): Promise<Unit> {
  const unit = await findUnit(db, clues);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', `unit ${clues} does not exist`, { clues });
  return unit;
}

export async function isKnownState(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('states').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The federal entities, by name. */
export async function listStates(db: Db): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('states').select(['code', 'name']).orderBy('name').execute();
}
