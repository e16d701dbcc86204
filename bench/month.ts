// `npm run bench:month [-- --units 3 --seed 2026]`: a simulated month of the access loop at a few
// units, on the real domain operations (booking statement, cancellation, reminders, backfill, offers
// taken through their links) with a virtual clock on PGlite in memory (or DATABASE_URL). People
// book ~92 % of the month up front; 12 % cancel at a random moment before their appointment; 15 %
// of the rest would not come, and a third of those answer the 24-hour reminder with 2 (CANCELAR);
// waiting people take an offer with probability 0.6 after 1–45 minutes (past 30 it has expired).
// Prints slots freed, refilled by backfill, release-to-refill time, unused capacity with and
// without backfill, and SMS per booking; writes bench/results/month-*.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { bookSlot } from '../src/booking/book.js';
import { cancelAppointment } from '../src/booking/cancel.js';
import { type Database, openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buildCurp } from '../src/registry/curp.js';
import { DEFAULT_REMINDER_POLICY } from '../src/reminders/policy.js';
import { remindersPass } from '../src/reminders/send.js';
import { answerSms } from '../src/reminders/sms-reply.js';
import { DEMO_SERVICES } from '../src/seed/demo-network.js';
import { SeededRandom } from '../src/seed/random.js';
import { backfillPass } from '../src/waitlist/backfill.js';
import { takeOffer } from '../src/waitlist/claim.js';
import { joinWaitlist } from '../src/waitlist/entries.js';

const { values } = parseArgs({
  options: { units: { type: 'string', default: '3' }, seed: { type: 'string', default: '2026' } },
});
const UNITS = Number(values.units);
const random = new SeededRandom(Number(values.seed));
const ZONE = 'America/Mexico_City';
const SERVICE = 'medicina_familiar';
const STEP_MINUTES = 10;
const settings = {
  policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: 60 },
  linkKey: 'bench-link-key-of-at-least-thirty-two-characters',
  publicUrl: 'https://citas.example.mx',
};
const log = (text: string) => process.stderr.write(`${text}\n`);

const database: Database = process.env.DATABASE_URL
  ? await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL })
  : await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
const { db } = database;
const start = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 1, hours: 6 });
const t0 = start.toJSDate();
const monthEnd = start.plus({ days: 30 }).toJSDate();
// Released the day before, so the opening rush (the waiting room) is over when people book.
const released = start.minus({ days: 1 }).toJSDate();

/** Units with one consultorio each, 08:00–14:00 every 20 minutes on weekdays, all released. */
async function setUp() {
  await db
    .insertInto('services')
    .values([...DEMO_SERVICES])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const people: { id: number; curp: string; unit: string }[] = [];
  const slots: { id: number; unit: string; startsAt: Date }[] = [];
  for (let u = 0; u < UNITS; u++) {
    const clues = `DFBEN${String(u + 1).padStart(6, '0')}`;
    await db
      .insertInto('units')
      .values({
        clues,
        name: `Unidad ${u + 1}`,
        type: 'UMF',
        state_code: 'DF',
        municipality: 'Coyoacán',
        time_zone: ZONE,
        address: 'Calle 1',
        phone: '5550000000',
      })
      .execute();
    await db.insertInto('unit_services').values({ unit_clues: clues, service_code: SERVICE }).execute();
    const resource = await db
      .insertInto('resources')
      .values({ unit_clues: clues, name: 'Consultorio 1', kind: 'consultorio', shift: 'M' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const template = await db
      .insertInto('agenda_templates')
      .values({
        resource_id: resource.id,
        service_code: SERVICE,
        weekdays: [1, 2, 3, 4, 5],
        start_time: '08:00',
        end_time: '14:00',
        slot_minutes: 20,
        horizon_days: 30,
        release_time: '07:00',
        share_web: 100,
        share_phone: 0,
        share_counter: 0,
        valid_from: '2020-01-01',
        valid_until: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = [];
    for (let d = 0; d < 30; d++) {
      const day = start.plus({ days: d }).startOf('day');
      if (day.weekday > 5) continue;
      for (let m = 8 * 60; m < 14 * 60; m += 20) {
        const at = day.plus({ minutes: m });
        rows.push({
          template_id: template.id,
          resource_id: resource.id,
          unit_clues: clues,
          service_code: SERVICE,
          local_date: at.toISODate() as string,
          shift: 'M' as const,
          starts_at: at.toJSDate(),
          ends_at: at.plus({ minutes: 20 }).toJSDate(),
          opens_at: released,
          pool: 'web' as const,
        });
      }
    }
    for (const s of await db.insertInto('slots').values(rows).returning(['id', 'starts_at']).execute())
      slots.push({ id: s.id, unit: clues, startsAt: new Date(s.starts_at) });
    const count = Math.ceil(rows.length * 1.3);
    for (let i = 0; i < count; i++) {
      const n = u * 10_000 + i;
      // Distinct birth dates within a unit, the unit as the CURP's differentiator: no two alike.
      const birthDate = DateTime.fromObject({
        year: 1940 + (i % 60),
        month: 1 + (Math.floor(i / 60) % 12),
        day: 1 + (Math.floor(i / 720) % 28),
      }).toISODate() as string;
      const curp = buildCurp({
        givenNames: 'Ana',
        firstSurname: 'Mes',
        secondSurname: 'Banco',
        birthDate,
        sex: 'M',
        state: 'DF',
        differentiator: u,
      });
      const row = await db
        .insertInto('beneficiaries')
        .values({
          curp,
          given_names: 'Ana',
          first_surname: 'Mes',
          second_surname: 'Banco',
          birth_date: birthDate,
          sex: 'M',
          phone: `55${String(10_000_000 + n)}`,
          email: null,
          category: 'trabajador',
          holder_id: null,
          unit_clues: clues,
          consultorio: 'Consultorio 1',
          shift: 'M',
          eligible_until: '2099-12-31',
          affiliation_number: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) people.push({ id: row.id, curp, unit: clues });
    }
  }
  return { people, slots };
}

log(`Preparando ${UNITS} unidades…`);
const { people, slots } = await setUp();
const byUnit = (unit: string) => people.filter((p) => p.unit === unit);
const booked = new Map<string, { startsAt: Date; willNotCome: boolean; person: number }>();
const events: { at: Date; kind: 'cancel' | 'reply'; appointmentId: string }[] = [];
let initiallyUnbooked = 0;

for (const unit of new Set(slots.map((s) => s.unit))) {
  const folks = [...byUnit(unit)];
  const unitSlots = slots.filter((s) => s.unit === unit);
  for (const slot of unitSlots) {
    if (!random.chance(0.92) || folks.length === 0) {
      initiallyUnbooked++;
      continue;
    }
    const person = folks.splice(random.int(0, folks.length - 1), 1)[0] as (typeof folks)[number];
    const { appointment } = await bookSlot(
      db,
      { curp: person.curp, slotId: slot.id, channel: 'web', actor: `beneficiary:${person.id}` },
      t0,
    );
    const cancels = random.chance(0.12);
    const willNotCome = !cancels && random.chance(0.15);
    booked.set(appointment.id, { startsAt: slot.startsAt, willNotCome, person: person.id });
    if (cancels) {
      const span = slot.startsAt.getTime() - 3 * 3_600_000 - t0.getTime();
      events.push({
        at: new Date(t0.getTime() + random.next() * Math.max(span, 0)),
        kind: 'cancel',
        appointmentId: appointment.id,
      });
    }
  }
  // Everyone left without an appointment waits, a third of them for one shift only.
  for (const person of folks.slice(0, Math.floor(folks.length * 0.8)))
    await joinWaitlist(
      db,
      {
        beneficiaryId: person.id,
        unitClues: unit,
        serviceCode: SERVICE,
        weekdays: null,
        shift: random.chance(0.33) ? 'M' : null,
        channel: 'web',
        actor: 'bench',
      },
      t0,
    );
}
const initialBookings = booked.size;
log(`${initialBookings} citas agendadas de ${slots.length} horarios; simulando 30 días…`);

const freedAt = new Map<number, Date>();
const refillMinutes: number[] = [];
const pendingTakes: { at: Date; token: string; slotId: number }[] = [];
let cancelledByReply = 0;
let offersSeen = 0;
const started = performance.now();
events.sort((a, b) => a.at.getTime() - b.at.getTime());

for (let now = t0; now < monthEnd; now = new Date(now.getTime() + STEP_MINUTES * 60_000)) {
  while (events[0] && events[0].at <= now) {
    const event = events.shift() as (typeof events)[number];
    const a = await db
      .selectFrom('appointments')
      .select(['slot_id', 'status'])
      .where('id', '=', event.appointmentId)
      .executeTakeFirstOrThrow();
    if (a.status !== 'booked') continue;
    let freed = false;
    if (event.kind === 'cancel') {
      freed = await cancelAppointment(
        db,
        { appointmentId: event.appointmentId, actor: 'bench', channel: 'web', cutoffMinutes: 60 },
        now,
      ).then(
        () => true,
        () => false,
      );
    } else {
      const r = await db
        .selectFrom('appointment_reminders')
        .select('recipient')
        .where('appointment_id', '=', event.appointmentId)
        .executeTakeFirst();
      if (!r) continue;
      const outcome = await answerSms(db, { from: r.recipient, body: '2', cutoffMinutes: 60 }, now);
      freed = outcome.kind === 'cancelled';
      if (freed) cancelledByReply++;
    }
    if (freed) freedAt.set(a.slot_id, now);
  }
  if (now.getUTCMinutes() === 0) {
    const before = await db
      .selectFrom('appointment_reminders')
      .select('appointment_id')
      .where('lead_hours', '=', 24)
      .execute();
    await remindersPass(db, { ...settings, policy: DEFAULT_REMINDER_POLICY }, now);
    const known = new Set(before.map((r) => r.appointment_id));
    const fresh = await db
      .selectFrom('appointment_reminders')
      .select('appointment_id')
      .where('lead_hours', '=', 24)
      .execute();
    for (const { appointment_id } of fresh) {
      if (known.has(appointment_id) || !booked.get(appointment_id)?.willNotCome || !random.chance(1 / 3))
        continue;
      events.push({
        at: new Date(now.getTime() + random.int(10, 180) * 60_000),
        kind: 'reply',
        appointmentId: appointment_id,
      });
      events.sort((x, y) => x.at.getTime() - y.at.getTime());
    }
  }
  await backfillPass(db, settings, now);
  const offers = await db
    .selectFrom('waitlist_offers')
    .select(['id', 'slot_id', 'beneficiary_id'])
    .where('id', '>', offersSeen)
    .orderBy('id')
    .execute();
  for (const offer of offers) {
    offersSeen = offer.id;
    if (!random.chance(0.6)) continue;
    const sms = await db
      .selectFrom('notifications')
      .select('body')
      .where('beneficiary_id', '=', offer.beneficiary_id)
      .where('kind', '=', 'notice')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = /\/o\/(\S+?)\s/.exec(sms.body ?? '')?.[1] ?? '';
    pendingTakes.push({
      at: new Date(now.getTime() + random.int(1, 45) * 60_000),
      token,
      slotId: offer.slot_id,
    });
  }
  for (const take of pendingTakes.filter((t) => t.at <= now)) {
    pendingTakes.splice(pendingTakes.indexOf(take), 1);
    const ok = await takeOffer(db, { linkKey: settings.linkKey, token: take.token }, now).then(
      () => true,
      () => false,
    );
    const freed = freedAt.get(take.slotId);
    if (ok && freed) refillMinutes.push((now.getTime() - freed.getTime()) / 60_000);
  }
}
const seconds = (performance.now() - started) / 1000;

const freed = freedAt.size;
const refilled = refillMinutes.length;
const unusedNow = Number(
  (
    await db
      .selectFrom('slots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '!=', 'booked')
      .executeTakeFirstOrThrow()
  ).n,
);
const sms = Number(
  (
    await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const allBookings = Number(
  (
    await db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const sorted = [...refillMinutes].sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
const result = {
  units: UNITS,
  slots: slots.length,
  initialBookings,
  slotsFreed: freed,
  freedByReminderReply: cancelledByReply,
  refilledByBackfill: refilled,
  refillShare: freed ? refilled / freed : 0,
  releaseToRefillMinutes: { median: pct(0.5), p90: pct(0.9), max: pct(1) },
  unusedCapacityWithoutBackfill: (initiallyUnbooked + freed) / slots.length,
  unusedCapacityWithBackfill: unusedNow / slots.length,
  smsPerBooking: sms / allBookings,
  simulatedSeconds: Math.round(seconds),
  database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
};
console.log(JSON.stringify(result, null, 2));
// Compiled to dist-bench/bench/: results go to the source tree's bench/results/.
const results = fileURLToPath(new URL('../../bench/results/', import.meta.url));
await mkdir(results, { recursive: true });
await writeFile(
  `${results}${new Date().toISOString().replace(/[:.]/g, '-')}-month.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
await database.close();
