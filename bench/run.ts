// `npm run bench [-- --scale F --seconds S --ceiling-connections N --skip-roll --only api,journey,sign-in
// --journeys N --journey-seconds S --sign-ins-per-second N --sign-in-seconds S]`:
// seeds the national network (unless already there), then measures, against one database
// (DATABASE_URL, or PGlite): the booking ceiling in SQL (from Node and from pgbench), the full stack
// over HTTP, the 7 a.m. rush, an overloaded rush, availability reads, portal journeys, a burst of
// sign-ins, and checks the invariants. Prints a table; writes bench/results/*.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { rollHorizon } from '../src/agenda/generate-slots.js';
import { terminalProgress } from '../src/cli/progress-bar.js';
import { createApiToken } from '../src/identity/api-tokens.js';
import { type Database, type DatabaseTarget, openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { NATIONAL_BENEFICIARIES, seedNationalNetwork } from '../src/seed/national/seed-national.js';
import { runCeiling } from './ceiling.js';
import { runPgbenchCeiling } from './pgbench.js';
import {
  outboxWait,
  portalVisitors,
  runJourneys,
  runSignInBurst,
  startPortalServer,
} from './portal/phases.js';
import { runLoad, startServer } from './processes.js';
import { type BenchReport, printReport, writeReport } from './report.js';
import { availabilityQueries, rushUnits, uniformBookings, verify } from './workload.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    seed: { type: 'string', default: '2026' },
    seconds: { type: 'string', default: '15' },
    'ceiling-connections': { type: 'string', default: '16' },
    'rush-requests': { type: 'string', default: '12000' },
    // Leaves out the daily horizon roll (minutes on a loaded machine) when rerunning on a database.
    'skip-roll': { type: 'boolean', default: false },
    // Writes the servers' CPU profiles (API phases; portal phases) under bench/results/profiles/.
    'profile-server': { type: 'boolean', default: false },
    // The phases after the ceilings (always measured: every figure is a ratio to them).
    only: { type: 'string', default: 'api,journey,sign-in' },
    journeys: { type: 'string', default: '64' },
    // A journey takes seconds: the phase lasts long enough for several in a row per walker.
    'journey-seconds': { type: 'string', default: '30' },
    'sign-ins-per-second': { type: 'string', default: '200' },
    'sign-in-seconds': { type: 'string', default: '5' },
  },
});
const phases = new Set((values.only as string).split(','));
const journeyConcurrency = Number(values.journeys);
const journeySeconds = Number(values['journey-seconds']);
const signInsPerSecond = Number(values['sign-ins-per-second']);
const signInSeconds = Number(values['sign-in-seconds']);

const url = process.env.DATABASE_URL;
const kind = url ? 'postgres' : 'pglite';
const scale = Number(values.scale ?? (url ? 0.1 : 0.002));
const seconds = Number(values.seconds);
const pgliteDir = url ? undefined : await mkdtemp(join(tmpdir(), 'citas-bench-'));
const target: DatabaseTarget = url
  ? { kind: 'postgres', url, poolSize: Number(values['ceiling-connections']) }
  : { kind: 'pglite', dataDir: pgliteDir as string };
// Production defaults: the API's per-address and per-token limits are on and counted as production
// counts them (in memory, flushed to the database every second: platform/rate-limit/). Only their
// numbers are raised: the load generator is many staff desks behind one address and one token.
const serverEnv: Record<string, string> = {
  ...(url ? { DATABASE_URL: url } : { DATA_DIR: pgliteDir as string }),
  API_RATE_PER_IP_PER_MINUTE: '10000000',
  API_RATE_PER_TOKEN_PER_MINUTE: '10000000',
};
const log = (text: string) => process.stderr.write(`${text}\n`);
/** The machine's 1-, 5- and 15-minute load averages: it is shared, and every figure moves with them. */
const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

/** PGlite is one process's: the bench closes it while the server has it. */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const report: BenchReport = { startedAt: new Date().toISOString(), database: { kind }, scale } as BenchReport;

const prepared = await withDatabase(async (database) => {
  await migrate(database);
  const { db } = database;
  const version = await sql<{ v: string }>`select version() as v`.execute(db);
  report.database.version = version.rows[0]?.v ?? '';
  const seeded = await db
    .selectFrom('units')
    .select('clues')
    .where('clues', 'like', '__IST1%')
    .limit(1)
    .execute();
  if (seeded.length === 0) {
    log(`Sembrando la red nacional a escala ${scale}…`);
    const started = performance.now();
    const summary = await seedNationalNetwork(database, {
      scale,
      seed: Number(values.seed),
      now: new Date(),
      // PGlite loads millions of slots slowly: a week of agendas is enough to measure it.
      horizonDays: kind === 'pglite' ? 7 : undefined,
      progress: terminalProgress(),
    });
    report.seeding = { seconds: (performance.now() - started) / 1000, ...summary };
  } else {
    log('La red nacional ya está sembrada: se reutiliza.');
  }
  const counts = await sql<{ people: number; slots: number }>`
    select (select count(*) from beneficiaries)::int as people, (select count(*) from slots)::int as slots`.execute(
    db,
  );
  report.data = { beneficiaries: Number(counts.rows[0]?.people), slots: Number(counts.rows[0]?.slots) };
  // 0. The daily horizon roll `citas serve` runs in the background: tomorrow's roll adds a day of
  // slots to every template, one set-based statement per unit.
  if (!values['skip-roll']) {
    log('Horizonte: el avance diario de las agendas de todas las unidades…');
    const rollStarted = performance.now();
    const roll = await rollHorizon(db, { now: new Date(Date.now() + 86_400_000) });
    report.horizonRoll = { seconds: (performance.now() - rollStarted) / 1000, ...roll };
  }
  // A reused database says its own scale.
  if (!report.seeding)
    report.scale = Math.round((report.data.beneficiaries / NATIONAL_BENEFICIARIES) * 1000) / 1000;
  const token = (await createApiToken(db, { name: 'Benchmark', role: 'agent' })).secret;
  const hot = await rushUnits(db, 20, 1000);
  // The portal's visitors, chosen first: holders the API phases leave out; a journey a person takes is
  // seldom shorter than a second, so 64 at a time need at most 64 × seconds of them.
  const journeyPeople = phases.has('journey') ? journeyConcurrency * journeySeconds : 0;
  const signInPeople = phases.has('sign-in') ? Math.round(signInsPerSecond * signInSeconds) : 0;
  const visitors = await portalVisitors(
    db,
    journeyPeople + signInPeople,
    report.startedAt,
    hot.map((u) => u.clues),
  );
  const wanted = Math.round(seconds * 12_000);
  const uniform = await uniformBookings(
    db,
    wanted + seconds * 10_000 + 4_000,
    hot.map((u) => u.clues),
    visitors.map((v) => v.curp),
  );
  // A small network has fewer disjoint (person, slot) pairs than a long run wants: each SQL ceiling
  // then takes at most 30 %, so the HTTP phases never run out of bookings that can succeed.
  const ceilingCount = Math.min(wanted, Math.floor(uniform.length * 0.3));
  const paths = await availabilityQueries(db, 5000);
  return {
    token,
    hot,
    uniform,
    ceilingCount,
    paths,
    journeyPeople: visitors.slice(0, journeyPeople),
    signInPeople: visitors.slice(journeyPeople),
  };
});

// 1. Ceiling: the booking statement straight to the database.
const ceilingConnections = kind === 'pglite' ? 1 : Number(values['ceiling-connections']);
report.load = { ceiling: loadAverage() };
report.ceiling = await withDatabase(async ({ db }) => {
  log(`Techo: la reserva en SQL con ${ceilingConnections} conexiones, ${seconds} s…`);
  const result = await runCeiling(
    db,
    prepared.uniform.slice(0, prepared.ceilingCount),
    ceilingConnections,
    seconds,
  );
  return result;
});
const forPgbench = prepared.uniform.slice(prepared.ceilingCount, 2 * prepared.ceilingCount);
const forHttp = prepared.uniform.slice(2 * prepared.ceilingCount);
// The last bookings: the rush's uniform share, and before them those made while availability is read.
const forRush = forHttp.slice(-4_000);
const forMixed = forHttp.slice(-(4_000 + seconds * 2_000), -4_000);
const forFullStack = forHttp.slice(0, -(4_000 + seconds * 2_000));

// 1b. The honest ceiling: the same statement from pgbench, PostgreSQL's C client (PostgreSQL only).
if (url) {
  report.load.pgbench = loadAverage();
  log(`Techo pgbench: la misma reserva desde pgbench con ${ceilingConnections} clientes, ${seconds} s…`);
  report.pgbench = await withDatabase(({ db }) =>
    runPgbenchCeiling(db, url, forPgbench, ceilingConnections, seconds),
  );
}
const createdIds = [...report.ceiling.createdIds, ...(report.pgbench?.createdIds ?? [])];

const profileDir = fileURLToPath(new URL('../../bench/results/profiles/', import.meta.url));
const profileArgs = values['profile-server'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const rss: number[] = [];
if (phases.has('api')) {
  const server = await startServer(serverEnv, profileArgs);
  try {
    // 2. Full stack: the same bookings through the HTTP API, 64 keep-alive clients.
    report.load.fullStack = loadAverage();
    log(`Pila completa: POST /api/v1/appointments, 64 clientes, ${seconds} s…`);
    report.fullStack = await runLoad({
      kind: 'book',
      url: server.url,
      token: prepared.token,
      connections: 64,
      seconds,
      bookings: forFullStack,
    });
    // 3. Rush: 90 % of the requests at the earliest slots of 20 clinics.
    report.load.rush = loadAverage();
    log('Hora pico: 90 % de las solicitudes a los primeros horarios de 20 unidades…');
    report.rush = await runLoad({
      kind: 'rush',
      url: server.url,
      token: prepared.token,
      connections: 64,
      amount: Number(values['rush-requests']),
      hotShare: 0.9,
      hot: prepared.hot.map((unit) => ({ ...unit, curps: unit.curps.slice(0, 500) })),
      uniform: forRush,
    });
    // 4. Availability at national scale: every (unit, service) once, read from the database; then
    // the same requests answered as production answers them, remembered until a slot of theirs
    // changes (src/agenda/availability-memory.ts); then again while bookings change slots.
    const availability = (more: { seconds: number } | { amount: number }) =>
      runLoad({ kind: 'availability', url: server.url, connections: 16, paths: prepared.paths, ...more });
    report.load.availabilityFromDatabase = loadAverage();
    log('Disponibilidad: cada unidad y servicio una vez, leídos de la base de datos (16 clientes)…');
    const fromDatabase = await availability({ amount: prepared.paths.length });
    report.load.availability = loadAverage();
    log(`Disponibilidad: GET /api/v1/availability, 16 clientes, ${seconds} s…`);
    const remembered = await availability({ seconds });
    report.load.availabilityWhileBooking = loadAverage();
    log(`Disponibilidad mientras se reserva: 16 clientes leen y 16 reservan, ${seconds} s…`);
    const [reads, bookings] = await Promise.all([
      availability({ seconds }),
      runLoad({
        kind: 'book',
        url: server.url,
        token: prepared.token,
        connections: 16,
        seconds,
        bookings: forMixed,
      }),
    ]);
    report.availability = { fromDatabase, remembered, whileBooking: { reads, bookings } };
    rss.push(server.maxRssMb());
  } finally {
    await server.stop();
  }
  createdIds.push(
    ...report.fullStack.createdIds,
    ...report.rush.createdIds,
    ...report.availability.whileBooking.bookings.createdIds,
  );

  // 5. Overload: a server told to serve 32 requests at a time, hit by 256 clients.
  const overloaded = await startServer({ ...serverEnv, OVERLOAD_MAX_IN_FLIGHT: '32' });
  try {
    report.load.overload = loadAverage();
    log('Sobrecarga: 256 clientes contra un servidor limitado a 32 solicitudes en curso…');
    report.overload = await runLoad({
      kind: 'rush',
      url: overloaded.url,
      token: prepared.token,
      connections: 256,
      amount: Number(values['rush-requests']),
      hotShare: 1,
      // Other people than the first rush's (half of them at small scales, where clinics are small).
      hot: prepared.hot.map((unit) => ({
        ...unit,
        curps: unit.curps.slice(Math.min(500, Math.floor(unit.curps.length / 2))),
      })),
      uniform: [],
    });
    report.overload.maxInFlight = 32;
  } finally {
    rss.push(overloaded.maxRssMb());
    await overloaded.stop();
  }
  createdIds.push(...report.overload.createdIds);
}

// 6. The portal: journeys through the real pages, then a burst of sign-ins, from a separate process.
let burstStarted = new Date();
if (phases.has('journey') || phases.has('sign-in')) {
  const portal = await startPortalServer(serverEnv, profileArgs);
  try {
    if (phases.has('journey')) {
      report.load.journey = loadAverage();
      log(`Portal: ${journeyConcurrency} recorridos a la vez (entrar … Mis citas), ${journeySeconds} s…`);
      report.journey = await runJourneys(portal, prepared.journeyPeople, journeyConcurrency, journeySeconds);
      createdIds.push(...report.journey.createdIds);
    }
    if (phases.has('sign-in')) {
      report.load.signIn = loadAverage();
      burstStarted = new Date();
      log(`Códigos de acceso: ${signInsPerSecond} inicios de sesión por segundo, ${signInSeconds} s…`);
      report.signInCodes = await runSignInBurst(
        portal,
        prepared.signInPeople,
        signInsPerSecond,
        signInSeconds,
      );
    }
    rss.push(portal.server.maxRssMb());
  } finally {
    await portal.server.stop();
  }
  // Read once the server has let go of the database (PGlite is one process's).
  if (report.signInCodes)
    report.signInCodes.outboxWaitMs = await withDatabase(({ db }) => outboxWait(db, burstStarted));
}
report.serverRssMb = Math.max(0, ...rss);

report.verification = await withDatabase(({ db }) => verify(db, createdIds));
if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
printReport(report);
log(`Resultados: ${await writeReport(report)}`);
