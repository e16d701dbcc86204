import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';

export interface Service {
  code: string;
  name: string;
  kind: 'medical' | 'administrative';
  slotMinutes: number;
  requiresAdscription: boolean;
  requiresReferral: boolean;
}

function serviceQuery(db: Db) {
  return db
    .selectFrom('services')
    .select(['code', 'name', 'kind', 'slot_minutes', 'requires_adscription', 'requires_referral'])
    .orderBy('sort_order')
    .orderBy('code');
}

type ServiceRow = Awaited<ReturnType<ReturnType<typeof serviceQuery>['executeTakeFirstOrThrow']>>;

const toService = (r: ServiceRow): Service => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  slotMinutes: r.slot_minutes,
  requiresAdscription: r.requires_adscription,
  requiresReferral: r.requires_referral,
});

export async function listServices(db: Db): Promise<Service[]> {
  return (await serviceQuery(db).execute()).map(toService);
}

export async function getService(db: Db, code: string): Promise<Service> {
  const row = await serviceQuery(db).where('code', '=', code).executeTakeFirst();
  if (!row) throw new DomainError('SERVICE_NOT_FOUND', `service ${code} does not exist`, { code });
  return toService(row);
}
