import { sql } from 'kysely';
import { type AgendaTemplate, localDays, localToday, planSlots } from '../../agenda/slot-plan.js';
import { nationalHolidays } from '../../network/holidays.js';
import type { Database } from '../../platform/db/connect.js';
import { copyLine } from '../../platform/db/copy-text.js';
import { DomainError } from '../../platform/domain-error.js';
import { type Progress, silentProgress } from '../../platform/progress.js';
import { affiliationNumber } from '../../registry/affiliation.js';
import { BENEFICIARY_COLUMNS } from '../../registry/beneficiaries.js';
import { DEMO_SERVICES } from '../demo-network.js';
import { NATIONAL_UNIT_COUNT, type PlannedUnit, planNationalNetwork } from './network.js';
import { syntheticPeople } from './people.js';

/** Beneficiaries at `--scale 1`. */
export const NATIONAL_BENEFICIARIES = 13_500_000;
/** Four weeks ahead: 20 working days. */
export const NATIONAL_HORIZON_DAYS = 28;
/** Affiliation numbers of synthetic people start here, clear of the demo's. */
const AFFILIATION_FIRST_SERIAL = 200_000_000;
const BATCH = 1000;
const PROGRESS_EVERY = 5000;

export interface NationalSeedOptions {
  /** 1 = 13.5 million beneficiaries; the network (1,145 units) is national at every scale. */
  scale: number;
  seed: number;
  now: Date;
  horizonDays?: number;
  /** Load only these states' units (and people adscribed there): small test networks. */
  states?: readonly string[];
  progress?: Progress;
}

export interface NationalSeedSummary {
  units: number;
  resources: number;
  templates: number;
  beneficiaries: number;
  slots: number;
}

/**
 * Loads the synthetic national network into an empty registry: units, consultorios and shifts,
 * agenda templates, beneficiaries and the slot horizon. Rows are streamed through COPY (PostgreSQL)
 * or chunked COPY (PGlite), so memory stays bounded at any scale. Deterministic for a seed and a day.
 */
export async function seedNationalNetwork(
  database: Database,
  options: NationalSeedOptions,
): Promise<NationalSeedSummary> {
  const { db } = database;
  const progress = options.progress ?? silentProgress;
  const wanted = options.states ? new Set(options.states) : undefined;
  const units = planNationalNetwork(options.seed).filter((u) => !wanted || wanted.has(u.state));
  const first = units[0];
  if (!first) throw new RangeError('no units to seed');
  const existing = await db
    .selectFrom('units')
    .select('clues')
    .where('clues', '=', first.clues)
    .executeTakeFirst();
  if (existing) throw new DomainError('NATIONAL_NETWORK_EXISTS', 'the national network is already loaded');

  await db
    .insertInto('services')
    .values([...DEMO_SERVICES])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const year = new Date(options.now).getUTCFullYear();
  await db
    .insertInto('closures')
    .values(
      [year, year + 1]
        .flatMap(nationalHolidays)
        .map((h) => ({ unit_clues: null, day: h.date, reason: h.name })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();

  const horizonDays = options.horizonDays ?? NATIONAL_HORIZON_DAYS;
  const network = progress.phase('Red de unidades', units.length, 'unidades');
  const templates: AgendaTemplate[] = [];
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    templates.push(...(await insertUnits(database, batch, options.now, horizonDays)));
    network.advance(batch.length);
  }
  network.finish();

  const count = Math.round(NATIONAL_BENEFICIARIES * options.scale * (units.length / NATIONAL_UNIT_COUNT));
  const beneficiaries = await loadBeneficiaries(database, units, count, options, progress);
  const slots = await loadSlots(database, templates, horizonDays, options.now, progress);
  await sql`analyze`.execute(db);
  return {
    units: units.length,
    resources: units.reduce((n, u) => n + u.resources.length, 0),
    templates: templates.length,
    beneficiaries,
    slots,
  };
}

async function insertUnits(
  database: Database,
  units: readonly PlannedUnit[],
  now: Date,
  horizonDays: number,
): Promise<AgendaTemplate[]> {
  const { db } = database;
  await db
    .insertInto('units')
    .values(
      units.map((u) => ({
        clues: u.clues,
        name: u.name,
        type: u.type,
        state_code: u.state,
        municipality: u.municipality,
        time_zone: u.zone,
        address: u.address,
        phone: u.phone,
      })),
    )
    .execute();
  await db
    .insertInto('unit_services')
    .values(units.flatMap((u) => u.services.map((service_code) => ({ unit_clues: u.clues, service_code }))))
    .execute();
  const planned = units.flatMap((unit) => unit.resources.map((resource) => ({ unit, resource })));
  const templates: AgendaTemplate[] = [];
  for (let i = 0; i < planned.length; i += BATCH) {
    const batch = planned.slice(i, i + BATCH);
    const resources = await db
      .insertInto('resources')
      .values(
        batch.map(({ unit, resource: r }) => ({
          unit_clues: unit.clues,
          name: r.name,
          kind: r.kind,
          shift: r.shift,
        })),
      )
      .returning('id')
      .execute();
    const rows = batch.map(({ unit, resource }, k) => {
      const minutes = DEMO_SERVICES.find((s) => s.code === resource.serviceCode)?.slot_minutes ?? 20;
      return {
        resourceId: resources[k]?.id as number,
        unit,
        resource,
        minutes,
        validFrom: localToday(new Date(now.getTime() - 86_400_000), unit.zone),
      };
    });
    const inserted = await db
      .insertInto('agenda_templates')
      .values(
        rows.map((r) => ({
          resource_id: r.resourceId,
          service_code: r.resource.serviceCode,
          weekdays: [1, 2, 3, 4, 5],
          start_time: r.resource.shift === 'M' ? '08:00' : '14:00',
          end_time: r.resource.shift === 'M' ? '14:00' : '20:00',
          slot_minutes: r.minutes,
          horizon_days: horizonDays,
          release_time: '07:00',
          share_web: 50,
          share_phone: 35,
          share_counter: 15,
          valid_from: r.validFrom,
          valid_until: null,
        })),
      )
      .returning('id')
      .execute();
    rows.forEach((r, k) => {
      templates.push({
        id: inserted[k]?.id as number,
        resourceId: r.resourceId,
        unitClues: r.unit.clues,
        serviceCode: r.resource.serviceCode,
        shift: r.resource.shift,
        timeZone: r.unit.zone,
        weekdays: [1, 2, 3, 4, 5],
        startTime: r.resource.shift === 'M' ? '08:00' : '14:00',
        endTime: r.resource.shift === 'M' ? '14:00' : '20:00',
        slotMinutes: r.minutes,
        horizonDays,
        releaseTime: '07:00',
        shares: { web: 50, phone: 35, counter: 15 },
        validFrom: r.validFrom,
        validUntil: null,
      });
    });
  }
  return templates;
}

async function loadBeneficiaries(
  database: Database,
  units: readonly PlannedUnit[],
  count: number,
  options: NationalSeedOptions,
  progress: Progress,
): Promise<number> {
  if (count === 0) return 0;
  // COPY writes identity values as given: reserve a block of ids so holders can be referenced by
  // id before they are stored, and later inserts carry on after the block.
  const reserved = await sql<{ last: number }>`
    select setval(pg_get_serial_sequence('beneficiaries', 'id'),
                  nextval(pg_get_serial_sequence('beneficiaries', 'id')) + ${count - 1}) as last`.execute(
    database.db,
  );
  const firstId = Number(reserved.rows[0]?.last) - count + 1;
  const bar = progress.phase('Derechohabientes', count);
  const people = syntheticPeople(units, {
    count,
    seed: options.seed,
    today: localToday(options.now, 'America/Mexico_City'),
  });
  async function* lines() {
    let pending = 0;
    for (const p of people) {
      yield copyLine([
        firstId + p.index,
        p.curp,
        affiliationNumber(AFFILIATION_FIRST_SERIAL + firstId + p.index),
        p.givenNames,
        p.firstSurname,
        p.secondSurname,
        p.birthDate,
        p.sex,
        p.phone,
        p.email,
        p.category,
        p.holderIndex === null ? null : firstId + p.holderIndex,
        p.unitClues,
        p.consultorio,
        p.shift,
        p.eligibleUntil,
      ]);
      if (++pending === PROGRESS_EVERY) {
        bar.advance(pending);
        pending = 0;
      }
    }
    bar.advance(pending);
  }
  const loaded = await database.copyInto('beneficiaries', BENEFICIARY_COLUMNS, lines(), { bulk: true });
  bar.finish();
  return loaded;
}

const SLOT_COLUMNS = [
  'template_id',
  'resource_id',
  'unit_clues',
  'service_code',
  'local_date',
  'shift',
  'starts_at',
  'ends_at',
  'opens_at',
  'pool',
] as const;

/**
 * The horizon of every template, planned with the same time-zone maths as generateSlots. Thousands
 * of templates share a few shapes (zone, hours, slot length), so each shape is planned once.
 */
async function loadSlots(
  database: Database,
  templates: readonly AgendaTemplate[],
  horizonDays: number,
  now: Date,
  progress: Progress,
): Promise<number> {
  const closures = await database.db.selectFrom('closures').select(['unit_clues', 'day']).execute();
  const national = new Set(closures.filter((c) => c.unit_clues === null).map((c) => c.day));
  const shapes = new Map<string, string[][]>();
  const planShape = (template: AgendaTemplate) => {
    const key = [
      template.timeZone,
      template.startTime,
      template.endTime,
      template.slotMinutes,
      template.validFrom,
    ].join('|');
    let planned = shapes.get(key);
    if (!planned) {
      const days = localDays(localToday(now, template.timeZone), horizonDays + 1);
      planned = planSlots(template, days, national).map((s) => [
        s.localDate,
        s.shift,
        s.startsAt.toISOString(),
        s.endsAt.toISOString(),
        s.opensAt.toISOString(),
        s.pool,
      ]);
      shapes.set(key, planned);
    }
    return planned;
  };
  const bar = progress.phase('Horarios', templates.length, 'agendas');
  async function* lines() {
    for (const template of templates) {
      const head = [template.id, template.resourceId, template.unitClues, template.serviceCode];
      for (const slot of planShape(template)) yield copyLine([...head, ...slot]);
      bar.advance(1);
    }
  }
  const loaded = await database.copyInto('slots', SLOT_COLUMNS, lines(), { bulk: true });
  bar.finish();
  return loaded;
}
