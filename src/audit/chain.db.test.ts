import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { AuditTamperedError, chainHead, GENESIS, sealAuditLog, verifyAuditLog } from './chain.js';
import { recordAudit } from './record.js';

const KEY = 'k'.repeat(40);
let database: TestDatabase;
const anEntry = (subject: number) =>
  recordAudit(database.db, {
    actor: { kind: 'staff', id: '7' },
    action: 'beneficiary.read',
    subjectBeneficiaryId: subject,
    channel: 'console',
    sourceIp: '10.1.2.3',
    result: 'ok',
    detail: { b: 2, a: [1, { z: 1, y: 2 }] },
  });

/** What the database's owner can do: switch the append-only triggers off, act, switch them on. */
const asOwner = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_log disable trigger user`.execute(database.db);
  await sql`alter table audit_seals disable trigger user`.execute(database.db);
  try {
    await statement.execute(database.db);
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(database.db);
    await sql`alter table audit_seals enable trigger user`.execute(database.db);
  }
};

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 5; i++) await anEntry(100 + i);
});
afterAll(() => database.drop());

describe('the audit chain', () => {
  it('seals queued entries into an HMAC chain that verifies with the key, and only with it', async () => {
    expect(await sealAuditLog(database.db, KEY)).toMatchObject({ sealed: 5, head: { seq: 5 } });
    await anEntry(200);
    expect(await verifyAuditLog(database.db, KEY)).toMatchObject({ ok: true, checked: 5, pending: 1 });
    expect(await sealAuditLog(database.db, KEY)).toMatchObject({ sealed: 1, head: { seq: 6 } });
    expect(await verifyAuditLog(database.db, KEY)).toMatchObject({ ok: true, checked: 6, pending: 0 });
    expect(await verifyAuditLog(database.db, 'another key of forty characters.........')).toMatchObject({
      ok: false,
      brokenAt: { reason: 'hash', chainSeq: 1 },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and seals through SQL', async () => {
    for (const statement of [
      sql`update audit_log set action = 'nothing' where id = 1`,
      sql`delete from audit_log where id = 1`,
      sql`truncate audit_log`,
      sql`update audit_seals set hash = ${GENESIS} where chain_seq = 1`,
      sql`delete from audit_seals where chain_seq = 6`,
      sql`truncate audit_seals`,
    ])
      await expect(statement.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('never seals again an entry whose seal was removed, nor one queued again', async () => {
    const head = await chainHead(database.db);
    expect(head).toMatchObject({ seq: 6 });
    await asOwner(sql`delete from audit_seals where chain_seq >= 5`);
    // Not queued again, the two entries are left out of the chain: verify says so.
    expect(await verifyAuditLog(database.db, KEY)).toMatchObject({
      ok: false,
      brokenAt: { reason: 'unsealed' },
    });
    // Queued again, the sealer that published the head refuses to seal over the cut.
    await sql`insert into audit_pending (id)
              select id from audit_log where id not in (select audit_id from audit_seals)`.execute(
      database.db,
    );
    await expect(sealAuditLog(database.db, KEY, { knownHead: head })).rejects.toThrow(AuditTamperedError);
    expect(await verifyAuditLog(database.db, KEY, { heads: head ? [head] : [] })).toMatchObject({
      ok: false,
      brokenAt: { reason: 'head', chainSeq: 6 },
    });
  });

  it('points at an entry its owner changed and resealed without the key', async () => {
    const [row] = (
      await sql<{ id: number }>`select id from audit_log order by id offset 1 limit 1`.execute(database.db)
    ).rows;
    await asOwner(sql`update audit_log set subject_beneficiary_id = 999 where id = ${row?.id}`);
    // Without the key, any hash the owner writes is a guess.
    await asOwner(sql`update audit_seals set hash = ${'f'.repeat(64)} where chain_seq = 2`);
    expect(await verifyAuditLog(database.db, KEY)).toMatchObject({
      ok: false,
      checked: 1,
      brokenAt: { chainSeq: 2, reason: 'hash' },
    });
  });
});
