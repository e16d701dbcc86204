// The fault suite: a storm of bookings through a real `citas serve` process over a throwaway
// PostgreSQL cluster, while the server is killed, the database crashes, or the database freezes.
// Whatever happens, clients that were told "booked" are booked, no slot is booked twice, no key
// names two appointments, and the server process lives on. Recovery times are printed, not judged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { testDatabaseKind } from '../support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots } from '../support/factories.js';
import { type Cluster, freePort, startCluster } from './support/cluster.js';
import { type ServerProcess, startServer } from './support/server.js';
import { type Booking, checkLedger, type Outcome, recoveryMs, storm } from './support/storm.js';

// Short bounds keep the suite short; production defaults are longer (see docs/operations.md, "Failure modes").
const SERVER_ENV = {
  DATABASE_POOL_SIZE: '8',
  DATABASE_CONNECT_TIMEOUT_MS: '1000',
  DATABASE_STATEMENT_TIMEOUT_MS: '1000',
  DATABASE_LOCK_TIMEOUT_MS: '1000',
  OVERLOAD_RETRY_AFTER_SECONDS: '1',
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
  API_RATE_PER_IP_PER_MINUTE: '0',
  API_RATE_PER_TOKEN_PER_MINUTE: '0',
};
const SLOTS = 20;
// Each scenario starts processes on a machine that may be busy: generous, never a pass criterion.
const SCENARIO_TIMEOUT_MS = 120_000;
const FAULT_AFTER_ACKS = 10;

let cluster: Cluster;
let database: Database;
let server: ServerProcess;
let port: number;
let token: string;
/** One set of contested bookings per scenario, written before the first storm. */
let bookingSets: Booking[][];
const env = () => ({ ...SERVER_ENV, DATABASE_URL: cluster.url });

/** Two people for each of `SLOTS` fresh slots: exactly one of each pair may get it. */
async function contestedBookings(): Promise<Booking[]> {
  const clinic = await aClinic(database.db);
  const slots = await freeSlots(database.db, clinic, SLOTS, { pool: 'phone' });
  const bookings: Booking[] = [];
  for (const slotId of slots)
    for (let i = 0; i < 2; i++)
      bookings.push({ key: randomUUID(), curp: (await aBeneficiary(database.db, clinic)).curp, slotId });
  return bookings;
}

/** Runs a storm and injects `fault` once FAULT_AFTER_ACKS bookings were acknowledged. */
async function stormWithFault(bookings: Booking[], fault: () => Promise<void>) {
  let acks = 0;
  let injected: Promise<void> | null = null;
  let faultAt = 0;
  const outcomes = await storm(bookings, {
    url: () => server.url,
    token,
    concurrency: 12,
    retryPauseMs: 100,
    deadline: Date.now() + 75_000,
    onAnswer: (_outcome, status) => {
      if (status === 201) acks++;
      if (acks >= FAULT_AFTER_ACKS && !injected) {
        faultAt = Date.now();
        injected = fault();
      }
    },
  });
  await injected;
  return { outcomes, faultAt };
}

async function expectLedgerHolds(outcomes: Outcome[]) {
  const ledger = await checkLedger(database.db, outcomes);
  expect(outcomes.filter((o) => o.refusal === 'GAVE_UP')).toEqual([]);
  expect(ledger.lost).toEqual([]);
  expect(ledger.doubleBooked).toBe(0);
  expect(ledger.keysWithTwoAppointments).toBe(0);
  expect(ledger.unaccounted).toBe(0);
  // Every slot went to exactly one of its two people; the other was told it was taken.
  expect(ledger.acknowledged).toBe(SLOTS);
  expect(outcomes.filter((o) => o.refusal).map((o) => o.refusal)).toEqual(Array(SLOTS).fill('SLOT_TAKEN'));
  return ledger;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testDatabaseKind() === 'postgres')('faults under a storm of bookings', () => {
  beforeAll(async () => {
    const started = Date.now();
    cluster = await startCluster();
    database = await openDatabase({ kind: 'postgres', url: cluster.url, poolSize: 4 });
    await migrate(database);
    port = await freePort();
    // The server starts while the test writes its data: both take seconds on a busy machine.
    const starting = startServer(port, env());
    token = await aStaffToken(database.db);
    bookingSets = [await contestedBookings(), await contestedBookings(), await contestedBookings()];
    server = await starting;
    console.log('cluster and server ready in', Date.now() - started, 'ms');
  }, SCENARIO_TIMEOUT_MS);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await database?.close().catch(() => undefined);
    await cluster?.destroy();
  });

  it(
    'loses and duplicates nothing when the server is killed with SIGKILL mid-storm',
    async () => {
      const { outcomes, faultAt } = await stormWithFault(bookingSets[0] as Booking[], async () => {
        await server.kill('SIGKILL');
        const restarting = Date.now();
        server = await startServer(port, env());
        console.log('server restarted in', Date.now() - restarting, 'ms');
      });
      const ledger = await expectLedgerHolds(outcomes);
      console.log('server kill -9:', { recoveryMs: recoveryMs(outcomes, faultAt), answers: ledger.answers });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'stays up and answers 503 with Retry-After while the database crashes and restarts mid-storm',
    async () => {
      let restartedAt = 0;
      const { outcomes, faultAt } = await stormWithFault(bookingSets[1] as Booking[], async () => {
        await cluster.crash();
        await pause(1500);
        await cluster.start();
        restartedAt = Date.now();
      });
      expect(server.alive()).toBe(true);
      const ledger = await expectLedgerHolds(outcomes);
      expect(ledger.answers['500']).toBeUndefined();
      expect(ledger.answers['503']).toBeGreaterThan(0);
      expect(outcomes.flatMap((o) => o.retryAfter)).not.toContain(null);
      console.log('database crash + restart:', {
        databaseDownMs: restartedAt - faultAt,
        recoveryMs: recoveryMs(outcomes, faultAt),
        answers: ledger.answers,
      });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'answers 503 instead of hanging while the database is frozen mid-storm',
    async () => {
      const FROZEN_MS = 3000;
      let thawedAt = 0;
      const { outcomes, faultAt } = await stormWithFault(bookingSets[2] as Booking[], async () => {
        await cluster.freeze();
        await pause(FROZEN_MS);
        await cluster.thaw();
        thawedAt = Date.now();
      });
      expect(server.alive()).toBe(true);
      const ledger = await expectLedgerHolds(outcomes);
      expect(ledger.answers['500']).toBeUndefined();
      // Requests were turned away while the database was still frozen, not held until it woke up.
      const answeredWhileFrozen = outcomes.flatMap((o) =>
        o.answers.filter((status, i) => status === 503 && (o.answeredAt[i] as number) < thawedAt),
      );
      expect(answeredWhileFrozen.length).toBeGreaterThan(0);
      expect(outcomes.flatMap((o) => o.retryAfter)).not.toContain(null);
      const latencies = outcomes.flatMap((o) => o.latencies);
      console.log('database frozen:', {
        frozenMs: thawedAt - faultAt,
        recoveryMs: recoveryMs(outcomes, faultAt),
        slowestAnswerMs: Math.max(...latencies),
        answers: ledger.answers,
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
