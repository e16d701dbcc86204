// Abuse case 15: the audit trail. Entries written by real operations cannot be updated, deleted or
// truncated through SQL; someone who switches the guard off (an owner of the table) still cannot
// change, remove or reorder an entry without `citas audit verify` (verifyAuditLog) pointing at it.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sealAuditLog, verifyAuditLog } from '../../src/audit/chain.js';
import { loadConfig } from '../../src/config.js';
import { freeSlots } from '../support/factories.js';
import { aWorld } from './world.js';

const world = aWorld();
const KEY = loadConfig({}).secrets.auditChainKey;

/** A sealed trail of real operations: a booking, a refusal and a staff read. */
async function aSealedTrail() {
  const person = await world.aPerson(world.clinicA);
  await world.anAppointment(person, world.clinicA);
  const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone' });
  await world.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: world.staff.agent,
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });
  await world.app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers: world.staff.agent });
  await sealAuditLog(world.database.db, KEY);
  const entries = await world.database.db
    .selectFrom('audit_log as a')
    .innerJoin('audit_seals as s', 's.audit_id', 'a.id')
    .select(['a.id', 's.chain_seq'])
    .where('a.subject_beneficiary_id', '=', person.id)
    .orderBy('s.chain_seq')
    .execute();
  expect(entries.length).toBeGreaterThanOrEqual(3);
  expect(await verifyAuditLog(world.database.db, KEY)).toMatchObject({ ok: true });
  return entries;
}

/** What an owner of the table can do: switch the append-only triggers off, act, switch them on. */
const withGuardOff = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_log disable trigger user`.execute(world.database.db);
  try {
    await statement.execute(world.database.db);
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(world.database.db);
  }
};

describe('entries of the audit trail', () => {
  it.each([
    ['updating who acted', (id: number) => sql`update audit_log set actor_id = 'nadie' where id = ${id}`],
    ['deleting one', (id: number) => sql`delete from audit_log where id = ${id}`],
    ['deleting them all', () => sql`delete from audit_log`],
    ['truncating the table', () => sql`truncate audit_log`],
  ])('refuse %s through SQL, and stay as they were', async (_name, statement) => {
    const [entry] = await aSealedTrail();
    const before = await world.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    await expect(statement(entry?.id as number).execute(world.database.db)).rejects.toThrow(/append-only/);
    expect(await world.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(
      before,
    );
  });
});

describe('citas audit verify', () => {
  it('points at an entry changed with the guard switched off', async () => {
    const [, entry] = await aSealedTrail();
    const original = await world.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('id', '=', entry?.id as number)
      .executeTakeFirstOrThrow();
    await withGuardOff(sql`update audit_log set actor_id = 'otro' where id = ${entry?.id}`);
    expect(await verifyAuditLog(world.database.db, KEY)).toMatchObject({
      ok: false,
      brokenAt: { id: entry?.id, reason: 'hash' },
    });
    await withGuardOff(sql`update audit_log set actor_id = ${original.actor_id} where id = ${entry?.id}`);
    expect(await verifyAuditLog(world.database.db, KEY)).toMatchObject({ ok: true });
  });

  it('points at the seal of an entry deleted from the middle', async () => {
    const [, entry] = await aSealedTrail();
    await withGuardOff(sql`delete from audit_log where id = ${entry?.id}`);
    expect(await verifyAuditLog(world.database.db, KEY)).toMatchObject({
      ok: false,
      brokenAt: { chainSeq: entry?.chain_seq, reason: 'missing' },
    });
  });
});
