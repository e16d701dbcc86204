import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { openAllocationWindows } from '../../allocation/releases.js';
import { buildCurp } from '../../registry/curp.js';

let database: TestDatabase;
let app: FastifyInstance;
let now = new Date();
beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { clock: () => now });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function anOpenRelease() {
  const { db } = database;
  const clinic = await aClinic(db);
  const opensAt = new Date(now.getTime() + 10 * 60_000);
  await db
    .insertInto('release_settings')
    .values({ unit_clues: clinic.clues, service_code: clinic.serviceCode, mode: 'allocate' })
    .execute();
  await freeSlots(db, clinic, 3, { pool: 'web', opensAt });
  await openAllocationWindows(db, now);
  const release = await db
    .selectFrom('allocation_releases')
    .select(['id', 'opens_at'])
    .where('unit_clues', '=', clinic.clues)
    .executeTakeFirstOrThrow();
  return { clinic, release };
}

const form = (curp: string, birthDate: string, extra: Record<string, string> = {}) => {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  return {
    curp,
    'nacimiento-day': day,
    'nacimiento-month': month,
    'nacimiento-year': year,
    turno: 'cualquiera',
    ...extra,
  };
};

describe('portal: request and allocate', () => {
  it('answers a beneficiary’s request and a stranger’s alike, and stores one request each', async () => {
    const { db } = database;
    const { clinic, release } = await anOpenRelease();
    const person = await aBeneficiary(db, clinic);
    const stranger = buildCurp({
      givenNames: 'Otra',
      firstSurname: 'Persona',
      secondSurname: 'Ajena',
      birthDate: '1975-06-07',
      sex: 'M',
      state: 'JC',
      differentiator: 0,
    });
    const answers: { status: number; page: string }[] = [];
    for (const [curp, birthDate] of [
      [person.curp, person.birthDate],
      [stranger, '1975-06-07'],
    ] as const) {
      const client: PortalClient = new PortalClient(app, `10.0.0.${answers.length + 1}`);
      await client.get('/solicitudes');
      await client.get(client.link('Solicitar'));
      const response = await client.post(`/solicitudes/${release.id}`, form(curp, birthDate));
      answers.push({
        status: response.statusCode,
        page: client.page.replace(/name="_csrf" value="[^"]+"/, ''),
      });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.page).toContain('Recibimos la solicitud');
    const rows = await db
      .selectFrom('allocation_requests')
      .select('beneficiary_id')
      .where('release_id', '=', release.id)
      .execute();
    expect(rows.map((r) => r.beneficiary_id).sort()).toEqual([person.id, null].sort());
  });

  it('asks again when the birth date is not the CURP’s, and stores nothing', async () => {
    const { db } = database;
    const { clinic, release } = await anOpenRelease();
    const person = await aBeneficiary(db, clinic);
    const client = new PortalClient(app, '10.0.1.1');
    await client.get(`/solicitudes/${release.id}`);
    const response = await client.post(`/solicitudes/${release.id}`, form(person.curp, '1901-01-01'));
    expect(response.statusCode).toBe(422);
    expect(client.page).toContain('no coincide con la de tu CURP');
    expect(await db.selectFrom('allocation_requests').where('release_id', '=', release.id).execute()).toEqual(
      [],
    );
  });

  it('shows the signed-in person their request in Mis solicitudes and lets them withdraw it before the draw', async () => {
    const { db } = database;
    const { clinic, release } = await anOpenRelease();
    const person = await aBeneficiary(db, clinic);
    const client = new PortalClient(app, '10.0.2.1');
    await client.get(`/solicitudes/${release.id}`);
    const day = (
      await db
        .selectFrom('slots')
        .select('local_date')
        .where('unit_clues', '=', clinic.clues)
        .executeTakeFirstOrThrow()
    ).local_date;
    await client.post(
      `/solicitudes/${release.id}`,
      form(person.curp, person.birthDate, { dias: day, turno: 'M' }),
    );
    await client.signIn(db, person);
    await client.get('/mis-solicitudes');
    expect(client.page).toContain('Esperando la asignación');
    expect(client.page).toContain('Matutino');
    const withdrawn = await client.post(
      client.page.match(/action="(\/mis-solicitudes\/\d+\/retirar)"/)?.[1] ?? '',
      {},
    );
    expect(withdrawn.statusCode).toBe(200);
    expect(client.page).toContain('Retiraste la solicitud');
    expect(await db.selectFrom('allocation_requests').where('release_id', '=', release.id).execute()).toEqual(
      [],
    );
  });

  it('refuses requests once the release moment has passed', async () => {
    const { release } = await anOpenRelease();
    const client = new PortalClient(app, '10.0.3.1');
    const saved = now;
    now = new Date(release.opens_at.getTime() + 1000);
    try {
      const response = await client.get(`/solicitudes/${release.id}`);
      expect(response.statusCode).toBe(409);
      expect(response.headers['citas-error-code']).toBe('ALLOCATION_WINDOW_CLOSED');
    } finally {
      now = saved;
    }
  });
});
