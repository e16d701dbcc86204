// `npm run simulate:morning [-- --units N --demand F --modes race,queue,allocate …]`: the national
// morning, simulated. For each mode, a fresh PostgreSQL database (created here, dropped after), the
// same synthetic opening at many units, the server in its own process with production defaults
// (rate limits on), and the crowd in another: people, scripts and callers. Prints the fairness and
// speed figures; writes them as JSON and an SVG chart under bench/results/.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { freePort, runChild, startServer } from '../processes.js';
import { verify } from '../workload.js';
import { winnersChart } from './chart.js';
import type { CrowdResult, CrowdScenario } from './crowd.js';
import { chartRows, fairness, responsiveness, tally } from './fairness.js';
import { prepareRelease, unavailable } from './modes.js';
import { MODES, type Mode, type MorningShape } from './plan.js';
import { loadMorning } from './population.js';
import { type ModeFigures, printMorning, writeMorning } from './report.js';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '4' },
    demand: { type: 'string', default: '10' },
    'script-share': { type: 'string', default: '0.05' },
    'phone-share': { type: 'string', default: '0.15' },
    'pre-window': { type: 'string', default: '60' },
    after: { type: 'string', default: '20' },
    tail: { type: 'string', default: '50' },
    'early-share': { type: 'string', default: '0.6' },
    'script-browsers': { type: 'string', default: '3' },
    'script-poll-ms': { type: 'string', default: '200' },
    seed: { type: 'string', default: '2026' },
    modes: { type: 'string', default: MODES.join(',') },
  },
});

const shape: MorningShape = {
  units: Number(values.units),
  demand: Number(values.demand),
  scriptShare: Number(values['script-share']),
  phoneShare: Number(values['phone-share']),
  preWindowSeconds: Number(values['pre-window']),
  afterSeconds: Number(values.after),
  earlyShare: Number(values['early-share']),
  scriptSessions: Number(values['script-browsers']),
  scriptPollMs: Number(values['script-poll-ms']),
  seed: Number(values.seed),
};
const modes = (values.modes as string)
  .split(',')
  .filter((m): m is Mode => (MODES as readonly string[]).includes(m));
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** After the late arrivals stop, journeys under way (and the waiting room's line) may still finish. */
const tailSeconds = Number(values.tail);
const PHONE_ORIGIN = 'https://citas.example.mx';
const TWILIO_TOKEN = 'simulated-morning-twilio-token';
const log = (text: string) => process.stderr.write(`${text}\n`);

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const runCrowd = (scenario: CrowdScenario) => runChild<CrowdResult>('./morning/crowd.js', scenario);

async function simulate(mode: Mode): Promise<{ figures: ModeFigures; rows: ReturnType<typeof chartRows> }> {
  const name = `citas_morning_${process.pid}_${mode}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target = { kind: 'postgres' as const, url: url.toString(), poolSize: 4 };
  await admin(`create database ${name}`);
  try {
    const database = await openDatabase(target);
    const morning = await (async () => {
      try {
        await migrate(database);
        const missing = await unavailable(database.db, mode);
        return missing ?? (await loadMorning(database.db, shape, new Date()));
      } finally {
        await database.close();
      }
    })();
    if (typeof morning === 'string') return { figures: { mode, available: false, note: morning }, rows: [] };

    const smsGatewayPort = await freePort();
    const server = await startServer(
      {
        DATABASE_URL: target.url,
        // SMS go to the crowd's fake gateway (phone-inbox.ts), where people read their codes.
        SMS_ADAPTER: 'http',
        SMS_HTTP_URL: `http://127.0.0.1:${smsGatewayPort}/sms`,
        SMS_HTTP_FROM: 'CITAS',
        PORT: String(await freePort()),
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        PHONE_PUBLIC_URL: PHONE_ORIGIN,
        // The waiting page reloads itself every 20 s in production; the morning is compressed.
        WAITING_ROOM_REFRESH_SECONDS: '5',
      },
      [],
      fileURLToPath(new URL('./server.js', import.meta.url)),
    );
    const releaseAt = Date.now() + 3000 + shape.preWindowSeconds * 1000;
    const endAt = releaseAt + (shape.afterSeconds + tailSeconds) * 1000;
    const started = performance.now();
    let crowd: CrowdResult;
    let rssMb: number;
    try {
      const opening = await openDatabase(target);
      await prepareRelease(opening.db, mode, {
        releaseAt: new Date(releaseAt),
        preWindowSeconds: shape.preWindowSeconds,
      }).finally(() => opening.close());
      const counts = tally(morning.participants, (p) => p.kind);
      log(
        `${mode}: ${morning.participants.length} participantes (${JSON.stringify(counts)}) por ${morning.released.web + morning.released.phone} horarios web+teléfono en ${shape.units} unidades; apertura en ${Math.round((releaseAt - Date.now()) / 1000)} s…`,
      );
      crowd = await runCrowd({
        mode,
        url: server.url,
        phoneOrigin: PHONE_ORIGIN,
        twilioToken: TWILIO_TOKEN,
        smsGatewayPort,
        releaseAt,
        endAt,
        day: morning.day,
        shape,
        participants: morning.participants,
      });
      rssMb = server.maxRssMb();
    } finally {
      await server.stop();
    }
    const seconds = (performance.now() - started) / 1000;

    const after = await openDatabase(target);
    try {
      const booked = await after.db
        .selectFrom('appointments')
        .select(['beneficiary_id', 'channel'])
        .where('status', '=', 'booked')
        .execute();
      const winners = new Set(booked.map((b) => Number(b.beneficiary_id)));
      const bookedBy = tally(booked, (b) => b.channel);
      const results = tally(crowd.outcomes, (o) => `${o.kind} ${o.result}`);
      const { createdAnswersWithoutAppointment: _, ...invariants } = await verify(after.db, []);
      return {
        figures: {
          mode,
          available: true,
          seconds,
          released: morning.released,
          booked: bookedBy,
          ...fairness(crowd.outcomes, winners),
          ...responsiveness(crowd),
          results,
          notes: tally(
            crowd.outcomes.filter((o) => o.note),
            (o) => `${o.kind}: ${o.note}`,
          ),
          requests: crowd.requests,
          codeDelayMs: crowd.codeDelayMs,
          serverRssMb: rssMb,
          invariants,
        },
        rows: chartRows(mode, crowd.outcomes, winners),
      };
    } finally {
      await after.close();
    }
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

const startedAt = new Date().toISOString();
const loadBefore = loadavg();
const figures: ModeFigures[] = [];
const rows: ReturnType<typeof chartRows> = [];
for (const mode of modes) {
  const simulated = await simulate(mode);
  figures.push(simulated.figures);
  rows.push(...simulated.rows);
  if (!simulated.figures.available) log(`${mode}: ${simulated.figures.note}`);
}
const svg = await winnersChart(rows, modes, 5);
const report = { startedAt, shape, loadAverage: { before: loadBefore, after: loadavg() }, modes: figures };
printMorning(report);
log(`Resultados: ${await writeMorning(report, svg)}`);
