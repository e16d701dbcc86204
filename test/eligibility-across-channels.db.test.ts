// One "today" for a person: whether they may book is judged on today on the walls of their unit, by
// the portal, the phone line, the staff console and the API alike. Around local midnight in Tijuana
// (on daylight time) and in Cancún (never on it), Mexico City's date differs from the person's, and
// every channel must still give the same answer.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from '../src/platform/i18n/phone-messages.js';
import { WEB } from '../src/platform/i18n/web-messages.js';
import { bearer, testApp } from './support/app.js';
import { aStaffAccount, signedInConsole } from './support/console-staff.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { aBeneficiary, aClinic, aStaffToken, type TestPerson } from './support/factories.js';
import { placeCall } from './support/phone-caller.js';
import { PortalClient } from './support/web-client.js';

const LAST_DAY = '2027-03-20';
let now = new Date();
let database: TestDatabase;
let app: FastifyInstance;
let agentToken: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { clock: () => now });
  agentToken = bearer(await aStaffToken(database.db, 'national_admin', null));
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

interface Someone extends TestPerson {
  phone: string;
}
let phones = 0;
async function someoneEligibleUntilThe20th(timeZone: string): Promise<Someone> {
  const clinic = await aClinic(database.db, { timeZone });
  const phone = `55${String(30_000_000 + ++phones)}`;
  return { ...(await aBeneficiary(database.db, clinic, { eligible_until: LAST_DAY, phone })), phone };
}

/** What each channel says about whether the person may book now. */
async function whatEachChannelSays(person: Someone) {
  const portal = new PortalClient(app);
  await portal.signIn(database.db, person);
  await portal.get('/cita');
  const web = !portal.page.includes(WEB.who.notEligible.title);

  const [year, month, day] = person.birthDate.split('-');
  const { caller } = await placeCall(app, 'twiml', { from: person.phone });
  await caller.press(`${day}${month}${year}`);
  const phone = !(await caller.press('1')).text.includes(PHONE.refused.NOT_ELIGIBLE);

  const console = await signedInConsole(app, await aStaffAccount(database.db, 'national_admin'), now);
  await console.get(`/consola/personas/${person.id}`);
  const staffConsole = !console.page.includes('Sin vigencia desde');

  const record = await app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers: agentToken });
  const listed = async (eligible: boolean) =>
    (
      await app.inject({
        url: `/api/v1/beneficiaries?q=${person.curp}&eligible=${eligible}`,
        headers: agentToken,
      })
    )
      .json()
      .items.some((b: { curp: string }) => b.curp === person.curp);
  return {
    web,
    phone,
    staffConsole,
    api: record.json().eligible as boolean,
    apiListsAmongEligible: await listed(true),
    apiLeavesOutOfIneligible: !(await listed(false)),
  };
}

const allSay = (answer: boolean) => ({
  web: answer,
  phone: answer,
  staffConsole: answer,
  api: answer,
  apiListsAmongEligible: answer,
  apiLeavesOutOfIneligible: answer,
});

describe('whether a person may book, around midnight on their unit’s walls', () => {
  it('in Tijuana on daylight time (UTC−7), every channel says yes until 23:59 and no from 00:00', async () => {
    const person = await someoneEligibleUntilThe20th('America/Tijuana');
    now = new Date('2027-03-21T06:58:00Z'); // 23:58 on the 20th in Tijuana, already the 21st in Mexico City
    expect(await whatEachChannelSays(person)).toEqual(allSay(true));
    now = new Date('2027-03-21T07:01:00Z'); // 00:01 on the 21st in Tijuana
    expect(await whatEachChannelSays(person)).toEqual(allSay(false));
  });

  it('in Cancún (UTC−5), every channel says no from 00:00 though Mexico City is still on the 20th', async () => {
    const person = await someoneEligibleUntilThe20th('America/Cancun');
    now = new Date('2027-03-21T04:58:00Z'); // 23:58 on the 20th in Cancún
    expect(await whatEachChannelSays(person)).toEqual(allSay(true));
    now = new Date('2027-03-21T05:30:00Z'); // 00:30 on the 21st in Cancún, 23:30 on the 20th in Mexico City
    expect(await whatEachChannelSays(person)).toEqual(allSay(false));
  });
});
