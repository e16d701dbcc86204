// Citas behind PgBouncer in transaction mode (.ci/pgbouncer.ini): every transaction may run on
// another server session, so the application keeps nothing in a session. A representative set —
// every migration, a storm of contested bookings, retried idempotency keys, a portal sign-in and
// booking — runs through a PgBouncer this file starts on a free port. The whole suite may run
// through one as well (`CI_PGBOUNCER=1 .ci/run`, see docs/operations.md).
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { bearer, testApp } from './support/app.js';
import { testDatabaseKind } from './support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestClinic } from './support/factories.js';
import { type PgBouncer, startPgBouncer } from './support/pgbouncer.js';
import { PortalClient } from './support/web-client.js';

const installed = existsSync('/usr/sbin/pgbouncer') || existsSync('/usr/bin/pgbouncer');
const SETUP_TIMEOUT_MS = 120_000;
const CONTESTED_SLOTS = 15;

let bouncer: PgBouncer;
let database: Database;
let app: FastifyInstance;
let clinic: TestClinic;
let token: string;
let name: string;
let directUrl: string;
let started: number;
let migrated: string[];

const migrationFiles = async () =>
  (await readdir(new URL('../src/platform/db/migrations/', import.meta.url)))
    .filter((file) => file.endsWith('.sql'))
    .sort();

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const book = (curp: string, slotId: number, key: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...bearer(token), 'idempotency-key': key },
    payload: { curp, slotId, channel: 'agent' },
  });

describe.runIf(testDatabaseKind() === 'postgres' && installed)(
  'through PgBouncer in transaction mode',
  () => {
    beforeAll(async () => {
      started = Date.now();
      const adminUrl = process.env.TEST_DATABASE_URL as string;
      name = `citas_pooled_${process.pid}_${randomBytes(4).toString('hex')}`;
      await admin(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      directUrl = url.toString();
      bouncer = await startPgBouncer(adminUrl);
      database = await openDatabase({
        kind: 'postgres',
        url: bouncer.url(directUrl),
        poolSize: 40,
        poolMode: 'transaction',
        timeouts: { connectMs: 5000, statementMs: 5000, lockMs: 2000, idleInTransactionMs: 10_000 },
      });
      migrated = (await migrate(database)).applied;
      clinic = await aClinic(database.db);
      token = await aStaffToken(database.db);
      app = await testApp(database.db, { env: { RELEASE_DEFAULT_MODE: 'race' } });
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await app?.close();
      await database?.close().catch(() => undefined);
      await bouncer?.stop();
      await admin(`drop database if exists ${name} with (force)`);
      console.log('transaction pooling tests took', Date.now() - started, 'ms');
    });

    it('applied every migration, and bounds every server session', async () => {
      expect(migrated).toEqual(await migrationFiles());
      // The bounds come from PgBouncer's connect_query: the startup packet carries none.
      const shown = await sql<{ statement: string; lock: string }>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock`.execute(
        database.db,
      );
      expect(shown.rows[0]).toEqual({ statement: '5s', lock: '2s' });
    });

    it('gives each slot to exactly one of two concurrent bookings, and a retried key its first answer', async () => {
      const slots = await freeSlots(database.db, clinic, CONTESTED_SLOTS, { pool: 'phone' });
      const requests = await Promise.all(
        slots.flatMap((slotId) =>
          [0, 1].map(async () => ({
            slotId,
            curp: (await aBeneficiary(database.db, clinic)).curp,
            key: randomUUID(),
          })),
        ),
      );
      const first = await Promise.all(requests.map((r) => book(r.curp, r.slotId, r.key)));
      expect(first.filter((r) => r.statusCode === 201)).toHaveLength(CONTESTED_SLOTS);
      expect(first.filter((r) => r.statusCode === 409)).toHaveLength(CONTESTED_SLOTS);

      const retried = await Promise.all(requests.map((r) => book(r.curp, r.slotId, r.key)));
      retried.forEach((again, i) => {
        const original = first[i] as (typeof first)[number];
        expect(again.statusCode).toBe(original.statusCode);
        if (original.statusCode === 201) {
          expect(again.json().id).toBe(original.json().id);
          expect(again.headers['idempotent-replayed']).toBe('true');
        }
      });
      const perSlot = await sql<{ n: number }>`
      select count(*)::int as n from appointments where slot_id = any(${slots}) and status = 'booked'
      group by slot_id`.execute(database.db);
      expect(perSlot.rows.map((r) => r.n)).toEqual(slots.map(() => 1));
    });

    it('signs a person in with the code from their phone and books in the portal', async () => {
      const person = await aBeneficiary(database.db, clinic, { phone: '5512345678' });
      const [slot] = (await freeSlots(database.db, clinic, 1)) as [number];
      const browser = new PortalClient(app, '10.1.0.1');
      const signedIn = await browser.signIn(database.db, person);
      expect(signedIn.statusCode).toBe(200);
      const review = await browser.get(`/cita/revisar?persona=${person.id}&horario=${slot}`);
      const confirmation = await browser.post('/cita', {
        persona: String(person.id),
        horario: String(slot),
        clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
      });
      expect(confirmation.body).toContain('Tu cita está confirmada');
    });

    it('would fail with statements prepared by name, as session mode prepares them', async () => {
      const sessionMode = await openDatabase({ kind: 'postgres', url: bouncer.url(directUrl), poolSize: 8 });
      const errors: string[] = [];
      try {
        const runner = async () => {
          for (let i = 0; i < 200 && errors.length === 0; i++)
            await sql`select count(*) from slots where id > ${i}`
              .execute(sessionMode.db)
              .catch((error: Error) => {
                errors.push(String((error as { code?: string }).code));
              });
        };
        await Promise.all(Array.from({ length: 8 }, runner));
      } finally {
        await sessionMode.close();
      }
      // 26000: prepared on another server session; 42P05: this session has one by that name already.
      expect(errors[0]).toMatch(/^(26000|42P05)$/);
    });
  },
);
