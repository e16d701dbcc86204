// The bench's portal phases: whole journeys of beneficiaries through the real pages, and a burst of
// sign-ins timed to the SMS gateway. The server is the bench's (bench/server.ts) with the SMS
// worker `citas serve` runs, production defaults — the portal's rate limits on and counted as in
// production — and SMS handed over HTTP to the fake gateway the visitors' process runs. Every
// visitor is a distinct beneficiary with their own phone and their own address.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/connect.js';
import { freePort, type RunningServer, runChild, startServer } from '../processes.js';
import type { PortalResult, PortalScenario, Visitor } from './visitors.js';

/**
 * `count` holders of the seeded network, one per phone, eligible and without an open appointment,
 * outside `excludedUnits` (the rush's clinics; the API phases leave these people out too). Chosen
 * afresh for every run (`salt`): a database reused the same day still has its earlier visitors'
 * sign-in counts.
 */
export async function portalVisitors(
  db: Db,
  count: number,
  salt: string,
  excludedUnits: readonly string[],
): Promise<Visitor[]> {
  const rows = await sql<Visitor>`
    select curp, "birthDate", phone from (
      select distinct on (p.phone) p.curp, p.birth_date::text as "birthDate", p.phone
        from beneficiaries p
       where p.holder_id is null and p.phone is not null and p.eligible_until >= current_date + 40
         and p.unit_clues <> all(${[...excludedUnits]}::text[])
         and not exists (select 1 from appointments a where a.beneficiary_id = p.id and a.is_open)
       order by p.phone, p.id) x
     order by md5(curp || ${salt}) limit ${count}`.execute(db);
  return rows.rows;
}

export interface PortalServer {
  server: RunningServer;
  smsGatewayPort: number;
}

/** The server with production defaults and its SMS worker, SMS going to a gateway on a loopback port. */
export async function startPortalServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<PortalServer> {
  const smsGatewayPort = await freePort();
  const server = await startServer(
    {
      ...env,
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: `http://127.0.0.1:${smsGatewayPort}/sms`,
      SMS_HTTP_FROM: 'CITAS',
    },
    nodeArgs,
  );
  return { server, smsGatewayPort };
}

export type JourneyFigures = PortalResult & { concurrency: number; journeysPerSecond: number };

/** `concurrency` journeys at a time for `seconds`, from the visitors' process. */
export async function runJourneys(
  { server, smsGatewayPort }: PortalServer,
  people: Visitor[],
  concurrency: number,
  seconds: number,
): Promise<JourneyFigures> {
  const scenario: PortalScenario = {
    kind: 'journeys',
    url: server.url,
    smsGatewayPort,
    people,
    concurrency,
    seconds,
  };
  const result = await runChild<PortalResult>('./portal/visitors.js', scenario);
  return { ...result, concurrency, journeysPerSecond: (result.endings.booked ?? 0) / result.seconds };
}

export type SignInBurstFigures = PortalResult & {
  offeredPerSecond: number;
  /** Server side: from a code's queuing to its lease by the SMS worker (how far the worker is behind). */
  outboxWaitMs?: { count: number; p50: number; p99: number; max: number };
};

/** How long the sign-in codes queued since `since` waited in the outbox before the worker took them. */
export async function outboxWait(db: Db, since: Date): Promise<SignInBurstFigures['outboxWaitMs']> {
  const { rows } = await sql<{ count: number; p50: number; p99: number; max: number }>`
    select count(*)::int as count,
           coalesce(percentile_cont(0.5) within group (order by w), 0)::float8 as p50,
           coalesce(percentile_cont(0.99) within group (order by w), 0)::float8 as p99,
           coalesce(max(w), 0)::float8 as max
      from (select extract(epoch from sent_at - created_at) * 1000 as w from notifications
             where kind = 'otp' and status = 'sent' and created_at >= ${since}) x`.execute(db);
  const row = rows[0] ?? { count: 0, p50: 0, p99: 0, max: 0 };
  return { count: row.count, p50: Math.round(row.p50), p99: Math.round(row.p99), max: Math.round(row.max) };
}

/** A new sign-in every 1/`perSecond` s for `seconds`, each by another person from another address. */
export async function runSignInBurst(
  { server, smsGatewayPort }: PortalServer,
  people: Visitor[],
  perSecond: number,
  seconds: number,
): Promise<SignInBurstFigures> {
  const scenario: PortalScenario = {
    kind: 'sign-in-burst',
    url: server.url,
    smsGatewayPort,
    people,
    perSecond,
    seconds,
  };
  const result = await runChild<PortalResult>('./portal/visitors.js', scenario);
  return { ...result, offeredPerSecond: perSecond };
}
