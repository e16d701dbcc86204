import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
  throughTransactionPooler,
} from '../../../test/support/database.js';
import { type Database, openDatabase } from './connect.js';
import { isDatabaseUnavailable } from './errors.js';

// The bounds travel in the startup packet, which a pooler in transaction mode does not pass on
// (there they come from the pooler: test/transaction-pooling.db.test.ts).
describe.runIf(testDatabaseKind() === 'postgres' && !throughTransactionPooler())(
  'the timeouts of serving connections',
  () => {
    let database: TestDatabase;
    let serving: Database;
    beforeAll(async () => {
      database = await createTestDatabase();
      if (database.target.kind !== 'postgres') throw new Error('PostgreSQL only');
      const url = new URL(database.target.url);
      url.searchParams.set('options', '-c application_name=citas_timeouts_test');
      serving = await openDatabase({
        kind: 'postgres',
        url: url.toString(),
        poolSize: 2,
        timeouts: { connectMs: 1000, statementMs: 1500, lockMs: 300, idleInTransactionMs: 4000 },
      });
    });
    afterAll(async () => {
      await serving.close();
      await database.drop();
    });

    it('are set on every connection from its first statement, beside the URL’s own options', async () => {
      const shown = await sql<{ statement: string; lock: string; idle: string; app: string }>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
             current_setting('idle_in_transaction_session_timeout') as idle,
             current_setting('application_name') as app`.execute(serving.db);
      expect(shown.rows[0]).toEqual({
        statement: '1500ms',
        lock: '300ms',
        idle: '4s',
        app: 'citas_timeouts_test',
      });
    });

    it('turn a wait for a locked row into a database-unavailable error instead of a hang', async () => {
      await sql`create table lock_probe (id int primary key)`.execute(database.db);
      await sql`insert into lock_probe values (1)`.execute(database.db);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = database.db.transaction().execute(async (trx) => {
        await sql`select * from lock_probe where id = 1 for update`.execute(trx);
        await held;
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const waiting = sql`update lock_probe set id = 2 where id = 1`.execute(serving.db);
        const error = await waiting.then(
          () => null,
          (e: unknown) => e,
        );
        expect((error as { code?: string }).code).toBe('55P03');
        expect(isDatabaseUnavailable(error)).toBe(true);
      } finally {
        release();
        await holder;
      }
    });
  },
);
