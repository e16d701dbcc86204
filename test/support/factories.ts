// Small builders for integration tests: each test makes exactly the data it talks about.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { createApiToken } from '../../src/identity/api-tokens.js';
import type { StaffRole } from '../../src/identity/roles.js';
import type { Db } from '../../src/platform/db/connect.js';
import type { BeneficiariesTable, SlotPool } from '../../src/platform/db/schema.js';
import { buildCurp, CURP_STATE_CODES } from '../../src/registry/curp.js';
import { DEMO_SERVICES } from '../../src/seed/demo-network.js';

let sequence = 0;
const next = () => ++sequence;

export async function theServiceCatalog(db: Db) {
  await db
    .insertInto('services')
    .values([...DEMO_SERVICES])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface TestClinic {
  clues: string;
  timeZone: string;
  resourceId: number;
  templateId: number;
  serviceCode: string;
}

/** A unit with one consultorio and one template (not generated) for `serviceCode`. */
export async function aClinic(
  db: Db,
  options: { timeZone?: string; state?: string; serviceCode?: string; services?: string[] } = {},
): Promise<TestClinic> {
  await theServiceCatalog(db);
  const serviceCode = options.serviceCode ?? 'medicina_familiar';
  const clues = `DFIST${String(next()).padStart(6, '0')}`;
  await db
    .insertInto('units')
    .values({
      clues,
      name: `Clínica de prueba ${clues}`,
      type: 'CMF',
      state_code: options.state ?? 'DF',
      municipality: 'Coyoacán',
      time_zone: options.timeZone ?? 'America/Mexico_City',
      address: 'Calle de Prueba 1',
      phone: '5550000000',
    })
    .execute();
  const services = [...new Set([serviceCode, ...(options.services ?? [])])];
  await db
    .insertInto('unit_services')
    .values(services.map((service_code) => ({ unit_clues: clues, service_code })))
    .execute();
  const resource = await db
    .insertInto('resources')
    .values({ unit_clues: clues, name: 'Consultorio 1', kind: 'consultorio', shift: 'M' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const template = await db
    .insertInto('agenda_templates')
    .values({
      resource_id: resource.id,
      service_code: serviceCode,
      weekdays: [1, 2, 3, 4, 5],
      start_time: '08:00',
      end_time: '14:00',
      slot_minutes: 20,
      horizon_days: 14,
      release_time: '07:00',
      share_web: 50,
      share_phone: 35,
      share_counter: 15,
      valid_from: '2020-01-01',
      valid_until: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    clues,
    timeZone: options.timeZone ?? 'America/Mexico_City',
    resourceId: resource.id,
    templateId: template.id,
    serviceCode,
  };
}

/**
 * `count` free, released slots of the clinic, one every 20 minutes from `from` (default: after the
 * clinic's last slot, or tomorrow at 8:00 on its walls).
 */
export async function freeSlots(
  db: Db,
  clinic: TestClinic,
  count: number,
  options: { from?: Date; pool?: SlotPool; opensAt?: Date; serviceCode?: string } = {},
): Promise<number[]> {
  const last = await db
    .selectFrom('slots')
    .select((eb) => eb.fn.max('starts_at').as('at'))
    .where('resource_id', '=', clinic.resourceId)
    .executeTakeFirst();
  const tomorrow = DateTime.now()
    .setZone(clinic.timeZone)
    .plus({ days: 1 })
    .set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  const afterLast = last?.at ? new Date(new Date(last.at).getTime() + 20 * 60_000) : undefined;
  const from =
    options.from ?? (afterLast && afterLast > tomorrow.toJSDate() ? afterLast : tomorrow.toJSDate());
  const rows = Array.from({ length: count }, (_, i) => {
    const startsAt = new Date(from.getTime() + i * 20 * 60_000);
    return {
      template_id: clinic.templateId,
      resource_id: clinic.resourceId,
      unit_clues: clinic.clues,
      service_code: options.serviceCode ?? clinic.serviceCode,
      local_date: DateTime.fromJSDate(startsAt, { zone: clinic.timeZone }).toISODate() as string,
      shift: 'M' as const,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 20 * 60_000),
      opens_at: options.opensAt ?? new Date('2020-01-01T00:00:00Z'),
      pool: options.pool ?? 'web',
    };
  });
  const inserted = await db.insertInto('slots').values(rows).returning('id').execute();
  return inserted.map((r) => r.id);
}

/** The ids of the clinic's first `count` free phone-share slots of a local day ('YYYY-MM-DD'). */
export async function phoneSlotsOf(db: Db, clinic: TestClinic, day: string, count = 1): Promise<number[]> {
  const rows = await db
    .selectFrom('slots')
    .select('id')
    .where('resource_id', '=', clinic.resourceId)
    .where('local_date', '=', day)
    .where('pool', '=', 'phone')
    .where('status', '=', 'free')
    .orderBy('starts_at')
    .limit(count)
    .execute();
  return rows.map((r) => r.id);
}

export interface TestPerson {
  id: number;
  curp: string;
  /** YYYY-MM-DD, as the portal's sign-in asks for it. */
  birthDate: string;
}

const CURP_STATES = Object.keys(CURP_STATE_CODES);

/** An eligible holder adscribed to the clinic, unless told otherwise. */
export async function aBeneficiary(
  db: Db,
  clinic: Pick<TestClinic, 'clues'>,
  overrides: Partial<Omit<BeneficiariesTable, 'id' | 'updated_at' | 'name_key'>> = {},
): Promise<TestPerson> {
  const n = next();
  // The CURP holds the birth date, as a real one does (the portal checks they agree).
  const birthDate =
    overrides.birth_date ?? `19${String(50 + (n % 49)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`;
  const curp = buildCurp({
    givenNames: 'Rosa',
    firstSurname: 'Prueba',
    secondSurname: 'Pérez',
    birthDate,
    sex: 'M',
    // A birth date shared by many people of a test: the state and homoclave keep their CURPs apart.
    state: overrides.birth_date ? (CURP_STATES[Math.floor(n / 10) % CURP_STATES.length] ?? 'DF') : 'DF',
    differentiator: overrides.birth_date ? n % 10 : Math.floor(n / 100),
  });
  const row = await db
    .insertInto('beneficiaries')
    .values({
      curp,
      given_names: 'Rosa',
      first_surname: 'Prueba',
      second_surname: 'Pérez',
      birth_date: birthDate,
      sex: 'M',
      phone: '5511112222',
      email: null,
      category: overrides.holder_id ? 'hijo' : 'trabajador',
      holder_id: null,
      unit_clues: clinic.clues,
      consultorio: 'Consultorio 1',
      shift: 'M',
      eligible_until: '2099-12-31',
      affiliation_number: null,
      ...overrides,
    })
    .returning(['id', 'curp', 'birth_date'])
    .executeTakeFirstOrThrow();
  return { id: row.id, curp: row.curp, birthDate: row.birth_date };
}

export async function aStaffToken(
  db: Db,
  role: StaffRole = 'agent',
  unitClues: string | null = null,
): Promise<string> {
  return (await createApiToken(db, { name: `prueba ${role}`, role, unitClues })).secret;
}

/** A portal browser session nobody has signed in to yet, opened at `now` for an hour; returns its id hash. */
export async function anAnonymousWebSession(db: Db, now: Date): Promise<string> {
  const idHash = randomBytes(32).toString('hex');
  await db
    .insertInto('web_sessions')
    .values({
      id_hash: idHash,
      subject_kind: null,
      subject_id: null,
      csrf_token: randomBytes(32).toString('hex'),
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + 3_600_000),
    })
    .execute();
  return idHash;
}
