import { DateTime } from 'luxon';
import { generateSlots } from '../agenda/generate-slots.js';
import { nationalHolidays } from '../network/holidays.js';
import type { Db } from '../platform/db/connect.js';
import type { BeneficiariesTable } from '../platform/db/schema.js';
import { affiliationNumber } from '../registry/affiliation.js';
import { buildCurp } from '../registry/curp.js';
import { MEN_NAMES, SURNAMES, WOMEN_NAMES } from './names.js';
import { SeededRandom } from './random.js';

export const DEMO_SERVICES = [
  {
    code: 'medicina_familiar',
    name: 'Medicina familiar',
    kind: 'medical',
    slot_minutes: 20,
    requires_adscription: true,
    requires_referral: false,
    sort_order: 1,
  },
  {
    code: 'odontologia',
    name: 'Odontología',
    kind: 'medical',
    slot_minutes: 30,
    requires_adscription: true,
    requires_referral: false,
    sort_order: 2,
  },
  {
    code: 'medicina_preventiva',
    name: 'Medicina preventiva y vacunación',
    kind: 'medical',
    slot_minutes: 15,
    requires_adscription: false,
    requires_referral: false,
    sort_order: 3,
  },
  {
    code: 'medicina_interna',
    name: 'Medicina interna',
    kind: 'medical',
    slot_minutes: 30,
    requires_adscription: false,
    requires_referral: true,
    sort_order: 4,
  },
  {
    code: 'pensiones',
    name: 'Trámites de pensión',
    kind: 'administrative',
    slot_minutes: 30,
    requires_adscription: false,
    requires_referral: false,
    sort_order: 10,
  },
  {
    code: 'prestamos_personales',
    name: 'Préstamos personales',
    kind: 'administrative',
    slot_minutes: 20,
    requires_adscription: false,
    requires_referral: false,
    sort_order: 11,
  },
] as const;

interface DemoUnit {
  clues: string;
  name: string;
  type: 'CMF' | 'UMF' | 'CH' | 'ADM';
  state: string;
  municipality: string;
  zone: string;
  address: string;
  phone: string;
  services: string[];
  consultorios: number;
}

export const DEMO_UNITS: DemoUnit[] = [
  {
    clues: 'DFIST000101',
    name: 'Clínica de Medicina Familiar Coyoacán',
    type: 'CMF',
    state: 'DF',
    municipality: 'Coyoacán',
    zone: 'America/Mexico_City',
    address: 'Av. Miguel Ángel de Quevedo 687, Coyoacán, CDMX',
    phone: '5554201000',
    services: ['medicina_familiar', 'odontologia', 'medicina_preventiva'],
    consultorios: 4,
  },
  {
    clues: 'JCIST000202',
    name: 'Unidad de Medicina Familiar Guadalajara Centro',
    type: 'UMF',
    state: 'JC',
    municipality: 'Guadalajara',
    zone: 'America/Mexico_City',
    address: 'Av. Juárez 450, Centro, Guadalajara, Jal.',
    phone: '3336140200',
    services: ['medicina_familiar', 'medicina_preventiva'],
    consultorios: 3,
  },
  {
    clues: 'QRIST000303',
    name: 'Clínica Hospital Cancún',
    type: 'CH',
    state: 'QR',
    municipality: 'Benito Juárez',
    zone: 'America/Cancun',
    address: 'Av. Cobá 30, SM 25, Cancún, Q. Roo',
    phone: '9988840300',
    services: ['medicina_familiar', 'odontologia', 'medicina_interna'],
    consultorios: 3,
  },
  {
    clues: 'BCIST000404',
    name: 'Clínica de Medicina Familiar Tijuana',
    type: 'CMF',
    state: 'BC',
    municipality: 'Tijuana',
    zone: 'America/Tijuana',
    address: 'Blvd. Agua Caliente 4558, Tijuana, B.C.',
    phone: '6646810400',
    services: ['medicina_familiar', 'medicina_preventiva'],
    consultorios: 3,
  },
  {
    clues: 'SRIST000505',
    name: 'Clínica Hospital Hermosillo',
    type: 'CH',
    state: 'SR',
    municipality: 'Hermosillo',
    zone: 'America/Hermosillo',
    address: 'Blvd. Luis Encinas 200, Hermosillo, Son.',
    phone: '6622590500',
    services: ['medicina_familiar', 'odontologia', 'medicina_interna'],
    consultorios: 2,
  },
  {
    clues: 'YNIST000606',
    name: 'Clínica de Medicina Familiar Mérida',
    type: 'CMF',
    state: 'YN',
    municipality: 'Mérida',
    zone: 'America/Merida',
    address: 'Calle 60 No. 410, Centro, Mérida, Yuc.',
    phone: '9999280600',
    services: ['medicina_familiar', 'medicina_preventiva'],
    consultorios: 2,
  },
  {
    clues: 'DFIST000707',
    name: 'Oficina de Prestaciones Económicas Cuauhtémoc',
    type: 'ADM',
    state: 'DF',
    municipality: 'Cuauhtémoc',
    zone: 'America/Mexico_City',
    address: 'Av. de la República 154, Tabacalera, CDMX',
    phone: '5551400700',
    services: ['pensiones', 'prestamos_personales'],
    consultorios: 2,
  },
];

/** People the README names, so anyone can try the portal, the phone line and the API. */
export const DEMO_PEOPLE = [
  {
    givenNames: 'María Guadalupe',
    firstSurname: 'Hernández',
    secondSurname: 'López',
    birthDate: '1978-04-12',
    sex: 'M',
    category: 'trabajador',
    unit: 'DFIST000101',
    phone: '5512345678',
  },
  {
    givenNames: 'José Luis',
    firstSurname: 'Martínez',
    secondSurname: 'Peña',
    birthDate: '1954-09-30',
    sex: 'H',
    category: 'pensionado',
    unit: 'BCIST000404',
    phone: '6641234567',
  },
  {
    givenNames: 'Ana Sofía',
    firstSurname: 'Ramírez',
    secondSurname: 'Torres',
    birthDate: '1990-01-25',
    sex: 'M',
    category: 'trabajador',
    unit: 'QRIST000303',
    phone: '9981234567',
    expired: true,
  },
  {
    givenNames: 'Iñaki',
    firstSurname: 'Núñez',
    secondSurname: 'Ávila',
    birthDate: '1985-07-08',
    sex: 'H',
    category: 'trabajador',
    unit: 'SRIST000505',
    phone: null,
  },
] as const;

const ELIGIBLE_UNTIL = '2030-12-31';
const EXPIRED_ON = '2025-06-30';
const HOLDERS = 800;

export interface SeedSummary {
  units: number;
  beneficiaries: number;
  slots: number;
}

/** The deterministic demo network seeded on first start (and by `citas seed --demo`). */
export async function seedDemoNetwork(db: Db, now: Date): Promise<SeedSummary> {
  const random = new SeededRandom(20261122);
  await db
    .insertInto('services')
    .values([...DEMO_SERVICES])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const startYear = DateTime.fromJSDate(now).year;
  const holidays = [startYear, startYear + 1].flatMap(nationalHolidays);
  await db
    .insertInto('closures')
    .values(holidays.map((h) => ({ unit_clues: null, day: h.date, reason: h.name })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  for (const unit of DEMO_UNITS) await seedUnit(db, unit, now);

  const people = buildPeople(random);
  let serial = 100_000;
  const idByCurp = new Map<string, number>();
  for (const person of people) {
    const holderId = person.holderCurp ? idByCurp.get(person.holderCurp) : null;
    const row = await db
      .insertInto('beneficiaries')
      .values({ ...person.row, holder_id: holderId ?? null, affiliation_number: affiliationNumber(serial++) })
      .onConflict((oc) => oc.column('curp').doNothing())
      .returning('id')
      .executeTakeFirst();
    const id =
      row?.id ??
      (
        await db
          .selectFrom('beneficiaries')
          .select('id')
          .where('curp', '=', person.row.curp)
          .executeTakeFirstOrThrow()
      ).id;
    idByCurp.set(person.row.curp, id);
  }
  const slots = await generateSlots(db, { now });
  return { units: DEMO_UNITS.length, beneficiaries: people.length, slots };
}

async function seedUnit(db: Db, unit: DemoUnit, now: Date) {
  await db
    .insertInto('units')
    .values({
      clues: unit.clues,
      name: unit.name,
      type: unit.type,
      state_code: unit.state,
      municipality: unit.municipality,
      time_zone: unit.zone,
      address: unit.address,
      phone: unit.phone,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('unit_services')
    .values(unit.services.map((code) => ({ unit_clues: unit.clues, service_code: code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const existing = await db
    .selectFrom('resources')
    .select('id')
    .where('unit_clues', '=', unit.clues)
    .execute();
  if (existing.length > 0) return;
  const validFrom = DateTime.fromJSDate(now, { zone: unit.zone }).minus({ days: 1 }).toISODate() as string;
  const kind = unit.type === 'ADM' ? 'desk' : 'consultorio';
  for (let n = 1; n <= unit.consultorios; n++) {
    for (const shift of ['M', 'V'] as const) {
      const resource = await db
        .insertInto('resources')
        .values({
          unit_clues: unit.clues,
          name: `${kind === 'desk' ? 'Ventanilla' : 'Consultorio'} ${n}`,
          kind,
          shift,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Consultorio n serves the service n-th in the unit's list first, so every service gets rooms.
      const service = unit.services[(n - 1) % unit.services.length] as string;
      const minutes = DEMO_SERVICES.find((s) => s.code === service)?.slot_minutes ?? 20;
      await db
        .insertInto('agenda_templates')
        .values({
          resource_id: resource.id,
          service_code: service,
          weekdays: [1, 2, 3, 4, 5],
          start_time: shift === 'M' ? '08:00' : '14:00',
          end_time: shift === 'M' ? '14:00' : '20:00',
          slot_minutes: minutes,
          horizon_days: 14,
          release_time: '07:00',
          share_web: 50,
          share_phone: 35,
          share_counter: 15,
          valid_from: validFrom,
          valid_until: null,
        })
        .execute();
    }
  }
}

type NewBeneficiary = Omit<
  BeneficiariesTable,
  'id' | 'updated_at' | 'holder_id' | 'affiliation_number' | 'name_key'
>;

function buildPeople(random: SeededRandom): { row: NewBeneficiary; holderCurp: string | null }[] {
  const clinics = DEMO_UNITS.filter((u) => u.type !== 'ADM');
  const used = new Set<string>();
  const people: { row: NewBeneficiary; holderCurp: string | null }[] = [];
  const person = (
    p: Omit<NewBeneficiary, 'curp' | 'consultorio' | 'shift'> & { state: string },
    holderCurp: string | null,
    consultorio?: { consultorio: string; shift: 'M' | 'V' },
  ) => {
    let curp = '';
    for (let d = 0; !curp || used.has(curp); d++) {
      curp = buildCurp({
        ...p,
        givenNames: p.given_names,
        firstSurname: p.first_surname,
        secondSurname: p.second_surname,
        birthDate: p.birth_date,
        sex: p.sex === 'X' ? 'H' : p.sex,
        differentiator: d,
      });
    }
    used.add(curp);
    const { state: _state, ...row } = p;
    const place = consultorio ?? {
      consultorio: `Consultorio ${random.int(1, 2)}`,
      shift: random.pick(['M', 'V'] as const),
    };
    people.push({ row: { ...row, curp, ...place }, holderCurp });
    return { curp, place };
  };

  for (const demo of DEMO_PEOPLE) {
    const unit = DEMO_UNITS.find((u) => u.clues === demo.unit) as DemoUnit;
    const holder = person(
      {
        given_names: demo.givenNames,
        first_surname: demo.firstSurname,
        second_surname: demo.secondSurname,
        birth_date: demo.birthDate,
        sex: demo.sex,
        phone: demo.phone,
        email: null,
        category: demo.category,
        unit_clues: demo.unit,
        eligible_until: 'expired' in demo ? EXPIRED_ON : ELIGIBLE_UNTIL,
        state: unit.state,
      },
      null,
      { consultorio: 'Consultorio 1', shift: 'M' },
    );
    if (demo.givenNames === 'María Guadalupe') {
      const family = [
        {
          given_names: 'Ricardo',
          sex: 'H',
          birth_date: '1976-02-14',
          category: 'conyuge',
          eligible_until: ELIGIBLE_UNTIL,
          second_surname: 'Salazar',
        },
        {
          given_names: 'Sofía',
          sex: 'M',
          birth_date: '2012-10-03',
          category: 'hijo',
          eligible_until: ELIGIBLE_UNTIL,
          second_surname: 'Hernández',
        },
        {
          given_names: 'Mateo',
          sex: 'H',
          birth_date: '2004-05-21',
          category: 'hijo',
          eligible_until: EXPIRED_ON,
          second_surname: 'Hernández',
        },
      ] as const;
      for (const member of family) {
        person(
          {
            ...member,
            first_surname: 'Castro',
            phone: null,
            email: null,
            unit_clues: demo.unit,
            state: 'DF',
          },
          holder.curp,
          holder.place,
        );
      }
    }
  }

  for (let h = 0; h < HOLDERS; h++) {
    const unit = random.pick(clinics);
    const sex = random.chance(0.55) ? 'M' : 'H';
    const surname = random.pick(SURNAMES);
    const year = random.int(1950, 2000);
    const holder = person(
      {
        given_names: random.pick(sex === 'M' ? WOMEN_NAMES : MEN_NAMES),
        first_surname: surname,
        second_surname: random.pick(SURNAMES),
        birth_date: dateIn(random, year),
        sex,
        phone: random.chance(0.9)
          ? `${unit.phone.slice(0, 3)}${String(random.int(1_000_000, 9_999_999))}`
          : null,
        email: null,
        category: year < 1962 ? 'pensionado' : 'trabajador',
        unit_clues: unit.clues,
        eligible_until: random.chance(0.05) ? EXPIRED_ON : ELIGIBLE_UNTIL,
        state: unit.state,
      },
      null,
    );
    const children = random.int(0, 3);
    const members: { category: NewBeneficiary['category']; year: number; sex: 'H' | 'M' }[] = [];
    if (random.chance(0.6))
      members.push({ category: 'conyuge', year: year + random.int(-4, 4), sex: sex === 'M' ? 'H' : 'M' });
    for (let c = 0; c < children; c++)
      members.push({
        category: 'hijo',
        year: Math.min(2024, year + random.int(20, 38)),
        sex: random.chance(0.5) ? 'M' : 'H',
      });
    for (const member of members) {
      person(
        {
          given_names: random.pick(member.sex === 'M' ? WOMEN_NAMES : MEN_NAMES),
          first_surname: member.category === 'hijo' ? surname : random.pick(SURNAMES),
          second_surname: random.pick(SURNAMES),
          birth_date: dateIn(random, member.year),
          sex: member.sex,
          phone: null,
          email: null,
          category: member.category,
          unit_clues: unit.clues,
          eligible_until: random.chance(0.05) ? EXPIRED_ON : ELIGIBLE_UNTIL,
          state: unit.state,
        },
        holder.curp,
        holder.place,
      );
    }
  }
  return people;
}

const dateIn = (random: SeededRandom, year: number) =>
  `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
