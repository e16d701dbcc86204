import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { expectNothingChanged } from '../../../test/support/fingerprint.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, {
    env: { STAFF_RATE_CHANGES_PER_HOUR: '2', STAFF_RATE_REQUESTS_PER_HOUR: '12' },
  });
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const limitAudits = (staffId: number) =>
  database.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'staff.rate_limited')
    .where('actor_id', '=', String(staffId))
    .execute();

describe('limits per staff account in the console', () => {
  it('pause an agent booking faster than a person at a desk, with Retry-After, changing nothing', async () => {
    const agent = await aStaffAccount(database.db, 'agent');
    const desk = await signedInConsole(app, agent);
    const book = async () => {
      const person = await aBeneficiary(database.db, clinic);
      const [slot] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
      await desk.get(`/consola/personas/${person.id}/confirmar?horario=${slot}`);
      const key = /name="clave" value="([^"]+)"/.exec(desk.page)?.[1] as string;
      return () => desk.post(`/consola/personas/${person.id}/citas`, { horario: String(slot), clave: key });
    };
    expect((await (await book())()).statusCode).toBe(200);
    expect((await (await book())()).statusCode).toBe(200);
    const third = await book();
    const refused = await expectNothingChanged(database.db, third);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Demasiadas operaciones en poco tiempo');
    expect(await limitAudits(agent.id)).toEqual([{ detail: { limit: 'staff-changes', perHour: 2 } }]);
  });

  it('pause an account reading page after page, yet let it sign out', async () => {
    const agent = await aStaffAccount(database.db, 'agent');
    const desk = await signedInConsole(app, agent);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await desk.get('/consola')).statusCode);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect((await limitAudits(agent.id)).map((a) => a.detail.limit)).toEqual(['staff']);
    await desk.post('/consola/salir', {});
    expect(desk.last?.statusCode).toBe(200);
    expect(desk.page).toContain('name="correo"');
  });
});
