import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, type TestClinic } from '../../test/support/factories.js';
import { UNIT_ADMIN } from '../../test/support/unit-admin.js';
import { rollHorizon } from '../agenda/generate-slots.js';
import { localDays, localToday, planSlots } from '../agenda/slot-plan.js';
import type { TemplateDraft } from '../agenda/template-draft.js';
import { findTemplate } from '../agenda/templates.js';
import { bookSlot } from './book.js';
import { rebookingWorklist } from './rebooking.js';
import { changeAgendaTemplate, previewTemplateChange } from './template-edit.js';

let database: TestDatabase;
const admin = UNIT_ADMIN;
const now = new Date();
const CHANNEL = { web: 'web', phone: 'agent', counter: 'counter' } as const;

const draftOf = (over: Partial<TemplateDraft> = {}): TemplateDraft => ({
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '14:00',
  slotMinutes: 20,
  horizonDays: 14,
  releaseTime: '07:00',
  shares: { web: 50, phone: 35, counter: 15 },
  sameDayShare: 0,
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.drop();
});

/** A weekday slot of the clinic a week ahead, at `hh:mm` on its walls. */
async function slotNextWeek(clinic: TestClinic, hour: number, minute: number) {
  let day = DateTime.now().setZone(clinic.timeZone).plus({ days: 7 }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const startsAt = day.set({ hour, minute }).toJSDate();
  const slot = await database.db
    .selectFrom('slots')
    .select(['id', 'pool'])
    .where('resource_id', '=', clinic.resourceId)
    .where('starts_at', '=', startsAt)
    .executeTakeFirstOrThrow();
  return { ...slot, startsAt, channel: CHANNEL[slot.pool] };
}

/** A clinic with its horizon rolled and the 08:00 and 08:20 slots of a weekday next week booked. */
async function aBookedMorning() {
  const clinic = await aClinic(database.db);
  await rollHorizon(database.db, { now, unitClues: clinic.clues });
  const booked = [];
  for (const minute of [0, 20]) {
    const slot = await slotNextWeek(clinic, 8, minute);
    const person = await aBeneficiary(database.db, clinic, { phone: '5512345678' });
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId: slot.id, channel: slot.channel, actor: 'test' },
      now,
    );
    booked.push({ id: appointment.id, startsAt: slot.startsAt, slotId: slot.id });
  }
  return { clinic, booked };
}

/** The clinic's bookable or booked future slots, by start. */
const liveStarts = async (clinic: TestClinic) =>
  (
    await database.db
      .selectFrom('slots')
      .select('starts_at')
      .where('resource_id', '=', clinic.resourceId)
      .where('status', '!=', 'blocked')
      .where('starts_at', '>', now)
      .orderBy('starts_at')
      .execute()
  ).map((s) => s.starts_at.toISOString());

describe('changing an agenda template', () => {
  it('refuses a change that would leave a booked appointment without a slot, names it, and writes nothing', async () => {
    const { clinic, booked } = await aBookedMorning();
    const change = {
      kind: 'edit' as const,
      unitClues: clinic.clues,
      templateId: clinic.templateId,
      draft: draftOf({ slotMinutes: 30 }),
    };
    const before = await liveStarts(clinic);

    const preview = await previewTemplateChange(database.db, change, now);
    expect(preview.orphans.map((o) => o.appointmentId)).toEqual([booked[1]?.id]);
    expect(preview.slots[0]?.endsAt.getTime()).toBe(
      (preview.slots[0]?.startsAt.getTime() ?? 0) + 30 * 60_000,
    );

    const outcome = await changeAgendaTemplate(database.db, { change, orphans: 'refuse', ...admin }, now);
    expect(outcome).toEqual({
      kind: 'refused',
      orphans: [expect.objectContaining({ appointmentId: booked[1]?.id })],
    });
    expect((await findTemplate(database.db, clinic.templateId))?.slotMinutes).toBe(20);
    expect(await liveStarts(clinic)).toEqual(before);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'result'])
      .where('unit_clues', '=', clinic.clues)
      .where('action', '=', 'agenda.template')
      .execute();
    expect(audit).toEqual([{ action: 'agenda.template', result: 'refused' }]);
  });

  it('when told to, moves the orphans to the worklist with their SMS and leaves exactly the new plan bookable', async () => {
    const { clinic, booked } = await aBookedMorning();
    const draft = draftOf({ slotMinutes: 30 });
    const outcome = await changeAgendaTemplate(
      database.db,
      {
        change: { kind: 'edit', unitClues: clinic.clues, templateId: clinic.templateId, draft },
        orphans: 'rebook',
        ...admin,
      },
      now,
    );
    expect(outcome).toMatchObject({ kind: 'applied', flagged: 1, notified: 1 });
    const worklist = await rebookingWorklist(database.db, clinic.clues);
    expect(worklist.map((i) => i.appointmentId)).toEqual([booked[1]?.id]);
    // The time proposed and held for the orphan is one of the new template's slots.
    const held = worklist[0]?.proposal;
    expect(held).toMatchObject({ status: 'open' });
    const sms = await database.db
      .selectFrom('notifications')
      .select('body')
      .where('kind', '=', 'notice')
      .execute();
    expect(sms.some((s) => s.body?.includes('https://citas.example.mx/p/proposal.'))).toBe(true);

    // The kept appointment keeps its start, now 30 minutes long; the rest is what the planner plans.
    const kept = await database.db
      .selectFrom('slots')
      .select(['status', 'ends_at'])
      .where('id', '=', booked[0]?.slotId ?? 0)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({
      status: 'booked',
      ends_at: new Date((booked[0]?.startsAt.getTime() ?? 0) + 30 * 60_000),
    });
    const template = await findTemplate(database.db, clinic.templateId);
    if (!template) throw new Error('the template is gone');
    const today = localToday(now, clinic.timeZone);
    const planned = planSlots(template, localDays(today, 15), new Set())
      .filter((s) => s.startsAt > now)
      .map((s) => s.startsAt.toISOString());
    // The orphan stays booked on its old slot until someone moves it (it is on the worklist).
    const orphanStart = booked[1]?.startsAt.toISOString();
    expect((await liveStarts(clinic)).filter((s) => s !== orphanStart)).toEqual(planned);
    // The hourly roll afterwards finds nothing to add.
    expect((await rollHorizon(database.db, { now, unitClues: clinic.clues })).created).toBe(0);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('unit_clues', '=', clinic.clues)
      .where('action', '=', 'agenda.template')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({
      before: { slotMinutes: 20 },
      after: { slotMinutes: 30 },
      flaggedAppointments: 1,
    });
  });

  it('changes the same-day share of the slots already generated, and a change back reopens what it closed', async () => {
    const { clinic } = await aBookedMorning();
    const base = { kind: 'edit' as const, unitClues: clinic.clues, templateId: clinic.templateId };
    const before = await liveStarts(clinic);
    await changeAgendaTemplate(
      database.db,
      {
        change: { ...base, draft: draftOf({ weekdays: [1, 2, 3, 4, 5, 6], sameDayShare: 20 }) },
        orphans: 'refuse',
        ...admin,
      },
      now,
    );
    const sameMorning = await database.db
      .selectFrom('slots')
      .select(['starts_at', 'opens_at', 'local_date'])
      .where('resource_id', '=', clinic.resourceId)
      .where('starts_at', '>', now)
      .where('status', '=', 'free')
      .execute();
    const releasedThatDay = sameMorning.filter(
      (s) => localToday(s.opens_at, clinic.timeZone) === s.local_date,
    );
    expect(releasedThatDay.length).toBeGreaterThan(0);
    await changeAgendaTemplate(
      database.db,
      { change: { ...base, draft: draftOf({ weekdays: [1, 2] }) }, orphans: 'rebook', ...admin },
      now,
    );
    await changeAgendaTemplate(
      database.db,
      { change: { ...base, draft: draftOf() }, orphans: 'refuse', ...admin },
      now,
    );
    expect(await liveStarts(clinic)).toEqual(before);
  });

  it('a booking racing a change either lands before it (and the change is refused) or is refused itself', async () => {
    for (let round = 0; round < 4; round++) {
      const clinic = await aClinic(database.db);
      await rollHorizon(database.db, { now, unitClues: clinic.clues });
      const slot = await slotNextWeek(clinic, 8, 20);
      const person = await aBeneficiary(database.db, clinic, { phone: '5512345679' });
      const change = {
        kind: 'edit' as const,
        unitClues: clinic.clues,
        templateId: clinic.templateId,
        draft: draftOf({ slotMinutes: 30 }),
      };
      const [booking, outcome] = await Promise.allSettled([
        bookSlot(
          database.db,
          { curp: person.curp, slotId: slot.id, channel: slot.channel, actor: 'test' },
          now,
        ),
        changeAgendaTemplate(database.db, { change, orphans: 'refuse', ...admin }, now),
      ]);
      if (outcome.status !== 'fulfilled') throw outcome.reason;
      const slotMinutes = (await findTemplate(database.db, clinic.templateId))?.slotMinutes;
      if (booking.status === 'fulfilled') {
        expect(outcome.value.kind).toBe('refused');
        expect(slotMinutes).toBe(20);
      } else {
        expect(booking.reason).toMatchObject({ code: 'SLOT_TAKEN' });
        expect(outcome.value.kind).toBe('applied');
        expect(slotMinutes).toBe(30);
      }
    }
  });

  it('retires a template: no more slots from it, today’s past untouched, the roll adds none back', async () => {
    const clinic = await aClinic(database.db);
    await rollHorizon(database.db, { now, unitClues: clinic.clues });
    const outcome = await changeAgendaTemplate(
      database.db,
      {
        change: { kind: 'retire', unitClues: clinic.clues, templateId: clinic.templateId },
        orphans: 'refuse',
        ...admin,
      },
      now,
    );
    expect(outcome.kind).toBe('applied');
    expect(await liveStarts(clinic)).toEqual([]);
    expect((await rollHorizon(database.db, { now, unitClues: clinic.clues })).created).toBe(0);
  });

  it('creates a template for another service and rolls its slots at once', async () => {
    const clinic = await aClinic(database.db, { services: ['odontologia'] });
    const outcome = await changeAgendaTemplate(
      database.db,
      {
        change: {
          kind: 'create',
          unitClues: clinic.clues,
          resourceId: clinic.resourceId,
          serviceCode: 'odontologia',
          draft: draftOf({ weekdays: [6], startTime: '09:00', endTime: '10:00', slotMinutes: 30 }),
        },
        orphans: 'refuse',
        ...admin,
      },
      now,
    );
    expect(outcome.kind).toBe('applied');
    const slots = await database.db
      .selectFrom('slots')
      .select('service_code')
      .where('resource_id', '=', clinic.resourceId)
      .where('service_code', '=', 'odontologia')
      .execute();
    expect(slots.length).toBeGreaterThanOrEqual(4);
  });
});
