import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';
import { getService, type Service } from './services.js';
import { findUnit, type Unit } from './units.js';

/**
 * Units, services and consultorio names change a few times a year, while availability — the
 * request everybody makes, many times, at 07:00 — needs them on every call. They are remembered
 * per database for TTL_MS, so a change to the catalog shows within that time. Only descriptions
 * are cached: whether a slot is free is always read live.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  value: Promise<T>;
  until: number;
}

class Remembered<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, load: () => Promise<T>, fresh: (value: T) => boolean = () => true): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) {
      return hit.value.then((value) => (fresh(value) ? value : this.load(key, load, now)));
    }
    return this.load(key, load, now);
  }

  private load(key: string, load: () => Promise<T>, now: number): Promise<T> {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    this.entries.set(key, { value, until: now + TTL_MS });
    // A failed read is not remembered: the next call asks again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

interface Caches {
  units: Remembered<Unit | undefined>;
  services: Remembered<Service>;
  resourceNames: Remembered<Map<number, string>>;
}

const perDatabase = new WeakMap<Db, Caches>();

function cachesOf(db: Db): Caches {
  let caches = perDatabase.get(db);
  if (!caches) {
    caches = { units: new Remembered(), services: new Remembered(), resourceNames: new Remembered() };
    perDatabase.set(db, caches);
  }
  return caches;
}

export function findUnitCached(db: Db, clues: string): Promise<Unit | undefined> {
  return cachesOf(db).units.get(clues, () => findUnit(db, clues));
}

export async function getUnitCached(db: Db, clues: string): Promise<Unit> {
  const unit = await findUnitCached(db, clues);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', `unit ${clues} does not exist`, { clues });
  return unit;
}

export function getServiceCached(db: Db, code: string): Promise<Service> {
  return cachesOf(db).services.get(code, () => getService(db, code));
}

/**
 * The names of a unit's consultorios and desks by id, for every id in `ids`: read again when one
 * is missing (a room added since), so a slot is never shown without its room's name.
 */
export function resourceNamesOf(
  db: Db,
  unitClues: string,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const load = async () => {
    const rows = await db
      .selectFrom('resources')
      .select(['id', 'name'])
      .where('unit_clues', '=', unitClues)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  return cachesOf(db).resourceNames.get(unitClues, load, (names) => ids.every((id) => names.has(id)));
}
