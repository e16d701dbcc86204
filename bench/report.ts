// The benchmark's figures: a table on the terminal and a JSON file under bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, type as osType, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NationalSeedSummary } from '../src/seed/national/seed-national.js';
import type { CeilingResult } from './ceiling.js';
import type { PgbenchResult } from './pgbench.js';
import type { LoadFigures } from './processes.js';
import type { Verification } from './workload.js';

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
  fullStack: LoadFigures;
  rush: LoadFigures;
  overload: LoadFigures;
  /** Each (unit, service) once: every answer read from the database. */
  availabilityFromDatabase: LoadFigures;
  /** As production answers: remembered until a slot of the answer changes. */
  availability: LoadFigures;
  /** The same reads while 16 clients book (each booking makes its unit and service read again). */
  availabilityWhileBooking: { reads: LoadFigures; bookings: LoadFigures };
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

function judged(report: BenchReport) {
  const ratio = report.fullStack.createdPerSecond / report.ceiling.perSecond;
  const pgbench = report.pgbench?.perSecond ? report.pgbench.perSecond : undefined;
  const ratioToPgbench = pgbench ? report.fullStack.createdPerSecond / pgbench : undefined;
  const fiveHundreds = (figures: LoadFigures, allowed: string[] = []) =>
    Object.entries(figures.statuses)
      .filter(([status]) => status.startsWith('5') && !allowed.includes(status))
      .reduce((sum, [, n]) => sum + n, 0) + figures.timeouts;
  return {
    ratio,
    ratioToPgbench,
    checks: {
      ...(ratioToPgbench === undefined
        ? {}
        : { 'full stack ≥ 60 % of the pgbench ceiling': ratioToPgbench >= TARGETS.ratioToPgbench }),
      'booking p99 ≤ 100 ms (uniform)': report.fullStack.latencyMs.p99 <= TARGETS.bookingP99Ms,
      'booking p99 ≤ 100 ms (rush)': report.rush.latencyMs.p99 <= TARGETS.bookingP99Ms,
      'availability ≥ 2,000 req/s': report.availability.requestsPerSecond >= TARGETS.availabilityPerSecond,
      'availability p99 ≤ 20 ms': report.availability.latencyMs.p99 <= TARGETS.availabilityP99Ms,
      'no 5xx or time-out (availability)':
        fiveHundreds(report.availability) + fiveHundreds(report.availabilityWhileBooking.reads) === 0,
      'server RSS ≤ 300 MB': report.serverRssMb <= TARGETS.serverRssMb,
      'no 5xx or time-out (uniform, rush)': fiveHundreds(report.fullStack) + fiveHundreds(report.rush) === 0,
      'overload: only 503 + Retry-After, no time-out': fiveHundreds(report.overload, ['503']) === 0,
      'invariants hold': Object.values(report.verification).every((n) => n === 0),
    },
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const statuses = (f: LoadFigures) =>
  Object.entries(f.statuses)
    .map(([status, n]) => `${status}×${int(n)}`)
    .join(' ');

const reads = (f: LoadFigures) =>
  `${int(f.requestsPerSecond)} req/s · p50 ${ms(f.latencyMs.p50)} · p99 ${ms(f.latencyMs.p99)}`;

export function printReport(report: BenchReport) {
  const { ratio, ratioToPgbench, checks } = judged(report);
  const load = (phase: string) => `load ${(report.load[phase] ?? []).join(' / ')}`;
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
    [
      'full stack (HTTP, 64 clients)',
      `${int(report.fullStack.createdPerSecond)} bookings/s · p50 ${ms(report.fullStack.latencyMs.p50)} · p95 ${ms(report.fullStack.latencyMs.p95)} · p99 ${ms(report.fullStack.latencyMs.p99)} · ${load('fullStack')}`,
    ],
    ...(ratioToPgbench === undefined
      ? []
      : [['full stack / pgbench ceiling', `${(ratioToPgbench * 100).toFixed(0)} %`] as [string, string]]),
    ['full stack / Node ceiling', `${(ratio * 100).toFixed(0)} %`],
    ['  statuses', `${statuses(report.fullStack)} · time-outs ${report.fullStack.timeouts}`],
    [
      'rush (90 % at 20 clinics)',
      `${int(report.rush.requestsPerSecond)} req/s · ${int(report.rush.created)} booked · p50 ${ms(report.rush.latencyMs.p50)} · p99 ${ms(report.rush.latencyMs.p99)} · ${load('rush')}`,
    ],
    ['  statuses', `${statuses(report.rush)} · time-outs ${report.rush.timeouts}`],
    [
      `overload (256 clients, limit ${report.overload.maxInFlight})`,
      `${int(report.overload.requestsPerSecond)} req/s · p50 ${ms(report.overload.latencyMs.p50)} · p99 ${ms(report.overload.latencyMs.p99)} · 503 with Retry-After ${int(report.overload.shedWithRetryAfter)} · ${load('overload')}`,
    ],
    ['  statuses', `${statuses(report.overload)} · time-outs ${report.overload.timeouts}`],
    [
      'availability from the database (each once)',
      `${reads(report.availabilityFromDatabase)} · ${load('availabilityFromDatabase')}`,
    ],
    [
      'availability (16 clients)',
      `${reads(report.availability)} · ${(report.availability.requestsPerSecond / report.availabilityFromDatabase.requestsPerSecond).toFixed(1)}× from the database · ${load('availability')}`,
    ],
    [
      'availability while 16 clients book',
      `${reads(report.availabilityWhileBooking.reads)} · ${int(report.availabilityWhileBooking.bookings.createdPerSecond)} bookings/s · ${load('availabilityWhileBooking')}`,
    ],
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
    fullStack: strip(report.fullStack),
    rush: strip(report.rush),
    overload: strip(report.overload),
    availabilityFromDatabase: strip(report.availabilityFromDatabase),
    availability: strip(report.availability),
    availabilityWhileBooking: {
      reads: strip(report.availabilityWhileBooking.reads),
      bookings: strip(report.availabilityWhileBooking.bookings),
    },
    ratioFullStackToCeiling: ratio,
    ratioFullStackToPgbench: ratioToPgbench,
    targets: checks,
  };
  const file = `${dir}${report.startedAt.replace(/[:.]/g, '-')}-${report.database.kind}-scale-${report.scale}.json`;
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
