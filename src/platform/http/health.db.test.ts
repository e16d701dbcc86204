import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('readiness', () => {
  it('is ready when the database answers and every migration is applied', async () => {
    const app = await testApp(database.db);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    await app.close();
  });

  it('is not ready while a migration of this build is missing, though the process is alive', async () => {
    await sql`delete from schema_migrations where name = (select max(name) from schema_migrations)`.execute(
      database.db,
    );
    const app = await testApp(database.db);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'NOT_READY', reason: 'migrations pending' });
    expect((await app.inject({ url: '/livez' })).statusCode).toBe(200);
    await app.close();
  });
});
