// The honest ceiling: the booking statement's core (claim the slot, insert the appointment and its
// history event, as ceiling.ts sends it) run by pgbench — PostgreSQL's own C client, prepared
// statements, no Node — on the same database and the same kind of disjoint (person, slot) pairs.
// The pairs wait in a table (bench_pgbench_pairs); client c takes pairs c, c + clients, … in turn,
// so no two clients ever aim at the same slot. Bookings are counted from the rows they made.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { newFolio } from '../src/booking/folio.js';
import type { Db } from '../src/platform/db/connect.js';
import type { Booking } from './workload.js';

export interface PgbenchResult {
  clients: number;
  seconds: number;
  bookings: number;
  perSecond: number;
  /** pgbench's own figures: transactions per second (a pair past the end books nothing) and mean latency. */
  tps: number;
  latencyAverageMs: number;
  /** Set when pgbench could not run (not installed, or it failed): then every other figure is 0. */
  unavailable?: string;
}

// No colon: pgbench would read ':pgbench' inside the script as a variable.
const ACTOR = 'bench-pgbench';

const SCRIPT = `\\set k :client_id + :clients * :i
\\set i :i + 1
with pick as (
  select slot_id, curp, folio from bench_pgbench_pairs where n = :k
), claimed as (
  update slots set status = 'booked'
  from pick
  where slots.id = pick.slot_id and slots.status = 'free'
  returning slots.id, slots.unit_clues, slots.service_code, slots.starts_at, slots.ends_at, pick.curp, pick.folio
), appointment as (
  insert into appointments
    (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
  select c.folio, (select id from beneficiaries where curp = c.curp), c.id, c.service_code,
         c.unit_clues, c.starts_at, c.ends_at, 'agent', '${ACTOR}', '${ACTOR}'
  from claimed c
  returning id, slot_id
), event as (
  insert into appointment_events (appointment_id, action, actor, channel, to_slot_id)
  select id, 'booked', '${ACTOR}', 'agent', slot_id from appointment
)
select id from appointment;
`;

/** pgbench from PATH, or where Debian's PostgreSQL 15 puts it. */
async function pgbenchPath(): Promise<string | undefined> {
  for (const candidate of ['pgbench', '/usr/lib/postgresql/15/bin/pgbench']) {
    try {
      await promisify(execFile)(candidate, ['--version']);
      return candidate;
    } catch {}
  }
  return undefined;
}

const booked = async (db: Db) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from appointments where created_by = ${ACTOR}`.execute(db)
    ).rows[0]?.n ?? 0,
  );

/** Runs pgbench with `clients` connections for `seconds` over `bookings`; returns the ids it booked too. */
export async function runPgbenchCeiling(
  db: Db,
  url: string,
  bookings: readonly Booking[],
  clients: number,
  seconds: number,
): Promise<PgbenchResult & { createdIds: string[] }> {
  const none = (why: string) => ({
    clients,
    seconds: 0,
    bookings: 0,
    perSecond: 0,
    tps: 0,
    latencyAverageMs: 0,
    unavailable: why,
    createdIds: [],
  });
  const binary = await pgbenchPath();
  if (!binary) return none('pgbench is not installed');
  await sql`drop table if exists bench_pgbench_pairs`.execute(db);
  await sql`create unlogged table bench_pgbench_pairs (n int primary key, slot_id bigint not null, curp text not null, folio text not null)`.execute(
    db,
  );
  const dir = await mkdtemp(join(tmpdir(), 'citas-pgbench-'));
  try {
    for (let from = 0; from < bookings.length; from += 10_000) {
      const chunk = bookings.slice(from, from + 10_000);
      await sql`insert into bench_pgbench_pairs (n, slot_id, curp, folio)
        select * from unnest(${chunk.map((_, i) => from + i)}::int[], ${chunk.map((b) => b.slotId)}::bigint[],
                             ${chunk.map((b) => b.curp)}::text[], ${chunk.map(() => newFolio())}::text[])`.execute(
        db,
      );
    }
    await sql`analyze bench_pgbench_pairs`.execute(db);
    const script = join(dir, 'book.sql');
    await writeFile(script, SCRIPT);
    const before = await booked(db);
    const startedAt = new Date();
    const started = performance.now();
    const { stdout } = await promisify(execFile)(
      binary,
      [
        '--no-vacuum',
        '--protocol=prepared',
        `--client=${clients}`,
        `--jobs=${Math.min(clients, 2)}`,
        `--time=${seconds}`,
        '--define=i=0',
        `--define=clients=${clients}`,
        `--file=${script}`,
        url,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const elapsed = (performance.now() - started) / 1000;
    const made = (await booked(db)) - before;
    const ids = await sql<{ id: string }>`
      select id from appointments where created_by = ${ACTOR} and created_at >= ${startedAt}`.execute(db);
    const figure = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? 0);
    const ranSeconds = figure(/duration: (\d+) s/) || elapsed;
    return {
      clients,
      seconds: ranSeconds,
      bookings: made,
      perSecond: made / ranSeconds,
      tps: figure(/tps = ([\d.]+)/),
      latencyAverageMs: figure(/latency average = ([\d.]+) ms/),
      createdIds: ids.rows.map((r) => r.id),
    };
  } catch (error) {
    return none((error as Error).message.split('\n')[0] ?? 'pgbench failed');
  } finally {
    await sql`drop table if exists bench_pgbench_pairs`.execute(db);
    await rm(dir, { recursive: true, force: true });
  }
}
