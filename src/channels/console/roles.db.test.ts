import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  freeSlots,
  type TestClinic,
  type TestPerson,
} from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { bookSlot } from '../../booking/book.js';
import type { StaffRole } from '../../identity/roles.js';

let database: TestDatabase;
let app: FastifyInstance;
let unitA: TestClinic;
let unitB: TestClinic;
let personA: TestPerson;
let personB: TestPerson;
let appointmentA: string;
let appointmentB: string;
const staff = {} as Record<StaffRole, TestStaff>;
const browsers = {} as Record<StaffRole, PortalClient>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  unitA = await aClinic(database.db);
  unitB = await aClinic(database.db);
  personA = await aBeneficiary(database.db, unitA, { phone: '5532000001' });
  personB = await aBeneficiary(database.db, unitB, { phone: '5532000002' });
  const [slotA] = await freeSlots(database.db, unitA, 1, { pool: 'phone' });
  const [slotB] = await freeSlots(database.db, unitB, 1, { pool: 'phone' });
  const book = async (curp: string, slotId: number) =>
    (await bookSlot(database.db, { curp, slotId, channel: 'agent', actor: 'test' }, new Date())).appointment
      .id;
  appointmentA = await book(personA.curp, slotA as number);
  appointmentB = await book(personB.curp, slotB as number);
  staff.agent = await aStaffAccount(database.db, 'agent');
  staff.reception = await aStaffAccount(database.db, 'reception', unitA.clues);
  staff.unit_admin = await aStaffAccount(database.db, 'unit_admin', unitA.clues);
  staff.national_admin = await aStaffAccount(database.db, 'national_admin');
  staff.auditor = await aStaffAccount(database.db, 'auditor');
  for (const role of Object.keys(staff) as StaffRole[])
    browsers[role] = await signedInConsole(app, staff[role]);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

type Page =
  | 'person A'
  | 'person B'
  | 'appointment A'
  | 'appointment B'
  | 'cancel A'
  | 'cancel B'
  | 'call-backs'
  | 'staff'
  | 'audit'
  | 'suspicion';

const url = (page: Page): string =>
  ({
    'person A': `/consola/personas/${personA.id}`,
    'person B': `/consola/personas/${personB.id}`,
    'appointment A': `/consola/citas/${appointmentA}`,
    'appointment B': `/consola/citas/${appointmentB}`,
    'cancel A': `/consola/citas/${appointmentA}/cancelar`,
    'cancel B': `/consola/citas/${appointmentB}/cancelar`,
    'call-backs': '/consola/llamadas',
    staff: '/consola/personal',
    audit: '/consola/auditoria',
    suspicion: '/consola/sospechas',
  })[page];

// Reception and unit administration belong to unit A; "A" pages are their own unit, "B" another.
const MATRIX: Record<StaffRole, Record<Page, 200 | 403>> = {
  agent: {
    'person A': 200,
    'person B': 200,
    'appointment A': 200,
    'appointment B': 200,
    'cancel A': 200,
    'cancel B': 200,
    'call-backs': 200,
    staff: 403,
    audit: 403,
    suspicion: 403,
  },
  reception: {
    'person A': 200,
    'person B': 403,
    'appointment A': 200,
    'appointment B': 403,
    'cancel A': 200,
    'cancel B': 403,
    'call-backs': 403,
    staff: 403,
    audit: 403,
    suspicion: 403,
  },
  unit_admin: {
    'person A': 200,
    'person B': 403,
    'appointment A': 200,
    'appointment B': 403,
    'cancel A': 200,
    'cancel B': 403,
    'call-backs': 403,
    staff: 403,
    audit: 403,
    suspicion: 403,
  },
  national_admin: {
    'person A': 200,
    'person B': 200,
    'appointment A': 200,
    'appointment B': 200,
    'cancel A': 200,
    'cancel B': 200,
    'call-backs': 200,
    staff: 200,
    audit: 403,
    suspicion: 200,
  },
  auditor: {
    'person A': 403,
    'person B': 403,
    'appointment A': 403,
    'appointment B': 403,
    'cancel A': 403,
    'cancel B': 403,
    'call-backs': 403,
    staff: 403,
    audit: 200,
    suspicion: 200,
  },
};

// Unit roles also reach their unit's counter and agenda ("A" is their unit).
const NAV: Record<StaffRole, string[]> = {
  agent: ['/consola', '/consola/llamadas'],
  reception: ['/consola', '/consola/unidades/A/recepcion'],
  unit_admin: [
    '/consola',
    '/consola/aperturas',
    '/consola/unidades/A/recepcion',
    '/consola/unidades/A/agenda',
    '/consola/unidades/A/plantillas',
  ],
  national_admin: [
    '/consola',
    '/consola/llamadas',
    '/consola/personal',
    '/consola/sospechas',
    '/consola/aperturas',
    '/consola/unidades',
  ],
  auditor: ['/consola/auditoria', '/consola/sospechas', '/consola/aperturas'],
};
const ALL_NAV = [
  '/consola',
  '/consola/llamadas',
  '/consola/personal',
  '/consola/auditoria',
  '/consola/sospechas',
  '/consola/aperturas',
  '/consola/unidades',
];

describe('the console for every role', () => {
  const cases = (Object.keys(MATRIX) as StaffRole[]).flatMap((role) =>
    (Object.keys(MATRIX[role]) as Page[]).map((page) => [role, page, MATRIX[role][page]] as const),
  );

  it.each(cases)('%s → %s answers %i', async (role, page, status) => {
    const browser = browsers[role];
    await browser.get(url(page));
    expect(browser.last?.statusCode).toBe(status);
    if (status === 403) {
      // A plain Spanish refusal that shows nothing of the record asked for.
      expect(browser.page).toMatch(/Sin permiso|Es de otra unidad/);
      expect(browser.page).not.toContain('Prueba Pérez');
      expect(browser.page).not.toContain(personB.curp);
    }
  });

  it.each(Object.keys(NAV) as StaffRole[])('shows %s only the pages the role may use', async (role) => {
    const browser = browsers[role];
    await browser.get('/consola');
    const nav = /<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(browser.page)?.[1] ?? '';
    const links = [...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]?.replace(unitA.clues, 'A'));
    expect(links).toEqual(NAV[role]);
    for (const href of ALL_NAV.filter((h) => !NAV[role].includes(h))) expect(links).not.toContain(href);
  });

  it('starts an auditor at the audit trail and keeps the person search from them', async () => {
    const browser = browsers.auditor;
    await browser.get('/consola');
    expect(browser.page).toContain('<h1>Bitácora de auditoría</h1>');
    expect(browser.page).not.toContain('id="q"');
  });

  it('records a refused read of another unit’s person, with the person and the unit', async () => {
    const browser = await signedInConsole(app, staff.reception);
    await browser.get(`/consola/personas/${personB.id}`);
    expect(browser.last?.statusCode).toBe(403);
    const refused = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_beneficiary_id', 'unit_clues', 'result', 'channel'])
      .where('actor_kind', '=', 'staff')
      .where('actor_id', '=', String(staff.reception.id))
      .where('result', '=', 'refused')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(refused).toEqual({
      action: 'beneficiary.read',
      subject_beneficiary_id: personB.id,
      unit_clues: unitB.clues,
      result: 'refused',
      channel: 'console',
    });
  });

  it('refuses a national role scoped to a unit (a staff account only) the national pages', async () => {
    const scopedAgent = await aStaffAccount(database.db, 'agent', unitA.clues);
    const browser = await signedInConsole(app, scopedAgent);
    await browser.get('/consola/llamadas');
    expect(browser.last?.statusCode).toBe(403);
    await browser.get(`/consola/personas/${personB.id}`);
    expect(browser.last?.statusCode).toBe(403);
    await browser.get(`/consola/personas/${personA.id}`);
    expect(browser.last?.statusCode).toBe(200);
  });

  it('sends a visitor without a session to sign in from every page', async () => {
    const visitor = new PortalClient(app);
    for (const page of ['staff', 'audit', 'suspicion', 'person A'] as const) {
      await visitor.get(url(page));
      expect(visitor.page).toContain('Entrar a la consola');
    }
  });
});
