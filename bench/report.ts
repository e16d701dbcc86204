// The benchmark's figures: a table on the terminal and a JSON file under bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, type as osType, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NationalSeedSummary } from '../src/seed/national/seed-national.js';
import type { CeilingResult } from './ceiling.js';
import { int, ms, phaseLoad } from './format.js';
import type { PgbenchResult } from './pgbench.js';
import type { JourneyFigures, SignInBurstFigures } from './portal/phases.js';
import { portalChecks, portalRatios, portalRows } from './portal/report.js';
import type { LoadFigures } from './processes.js';
import type { Verification } from './workload.js';

export interface AvailabilityFigures {
  /** Each (unit, service) once: every answer read from the database. */
  fromDatabase: LoadFigures;
  /** As production answers: remembered until a slot of the answer changes. */
  remembered: LoadFigures;
  /** The same reads while 16 clients book (each booking makes its unit and service read again). */
  whileBooking: { reads: LoadFigures; bookings: LoadFigures };
}

export interface BenchReport {
  startedAt: string;
  database: { kind: 'postgres' | 'pglite'; version?: string };
  scale: number;
  seeding?: NationalSeedSummary & { seconds: number };
  data: { beneficiaries: number; slots: number };
  /** The daily horizon roll (one set-based statement per unit) over the whole seeded network. */
  horizonRoll?: { seconds: number; units: number; created: number };
  ceiling: CeilingResult;
  /** The same statement from pgbench (PostgreSQL only). */
  pgbench?: PgbenchResult & { createdIds: string[] };
  /** The machine's load averages (1, 5, 15 min) as each phase started. */
  load: Record<string, number[]>;
  /** The API phases (absent when `--only` leaves them out). */
  fullStack?: LoadFigures;
  rush?: LoadFigures;
  overload?: LoadFigures;
  availability?: AvailabilityFigures;
  journey?: JourneyFigures;
  signInCodes?: SignInBurstFigures;
  /** The largest of the phases' servers. */
  serverRssMb: number;
  verification: Verification;
}

const TARGETS = {
  ratioToPgbench: 0.6,
  bookingP99Ms: 100,
  availabilityPerSecond: 2000,
  availabilityP99Ms: 20,
  serverRssMb: 300,
};

const fiveHundreds = (figures: LoadFigures, allowed: string[] = []) =>
  Object.entries(figures.statuses)
    .filter(([status]) => status.startsWith('5') && !allowed.includes(status))
    .reduce((sum, [, n]) => sum + n, 0) + figures.timeouts;

function apiChecks({ fullStack, rush, overload, availability }: BenchReport, ratioToPgbench?: number) {
  if (!fullStack || !rush || !overload || !availability) return {};
  return {
    ...(ratioToPgbench === undefined
      ? {}
      : { 'full stack ≥ 60 % of the pgbench ceiling': ratioToPgbench >= TARGETS.ratioToPgbench }),
    'booking p99 ≤ 100 ms (uniform)': fullStack.latencyMs.p99 <= TARGETS.bookingP99Ms,
    'booking p99 ≤ 100 ms (rush)': rush.latencyMs.p99 <= TARGETS.bookingP99Ms,
    'availability ≥ 2,000 req/s': availability.remembered.requestsPerSecond >= TARGETS.availabilityPerSecond,
    'availability p99 ≤ 20 ms': availability.remembered.latencyMs.p99 <= TARGETS.availabilityP99Ms,
    'no 5xx or time-out (uniform, rush)': fiveHundreds(fullStack) + fiveHundreds(rush) === 0,
    'no 5xx or time-out (availability)':
      fiveHundreds(availability.remembered) + fiveHundreds(availability.whileBooking.reads) === 0,
    'overload: only 503 + Retry-After, no time-out': fiveHundreds(overload, ['503']) === 0,
  };
}

function judged(report: BenchReport) {
  const created = report.fullStack?.createdPerSecond;
  const ratio = created === undefined ? undefined : created / report.ceiling.perSecond;
  const pgbench = report.pgbench?.perSecond ? report.pgbench.perSecond : undefined;
  const ratioToPgbench = pgbench && created !== undefined ? created / pgbench : undefined;
  return {
    ratio,
    ratioToPgbench,
    checks: {
      ...apiChecks(report, ratioToPgbench),
      ...portalChecks(report),
      'server RSS ≤ 300 MB': report.serverRssMb <= TARGETS.serverRssMb,
      'invariants hold': Object.values(report.verification).every((n) => n === 0),
    },
  };
}

const statuses = (f: LoadFigures) =>
  Object.entries(f.statuses)
    .map(([status, n]) => `${status}×${int(n)}`)
    .join(' ');

const reads = (f: LoadFigures) =>
  `${int(f.requestsPerSecond)} req/s · p50 ${ms(f.latencyMs.p50)} · p99 ${ms(f.latencyMs.p99)}`;
function apiRows(report: BenchReport, ratio?: number, ratioToPgbench?: number): [string, string][] {
  const { fullStack, rush, overload, availability } = report;
  if (!fullStack || !rush || !overload || !availability || ratio === undefined) return [];
  const load = (phase: string) => phaseLoad(report.load, phase);
  return [
    [
      'full stack (HTTP, 64 clients)',
      `${int(fullStack.createdPerSecond)} bookings/s · p50 ${ms(fullStack.latencyMs.p50)} · p95 ${ms(fullStack.latencyMs.p95)} · p99 ${ms(fullStack.latencyMs.p99)} · ${load('fullStack')}`,
    ],
    ...(ratioToPgbench === undefined
      ? []
      : [['full stack / pgbench ceiling', `${(ratioToPgbench * 100).toFixed(0)} %`] as [string, string]]),
    ['full stack / Node ceiling', `${(ratio * 100).toFixed(0)} %`],
    ['  statuses', `${statuses(fullStack)} · time-outs ${fullStack.timeouts}`],
    [
      'rush (90 % at 20 clinics)',
      `${int(rush.requestsPerSecond)} req/s · ${int(rush.created)} booked · p50 ${ms(rush.latencyMs.p50)} · p99 ${ms(rush.latencyMs.p99)} · ${load('rush')}`,
    ],
    ['  statuses', `${statuses(rush)} · time-outs ${rush.timeouts}`],
    [
      `overload (256 clients, limit ${overload.maxInFlight})`,
      `${int(overload.requestsPerSecond)} req/s · p50 ${ms(overload.latencyMs.p50)} · p99 ${ms(overload.latencyMs.p99)} · 503 with Retry-After ${int(overload.shedWithRetryAfter)} · ${load('overload')}`,
    ],
    ['  statuses', `${statuses(overload)} · time-outs ${overload.timeouts}`],
    [
      'availability from the database (each once)',
      `${reads(availability.fromDatabase)} · ${load('availabilityFromDatabase')}`,
    ],
    [
      'availability (16 clients)',
      `${reads(availability.remembered)} · ${(availability.remembered.requestsPerSecond / availability.fromDatabase.requestsPerSecond).toFixed(1)}× from the database · ${load('availability')}`,
    ],
    [
      'availability while 16 clients book',
      `${reads(availability.whileBooking.reads)} · ${int(availability.whileBooking.bookings.createdPerSecond)} bookings/s · ${load('availabilityWhileBooking')}`,
    ],
  ];
}

export function printReport(report: BenchReport) {
  const { ratio, ratioToPgbench, checks } = judged(report);
  const load = (phase: string) => phaseLoad(report.load, phase);
  const rows: [string, string][] = [
    ['database', `${report.database.kind} — ${report.database.version?.split(' on ')[0] ?? ''}`],
    [
      'scale',
      `${report.scale} (${int(report.data.beneficiaries)} beneficiaries, ${int(report.data.slots)} slots)`,
    ],
    ...(report.seeding ? [['seeding', `${report.seeding.seconds.toFixed(0)} s`] as [string, string]] : []),
    ...(report.horizonRoll
      ? [
          [
            'horizon roll (next day)',
            `${report.horizonRoll.seconds.toFixed(1)} s · ${int(report.horizonRoll.units)} units · ${int(report.horizonRoll.created)} slots created`,
          ] as [string, string],
        ]
      : []),
    [
      'ceiling (SQL from Node)',
      `${int(report.ceiling.perSecond)} bookings/s over ${report.ceiling.connections} connections · ${load('ceiling')}`,
    ],
    ['  failed statements', JSON.stringify(report.ceiling.failures)],
    ...(report.pgbench
      ? [
          [
            'ceiling (pgbench)',
            report.pgbench.unavailable
              ? `not measured: ${report.pgbench.unavailable}`
              : `${int(report.pgbench.perSecond)} bookings/s over ${report.pgbench.clients} clients · mean ${ms(report.pgbench.latencyAverageMs)} · ${load('pgbench')}`,
          ] as [string, string],
        ]
      : []),
    ...apiRows(report, ratio, ratioToPgbench),
    ...portalRows(report),
    ['server RSS (max)', `${report.serverRssMb} MB`],
    ...Object.entries(report.verification).map(
      ([name, n]) => [`invariant: ${name}`, String(n)] as [string, string],
    ),
    ...Object.entries(checks).map(
      ([name, ok]) => [`target: ${name}`, ok ? 'met' : 'MISSED'] as [string, string],
    ),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(`\n${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n\n`);
}

/** Writes the figures (without the per-booking ids) and returns the file's path. */
export async function writeReport(report: BenchReport): Promise<string> {
  const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const cpu = cpus();
  const { ratio, ratioToPgbench, checks } = judged(report);
  const strip = (f: LoadFigures) => ({ ...f, createdIds: undefined });
  const portal = portalRatios(report);
  const document = {
    ...report,
    machine: {
      cpus: cpu.length,
      model: cpu[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${osType()} ${release()}`,
      node: process.version,
    },
    ceiling: { ...report.ceiling, createdIds: undefined },
    pgbench: report.pgbench && { ...report.pgbench, createdIds: undefined },
    fullStack: report.fullStack && strip(report.fullStack),
    rush: report.rush && strip(report.rush),
    overload: report.overload && strip(report.overload),
    availability: report.availability && {
      fromDatabase: strip(report.availability.fromDatabase),
      remembered: strip(report.availability.remembered),
      whileBooking: {
        reads: strip(report.availability.whileBooking.reads),
        bookings: strip(report.availability.whileBooking.bookings),
      },
    },
    journey: report.journey && { ...report.journey, createdIds: undefined },
    ratioFullStackToCeiling: ratio,
    ratioFullStackToPgbench: ratioToPgbench,
    ...portal,
    targets: checks,
  };
  const file = `${dir}${report.startedAt.replace(/[:.]/g, '-')}-${report.database.kind}-scale-${report.scale}.json`;
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
