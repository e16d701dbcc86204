// The load generator, in a process of its own so that it does not share the server's event loop:
// `node load.js scenario.json result.json`. Keep-alive connections (autocannon), every request
// body chosen from the scenario, every answer's latency and status recorded.
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Booking, RushUnit } from './workload.js';

export type Scenario =
  | { kind: 'book'; url: string; token: string; connections: number; seconds: number; bookings: Booking[] }
  | {
      kind: 'rush';
      url: string;
      token: string;
      connections: number;
      amount: number;
      hotShare: number;
      hot: RushUnit[];
      uniform: Booking[];
    }
  | {
      kind: 'availability';
      url: string;
      connections: number;
      paths: string[];
      /** A timed run, or (`amount`) a given number of requests: each path once. */
      seconds?: number;
      amount?: number;
    };

export interface LoadResult {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  timeouts: number;
  errors: number;
  createdIds: string[];
  /** 503 answers that carried Retry-After. */
  shedWithRetryAfter: number;
}

interface Context {
  pending?: Booking;
  retry?: Booking;
}

const [scenarioFile, resultFile] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile as string, 'utf8')) as Scenario;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const createdIds: string[] = [];
let shedWithRetryAfter = 0;

function bookingSource(): (context: Context) => Booking {
  if (scenario.kind === 'book') {
    let next = 0;
    return () => scenario.bookings[next++ % scenario.bookings.length] as Booking;
  }
  if (scenario.kind !== 'rush') throw new Error('not a booking scenario');
  const { hot, uniform, hotShare } = scenario;
  const nextPerson = hot.map(() => 0);
  let nextUniform = 0;
  let turn = 0;
  return () => {
    turn++;
    // A fixed pattern, not chance: every run of the same scenario sends the same mix.
    if ((turn * 7919) % 100 < hotShare * 100) {
      const u = turn % hot.length;
      const unit = hot[u] as RushUnit;
      const n = nextPerson[u] ?? 0;
      nextPerson[u] = n + 1;
      const person = unit.curps[n % unit.curps.length] as string;
      // Everybody wants the first slots of the morning: one of the three earliest known.
      const slotId = unit.slotIds[turn % Math.min(3, unit.slotIds.length)] ?? 0;
      return { curp: person, slotId };
    }
    return uniform[nextUniform++ % uniform.length] as Booking;
  };
}

function requests(): autocannon.Request[] {
  if (scenario.kind === 'availability') {
    let next = 0;
    return [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: scenario.paths[next++ % scenario.paths.length] as string,
        }),
      },
    ];
  }
  const pick = bookingSource();
  return [
    {
      method: 'POST',
      path: '/api/v1/appointments',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${scenario.token}` },
      setupRequest: (request, context: Context) => {
        const booking = context.retry ?? pick(context);
        context.retry = undefined;
        context.pending = booking;
        return { ...request, body: JSON.stringify({ ...booking, channel: 'agent' }) };
      },
      onResponse: (status, body, context: Context, headers?: Record<string, unknown>) => {
        if (status === 503 && headers?.['retry-after']) shedWithRetryAfter++;
        if (status === 201) createdIds.push((JSON.parse(body) as { id: string }).id);
        // Somebody was faster: like a person at the phone, take the first alternative offered.
        if (status === 409 && context.pending) {
          const problem = JSON.parse(body) as { code?: string; alternatives?: { slotId: number }[] };
          const alternative = problem.code === 'SLOT_TAKEN' ? problem.alternatives?.[0] : undefined;
          if (alternative) context.retry = { curp: context.pending.curp, slotId: alternative.slotId };
        }
      },
    },
  ];
}

const started = performance.now();
const summary = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: scenario.url,
      connections: scenario.connections,
      ...(scenario.kind === 'rush' || (scenario.kind === 'availability' && scenario.amount)
        ? { amount: scenario.amount }
        : { duration: scenario.seconds }),
      timeout: 10,
      requests: requests(),
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
});
const seconds = (performance.now() - started) / 1000;

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
const result: LoadResult = {
  requests: latencies.length,
  seconds,
  statuses,
  latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies[latencies.length - 1] ?? 0 },
  timeouts: summary.timeouts,
  errors: summary.errors,
  createdIds,
  shedWithRetryAfter,
};
writeFileSync(resultFile as string, JSON.stringify(result));
