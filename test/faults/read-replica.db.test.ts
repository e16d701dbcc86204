// Browsing reads on a real streaming replica: a throwaway primary and a hot standby copied from it
// with pg_basebackup -R. Replay is paused to make the replica visibly stale: the catalog and
// availability show the stale state, while a person's own pages, their next availability pages and
// every booking see the primary. Then the replica freezes and dies, and reads go to the primary.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { WROTE_COOKIE } from '../../src/platform/http/read-your-writes.js';
import { bearer, testApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import {
  aBeneficiary,
  aClinic,
  aStaffToken,
  freeSlots,
  type TestClinic,
  type TestPerson,
} from '../support/factories.js';
import { PortalClient } from '../support/web-client.js';
import { type Cluster, freePort, startCluster } from './support/cluster.js';
import { type ServerProcess, startServer } from './support/server.js';

// Starting two clusters and copying one takes seconds on a busy machine: generous, never judged.
const SETUP_TIMEOUT_MS = 180_000;
const SCENARIO_TIMEOUT_MS = 60_000;
const TIMEOUTS = { connectMs: 1000, statementMs: 1000, lockMs: 1000, idleInTransactionMs: 0 };

let primary: Cluster;
let replica: Cluster;
/** A direct connection to the replica, to pause and resume its replay. */
let standby: pg.Client;
let database: Database;
let app: FastifyInstance;
let clinic: TestClinic;
let token: string;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the replica has replayed everything the primary committed so far. */
async function replicaCaughtUp() {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(database.db);
  for (;;) {
    const replayed = await standby.query('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [
      rows[0]?.lsn,
    ]);
    if (replayed.rows[0]?.done) return;
    await pause(50);
  }
}

/** Stops replay once the replica is current, so whatever is written next stays off it. */
async function freezeReplicaInTime() {
  await replicaCaughtUp();
  await standby.query('select pg_wal_replay_pause()');
  for (;;) {
    const state = await standby.query('select pg_get_wal_replay_pause_state() as state');
    if (state.rows[0]?.state === 'paused') return;
    await pause(50);
  }
}

const resumeReplay = () => standby.query('select pg_wal_replay_resume()');

/** Replay paused for a few seconds at a time stays within the default lag bound of these tests. */
async function openServing(readMaxLagSeconds = 60): Promise<{ database: Database; app: FastifyInstance }> {
  const serving = await openDatabase({
    kind: 'postgres',
    url: primary.url,
    poolSize: 4,
    readUrls: [replica.url],
    readMaxLagSeconds,
    timeouts: TIMEOUTS,
  });
  const served = await testApp(serving.db, {
    reads: serving.reads,
    env: {
      DATABASE_URL: primary.url,
      DATABASE_READ_URL: replica.url,
      RELEASE_DEFAULT_MODE: 'race',
      API_RATE_PER_IP_PER_MINUTE: '0',
      API_RATE_PER_TOKEN_PER_MINUTE: '0',
    },
  });
  return { database: serving, app: served };
}

const listed = async (slotId: number, onApp = app) => {
  const response = await onApp.inject({
    url: `/api/v1/availability?unit=${clinic.clues}&service=${clinic.serviceCode}&days=30`,
    headers: bearer(token),
  });
  expect(response.statusCode).toBe(200);
  return (response.json().items as { slotId: number }[]).some((s) => s.slotId === slotId);
};

const bookThroughApi = (person: TestPerson, slotId: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: bearer(token),
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });

/** The day page of a new booking for `person`, as `browser` sees it. */
async function timesFor(browser: PortalClient, person: TestPerson, slotId: number) {
  const slot = await database.db
    .selectFrom('slots')
    .select('local_date')
    .where('id', '=', slotId)
    .executeTakeFirstOrThrow();
  return browser.get(`/cita/hora?persona=${person.id}&servicio=${clinic.serviceCode}&dia=${slot.local_date}`);
}

describe.runIf(testDatabaseKind() === 'postgres')('browsing reads on a streaming replica', () => {
  beforeAll(async () => {
    const started = Date.now();
    primary = await startCluster();
    replica = await startCluster({ replicaOf: primary });
    standby = new pg.Client({ connectionString: replica.url });
    // The replica is killed later on purpose: this control connection then just ends.
    standby.on('error', () => undefined);
    await standby.connect();
    ({ database, app } = await openServing());
    await migrate(database);
    clinic = await aClinic(database.db);
    token = await aStaffToken(database.db);
    console.log('primary and replica ready in', Date.now() - started, 'ms');
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await database?.close().catch(() => undefined);
    await standby?.end().catch(() => undefined);
    await replica?.destroy();
    await primary?.destroy();
  });

  it(
    'shows a lagging replica’s availability to browsers, but books, refuses and shows appointments from the primary',
    async () => {
      const [slot] = (await freeSlots(database.db, clinic, 2, { pool: 'phone' })) as [number];
      const [holder, rival] = [
        await aBeneficiary(database.db, clinic),
        await aBeneficiary(database.db, clinic),
      ];
      await freezeReplicaInTime();

      const booked = await bookThroughApi(holder, slot);
      expect(booked.statusCode).toBe(201);
      // The replica has not seen the booking: the browsing read is stale.
      expect(await listed(slot)).toBe(true);
      // The appointment itself, and the next booking of the slot, are judged on the primary.
      const own = await app.inject({
        url: `/api/v1/appointments/${booked.json().id}`,
        headers: bearer(token),
      });
      expect(own.json()).toMatchObject({ status: 'booked' });
      const second = await bookThroughApi(rival, slot);
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('SLOT_TAKEN');

      await resumeReplay();
      await replicaCaughtUp();
      expect(await listed(slot)).toBe(false);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'reads a browser’s pages from the primary after it booked, while other browsers read the replica',
    async () => {
      const [first] = (await freeSlots(database.db, clinic, 3)) as [number];
      const [me, other] = [
        await aBeneficiary(database.db, clinic, { phone: '5512345678' }),
        await aBeneficiary(database.db, clinic, { phone: '5587654321' }),
      ];
      const mine = new PortalClient(app, '10.0.0.1');
      const theirs = new PortalClient(app, '10.0.0.2');
      await mine.signIn(database.db, me);
      await theirs.signIn(database.db, other);
      await freezeReplicaInTime();

      const review = await mine.get(`/cita/revisar?persona=${me.id}&horario=${first}`);
      const confirmation = await mine.post('/cita', {
        persona: String(me.id),
        horario: String(first),
        clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
      });
      expect(confirmation.body).toContain('Tu cita está confirmada');
      const folio = /class="folio">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(confirmation.body)?.[1] as string;
      expect(mine.cookieHeader()).toContain(WROTE_COOKIE);
      // Their own list, and their next look at the day, show the booking the replica lacks.
      expect((await mine.get('/citas')).body).toContain(folio);
      expect((await timesFor(mine, me, first)).body).not.toContain(`horario=${first}"`);
      // Someone else, browsing the same day, reads the lagging replica.
      expect((await timesFor(theirs, other, first)).body).toContain(`horario=${first}"`);
      // …and choosing that time is refused by the booking, on the primary, with fresh choices.
      const stale = await theirs.get(`/cita/revisar?persona=${other.id}&horario=${first}`);
      const refused = await theirs.post('/cita', {
        persona: String(other.id),
        horario: String(first),
        clave: /name="clave" value="([^"]+)"/.exec(stale.body)?.[1] ?? '',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('Ese horario ya no está disponible');

      await resumeReplay();
      await replicaCaughtUp();
      expect((await timesFor(theirs, other, first)).body).not.toContain(`horario=${first}"`);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'leaves a replica out while it lags more than DATABASE_READ_MAX_LAG_SECONDS behind',
    async () => {
      const [slot] = (await freeSlots(database.db, clinic, 1, { pool: 'phone' })) as [number];
      const bounded = await openServing(1);
      try {
        await freezeReplicaInTime();
        const booked = await bookThroughApi(await aBeneficiary(database.db, clinic), slot);
        expect(booked.statusCode).toBe(201);
        // Unbounded, the paused replica would list the slot for as long as replay stays paused
        // (the first test); once a lag probe finds it over a second behind, the primary answers.
        const deadline = Date.now() + 30_000;
        while ((await listed(slot, bounded.app)) && Date.now() < deadline) await pause(200);
        expect(await listed(slot, bounded.app)).toBe(false);
      } finally {
        await resumeReplay();
        await bounded.app.close();
        await bounded.database.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'reads from the primary while the replica is frozen, then after it died, without an error',
    async () => {
      const [slot] = (await freeSlots(database.db, clinic, 1, { pool: 'phone' })) as [number];
      await replicaCaughtUp();
      expect(await listed(slot)).toBe(true);
      await replica.freeze();
      try {
        // The replica's connections are checked out and time out (statement bound + 1 s): the
        // read runs on the primary, and the next ones skip the replica for a while.
        expect(await listed(slot)).toBe(true);
        expect(await listed(slot)).toBe(true);
      } finally {
        await replica.thaw();
      }

      // A fresh process state: the replica is in service again, then it crashes.
      const fresh = await openServing();
      try {
        expect(await listed(slot, fresh.app)).toBe(true);
        await replica.crash();
        const booked = await fresh.app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: bearer(token),
          payload: { curp: (await aBeneficiary(database.db, clinic)).curp, slotId: slot, channel: 'agent' },
        });
        expect(booked.statusCode).toBe(201);
        // With the replica gone, availability comes from the primary: current, not an error.
        expect(await listed(slot, fresh.app)).toBe(false);
        expect(await listed(slot, fresh.app)).toBe(false);
      } finally {
        await fresh.app.close();
        await fresh.database.close();
        await replica.start();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'keeps `citas serve` up with DATABASE_READ_URL when the replica goes away',
    async () => {
      let server: ServerProcess | undefined;
      try {
        server = await startServer(await freePort(), {
          DATABASE_URL: primary.url,
          DATABASE_READ_URL: replica.url,
        });
        const availability = async () =>
          (
            await fetch(
              `${server?.url}/api/v1/availability?unit=${clinic.clues}&service=${clinic.serviceCode}`,
              { headers: bearer(token) },
            )
          ).status;
        expect(await availability()).toBe(200);
        await replica.crash();
        expect(await availability()).toBe(200);
        expect(await availability()).toBe(200);
        expect(server.alive()).toBe(true);
      } finally {
        await server?.kill('SIGKILL');
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
