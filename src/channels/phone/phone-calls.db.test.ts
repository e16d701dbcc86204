import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { aHousehold, type TestHousehold } from '../../../test/support/households.js';
import {
  type Heard,
  type PhoneCaller,
  type Platform,
  placeCall,
} from '../../../test/support/phone-caller.js';
import { UNIT_ADMIN } from '../../../test/support/unit-admin.js';
import { bookSlot } from '../../booking/book.js';
import { closeUnitDay } from '../../booking/rebooking.js';
import { LOOP_PHONE } from '../../platform/i18n/access-loop-messages.js';
import { spokenCharacters, spokenDateTime } from '../../platform/i18n/dates.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { REBOOKING_PHONE } from '../../platform/i18n/rebooking-messages.js';

const AGENT_LINE = '+525540001001';
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, {
    env: { PHONE_AGENT_NUMBER: AGENT_LINE, PHONE_CALLBACK_THRESHOLD: '1' },
  });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** A clinic with family medicine, dentistry and (by referral only) internal medicine, and free phone slots. */
async function aPhoneClinic(): Promise<TestClinic & { slots: number[] }> {
  const clinic = await aClinic(database.db, { services: ['odontologia', 'medicina_interna'] });
  const slots = await freeSlots(database.db, clinic, 6, { pool: 'phone' });
  return { ...clinic, slots };
}

async function slotStart(slotId: number): Promise<string> {
  const slot = await database.db
    .selectFrom('slots')
    .select('starts_at')
    .where('id', '=', slotId)
    .executeTakeFirstOrThrow();
  return spokenDateTime(slot.starts_at, 'America/Mexico_City');
}

async function bookForTest(curp: string, slotId: number) {
  return (await bookSlot(database.db, { curp, slotId, channel: 'agent', actor: 'test' }, new Date()))
    .appointment;
}

/** After identification: an appointment tomorrow is read first (its own test below); 9 goes on to the menu. */
async function onToMenu(caller: PhoneCaller, heard: Heard): Promise<Heard> {
  return heard.text.includes(LOOP_PHONE.tomorrowOptions) ? caller.press('9') : heard;
}

/** Dials from the holder's phone and keys their birth date: the shortest way in. */
async function identifiedCall(platform: Platform, household: TestHousehold) {
  const call = await placeCall(app, platform, { from: household.holder.phone });
  const menu = await onToMenu(call.caller, await call.caller.press(household.holder.birthKeys));
  expect(menu.text).toContain(PHONE.menu);
  return call.caller;
}

describe.each<Platform>(['twiml', 'vxml'])('a call to the national number over %s', (platform) => {
  it('knows the caller by their number, asks only the birth date, and books for the holder', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    const { caller, greeting } = await placeCall(app, platform, { from: family.holder.phone });
    expect(greeting.text).toContain(PHONE.privacy);
    expect(greeting.text).toContain(PHONE.askBirthDateKnownCaller);
    // Parsed from the TwiML / VoiceXML: the notice is heard before the first question.
    expect(greeting.text.indexOf(PHONE.privacy)).toBeLessThan(
      greeting.text.indexOf(PHONE.askBirthDateKnownCaller),
    );
    expect(greeting.text).not.toContain(PHONE.askAffiliation);

    const menu = await caller.press(family.holder.birthKeys);
    expect(menu.text).toContain('Hola, María Guadalupe.');

    const whom = await caller.press('1');
    expect(whom.text).toContain('Para ti, marca uno. Para Ricardo, marca dos.');
    expect(whom.text).not.toContain('Mateo'); // not eligible

    const service = await caller.press('1');
    expect(service.text).toContain('Para Medicina familiar, marca uno. Para Odontología, marca dos.');
    expect(service.text).not.toContain('Medicina interna'); // needs a referral: staff only

    const slots = await caller.press('1');
    const [first, second, third, fourth] = await Promise.all(clinic.slots.slice(0, 4).map(slotStart));
    expect(slots.text).toContain(
      `Para el ${first}, marca uno. Para el ${second}, marca dos. Para el ${third}, marca tres.`,
    );
    expect(slots.text).toContain('Para escuchar más horarios, marca nueve.');

    const more = await caller.press('9');
    expect(more.text).toContain(`Para el ${fourth}, marca uno.`);
    const confirm = await caller.press('1');
    expect(confirm.text).toContain(`Vas a agendar Medicina familiar para ti, el ${fourth}`);

    const booked = await caller.press('1');
    const appointment = await database.db
      .selectFrom('appointments')
      .selectAll()
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    expect(appointment).toMatchObject({ slot_id: clinic.slots[3], channel: 'ivr', status: 'booked' });
    expect(appointment.created_by).toMatch(/^ivr:/);
    expect(booked.text).toContain(PHONE.booked);
    expect(booked.text).toContain(`Tu folio es: ${spokenCharacters(appointment.folio)}.`);
    expect(booked.text).toContain(PHONE.folioBySms(family.holder.phone.slice(-2)));
    expect(booked.text).toContain(PHONE.checkIn.none);
    const sms = await database.db
      .selectFrom('notifications')
      .select(['recipient', 'kind', 'appointment_id'])
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    // The SMS names the appointment; its words (with the folio) are composed when it is sent.
    expect(sms).toMatchObject({
      recipient: family.holder.phone,
      kind: 'booked',
      appointment_id: appointment.id,
    });

    const repeated = await caller.press('*');
    expect(repeated.text).toContain(`Tu folio es: ${spokenCharacters(appointment.folio)}.`);
    const bye = await caller.stayQuiet();
    expect(bye).toMatchObject({ next: 'hang-up', text: PHONE.goodbye });

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'result', 'actor_kind'])
      .where('subject_beneficiary_id', '=', family.holder.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'ivr.identify', result: 'ok', actor_kind: 'ivr' },
      { action: 'appointment.book', result: 'ok', actor_kind: 'ivr' },
    ]);
  });

  it('asks a withheld number for the affiliation number, then reads the family’s appointments', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    const mine = await bookForTest(family.holder.curp, clinic.slots[1] as number);
    const spouses = await bookForTest(family.spouse.curp, clinic.slots[0] as number);

    const { caller, greeting } = await placeCall(app, platform, { from: null });
    expect(greeting.text).toContain(PHONE.askAffiliation);
    expect((await caller.press(family.holder.affiliation)).text).toContain(PHONE.askBirthDate);
    await onToMenu(caller, await caller.press(family.holder.birthKeys));

    const heard = await caller.press('2');
    expect(heard.text).toContain('Tienes dos citas próximas.');
    const ricardo = heard.text.indexOf(
      `Primera: Medicina familiar para Ricardo, el ${await slotStart(clinic.slots[0] as number)}`,
    );
    const maria = heard.text.indexOf(`Segunda: Medicina familiar para María Guadalupe`);
    expect(ricardo).toBeGreaterThanOrEqual(0);
    expect(maria).toBeGreaterThan(ricardo);
    expect(heard.text).toContain(`Folio: ${spokenCharacters(spouses.folio)}.`);
    expect(heard.text).toContain(`Folio: ${spokenCharacters(mine.folio)}.`);
    expect((await caller.press('1')).text).toContain(PHONE.menu);
  });

  it('cancels an appointment only after the caller confirms with 1', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    const appointment = await bookForTest(family.holder.curp, clinic.slots[0] as number);
    const caller = await identifiedCall(platform, family);

    const choice = await caller.press('3');
    expect(choice.text).toContain(
      `Para la de Medicina familiar de María Guadalupe, del ${await slotStart(clinic.slots[0] as number)}, marca uno.`,
    );
    expect((await caller.press('1')).text).toContain(
      'Vas a cancelar la cita de Medicina familiar de María Guadalupe',
    );
    expect((await caller.press('2')).text).toContain(PHONE.kept);
    const status = () =>
      database.db
        .selectFrom('appointments')
        .select('status')
        .where('id', '=', appointment.id)
        .executeTakeFirstOrThrow();
    expect((await status()).status).toBe('booked');

    await caller.press('3');
    await caller.press('1');
    expect((await caller.press('1')).text).toContain(PHONE.cancelled);
    expect((await status()).status).toBe('cancelled');
    const slot = await database.db
      .selectFrom('slots')
      .select('status')
      .where('id', '=', clinic.slots[0] as number)
      .executeTakeFirstOrThrow();
    expect(slot.status).toBe('free');
  });

  it('reads an appointment tomorrow first and answers it as the reminder SMS does: confirm, change, cancel', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    // freeSlots starts tomorrow at 08:00 on the unit's clock.
    const appointment = await bookForTest(family.spouse.curp, clinic.slots[0] as number);
    const row = () =>
      database.db
        .selectFrom('appointments')
        .select(['status', 'confirmed_at', 'updated_by'])
        .where('id', '=', appointment.id)
        .executeTakeFirstOrThrow();
    const callIn = async () => {
      const { caller } = await placeCall(app, platform, { from: family.holder.phone });
      return { caller, heard: await caller.press(family.holder.birthKeys) };
    };

    const first = await callIn();
    const reading = `Tienes una cita mañana: Medicina familiar para Ricardo, el ${await slotStart(clinic.slots[0] as number)}`;
    expect(first.heard.text).toContain(reading);
    expect(first.heard.text.indexOf(reading)).toBeLessThan(
      first.heard.text.indexOf(LOOP_PHONE.tomorrowOptions),
    );
    expect(first.heard.text).not.toContain(PHONE.menu);
    expect((await first.caller.press('1')).text).toContain(LOOP_PHONE.tomorrowConfirmed);
    expect((await row()).confirmed_at).not.toBeNull();

    const second = await callIn();
    expect((await second.caller.press('3')).text).toContain(LOOP_PHONE.tomorrowChange);
    const sms = await database.db
      .selectFrom('notifications')
      .select(['recipient', 'body'])
      .where('beneficiary_id', '=', family.spouse.id)
      .where('kind', '=', 'notice')
      .executeTakeFirstOrThrow();
    expect(sms.recipient).toBe(family.holder.phone); // Ricardo's notices go to the holder's phone
    expect(sms.body).toContain(`/citas/${appointment.id}/cambiar`);

    const third = await callIn();
    expect((await third.caller.press('2')).text).toContain(LOOP_PHONE.tomorrowConfirmCancel);
    expect((await third.caller.press('1')).text).toContain(LOOP_PHONE.tomorrowCancelled);
    expect(await row()).toMatchObject({ status: 'cancelled' });
    expect((await row()).updated_by).toMatch(/^ivr:/);

    const fourth = await callIn();
    expect(fourth.heard.text).toContain(PHONE.menu);
    expect(fourth.heard.text).not.toContain('Tienes una cita mañana');
  });

  it('reads a time held after a closure before anything else: 1 keeps it, 2 gives it back', async () => {
    const clinic = await aPhoneClinic();
    const keeping = await aHousehold(database.db, clinic);
    const declining = await aHousehold(database.db, clinic);
    const kept = await bookForTest(keeping.spouse.curp, clinic.slots[0] as number);
    const given = await bookForTest(declining.holder.curp, clinic.slots[1] as number);
    const dayAfter = DateTime.now().setZone(clinic.timeZone).plus({ days: 2 }).set({ hour: 8, minute: 0 });
    const later = await freeSlots(database.db, clinic, 2, {
      pool: 'phone',
      from: dayAfter.startOf('minute').toJSDate(),
    });
    const tomorrow = DateTime.now().setZone(clinic.timeZone).plus({ days: 1 }).toISODate() as string;
    await closeUnitDay(
      database.db,
      { unitClues: clinic.clues, day: tomorrow, reason: 'Sin agua', ...UNIT_ADMIN },
      new Date(),
    );

    const first = await placeCall(app, platform, { from: keeping.holder.phone });
    const heard = await first.caller.press(keeping.holder.birthKeys);
    expect(heard.text).toContain(
      `no dará la consulta de Medicina familiar para Ricardo del ${await slotStart(clinic.slots[0] as number)}`,
    );
    expect(heard.text).toContain(`Te apartamos el ${await slotStart(later[0] as number)}`);
    expect(heard.text).toContain(REBOOKING_PHONE.options);
    expect(heard.text).not.toContain(PHONE.menu);
    expect((await first.caller.press('1')).text).toContain(
      REBOOKING_PHONE.kept(await slotStart(later[0] as number)),
    );
    const moved = await database.db
      .selectFrom('appointments')
      .select(['slot_id', 'folio', 'needs_rebooking', 'updated_by'])
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ slot_id: later[0], folio: kept.folio, needs_rebooking: false });
    expect(moved.updated_by).toMatch(/^ivr:/);

    const second = await placeCall(app, platform, { from: declining.holder.phone });
    await second.caller.press(declining.holder.birthKeys);
    expect((await second.caller.press('2')).text).toContain(REBOOKING_PHONE.confirmDecline);
    expect((await second.caller.press('1')).text).toContain(REBOOKING_PHONE.declined);
    const freed = await database.db
      .selectFrom('slots')
      .select('status')
      .where('id', '=', later[1] as number)
      .executeTakeFirstOrThrow();
    expect(freed.status).toBe('free');
    const still = await database.db
      .selectFrom('appointments')
      .select('needs_rebooking')
      .where('id', '=', given.id)
      .executeTakeFirstOrThrow();
    expect(still.needs_rebooking).toBe(true);
  });

  it('puts a caller with no slot left on the waitlist for the shift they key', async () => {
    const clinic = await aClinic(database.db, { services: ['odontologia'] });
    const family = await aHousehold(database.db, clinic);
    const caller = await identifiedCall(platform, family);
    await caller.press('1'); // agendar
    await caller.press('1'); // para ti
    const none = await caller.press('1'); // Medicina familiar: nothing free
    expect(none.text).toContain(PHONE.noSlots);
    expect(none.text).toContain(LOOP_PHONE.offerWaitlist);
    expect((await caller.press('1')).text).toContain(LOOP_PHONE.chooseShift);
    expect((await caller.press('2')).text).toContain(LOOP_PHONE.joined);
    const entry = await database.db
      .selectFrom('waitlist_entries')
      .select(['service_code', 'shift', 'weekdays', 'channel'])
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ service_code: clinic.serviceCode, shift: 'M', weekdays: null, channel: 'ivr' });
  });

  it('hands the caller to an agent after three wrong birth dates', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    const { caller } = await placeCall(app, platform, { from: family.holder.phone });
    const wrong = '01011990';

    const first = await caller.press(wrong);
    expect(first.text).toContain(PHONE.identityMismatch);
    expect(first.text).toContain(PHONE.askAffiliation); // maybe someone else of the household is calling
    await caller.press(family.holder.affiliation);
    expect((await caller.press(wrong)).text).toContain(PHONE.identityMismatch);
    await caller.press(family.holder.affiliation);
    const transfer = await caller.press(wrong);
    expect(transfer.text).toContain(PHONE.identityFailed);
    expect(transfer).toMatchObject({ next: 'transfer', dialled: AGENT_LINE });
    await caller.agentCallEnds('talked');

    const refusals = await database.db
      .selectFrom('audit_log')
      .select('result')
      .where('action', '=', 'ivr.identify')
      .where('subject_beneficiary_id', '=', family.holder.id)
      .execute();
    expect(refusals.map((r) => r.result)).toEqual(['refused', 'refused', 'refused']);
  });

  it('re-prompts a silent caller, then offers and makes the transfer', async () => {
    const clinic = await aPhoneClinic();
    const family = await aHousehold(database.db, clinic);
    const caller = await identifiedCall(platform, family);

    const once = await caller.stayQuiet();
    expect(once.text).toContain(PHONE.noInput);
    expect(once.text).toContain(PHONE.menu);
    expect((await caller.press('7')).text).toContain(`${PHONE.invalidOption} ${PHONE.menu}`);
    const offer = await caller.stayQuiet();
    expect(offer.text).toContain(PHONE.offerAgent);
    const transfer = await caller.stayQuiet();
    expect(transfer).toMatchObject({ next: 'transfer', dialled: AGENT_LINE });
    expect((await caller.agentCallEnds('talked')).text).toBe(PHONE.goodbye);
  });

  it('reads each time once even when two consultorios are free at it', async () => {
    const clinic = await aClinic(database.db);
    const second = await database.db
      .insertInto('resources')
      .values({ unit_clues: clinic.clues, name: 'Consultorio 2', kind: 'consultorio', shift: 'M' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const from = new Date(Date.now() + 26 * 3600_000);
    const first = await freeSlots(database.db, clinic, 4, { pool: 'phone', from });
    await freeSlots(database.db, { ...clinic, resourceId: second.id }, 4, { pool: 'phone', from });
    const family = await aHousehold(database.db, clinic);
    const caller = await identifiedCall(platform, family);
    await caller.press('1');
    const slots = await caller.press('1');
    const times = await Promise.all(first.map(slotStart));
    expect(slots.text).toContain(
      `Para el ${times[0]}, marca uno. Para el ${times[1]}, marca dos. Para el ${times[2]}, marca tres.`,
    );
    expect((await caller.press('9')).text).toContain(`Para el ${times[3]}, marca uno.`);
  });

  it('offers the next free slots when the chosen one is taken between hearing and confirming', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 5, { pool: 'phone' });
    const family = await aHousehold(database.db, clinic);
    const caller = await identifiedCall(platform, family);
    await caller.press('1'); // agendar
    await caller.press('1'); // para mí; the only service is read straight away
    expect((await caller.press('1')).text).toContain('Vas a agendar Medicina familiar para ti');

    const someoneElse = await aBeneficiary(database.db, clinic, { phone: null });
    await bookForTest(someoneElse.curp, slots[0] as number);

    const taken = await caller.press('1');
    expect(taken.text).toContain(PHONE.refused.SLOT_TAKEN);
    expect(taken.text).toContain(
      `${PHONE.nextFreeSlots} Para el ${await slotStart(slots[1] as number)}, marca uno.`,
    );
    await caller.press('1');
    expect((await caller.press('1')).text).toContain(PHONE.booked);
    const mine = await database.db
      .selectFrom('appointments')
      .select('slot_id')
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    expect(mine.slot_id).toBe(slots[1]);
  });

  it('says plainly why a booking is refused and what to do next', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 3, { pool: 'phone' });
    const family = await aHousehold(database.db, clinic);
    await bookForTest(family.holder.curp, slots[2] as number);
    const caller = await identifiedCall(platform, family);
    await caller.press('1');
    await caller.press('1');
    await caller.press('1');
    const refused = await caller.press('1');
    expect(refused.text).toContain(
      PHONE.activeAppointmentExists({
        service: 'Medicina familiar',
        startsAt: (
          await database.db
            .selectFrom('slots')
            .select('starts_at')
            .where('id', '=', slots[2] as number)
            .executeTakeFirstOrThrow()
        ).starts_at.toISOString(),
        timeZone: 'America/Mexico_City',
      }),
    );
    expect(refused.text).toContain(PHONE.menu);

    const expired = await aHousehold(database.db, clinic, { holderEligibleUntil: '2020-01-01' });
    const other = await identifiedCall(platform, expired);
    const whom = await other.press('1');
    expect(whom.text).toContain(
      `${PHONE.onlyFamilyEligible} ¿Para quién es la cita? Para Ricardo, marca uno.`,
    );
  });

  it('puts the caller through to an agent, or over the threshold stores a call-back with who they are', async () => {
    const clinic = await aPhoneClinic();
    const first = await aHousehold(database.db, clinic);
    const second = await aHousehold(database.db, clinic);

    const waiting = await identifiedCall(platform, first);
    const put = await waiting.press('0');
    expect(put).toMatchObject({ next: 'transfer', dialled: AGENT_LINE });
    expect(put.text).toContain(PHONE.connecting);

    const busy = await identifiedCall(platform, second);
    const offer = await busy.press('0');
    expect(offer.text).toContain(PHONE.agentsBusy);
    expect(offer.text).toContain(PHONE.offerCallback(true));
    const stored = await busy.press('1');
    expect(stored).toMatchObject({
      next: 'hang-up',
      text: PHONE.callbackStored(second.holder.phone.slice(-2)),
    });
    const request = await database.db
      .selectFrom('callback_requests')
      .selectAll()
      .where('phone', '=', second.holder.phone)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ beneficiary_id: second.holder.id, status: 'pending', reason: 'busy' });

    // The first caller's agent did not answer: they too may leave their number.
    const unanswered = await waiting.agentCallEnds('unanswered');
    expect(unanswered.text).toContain(PHONE.agentUnanswered);
    expect(unanswered.text).toContain(PHONE.offerCallback(false));
    await waiting.press('1');
    await database.db.deleteFrom('callback_requests').execute();
  });
});
