import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { recordAudit, sealAuditLog, verifyAuditLog } from './audit.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 5; i++) {
    await recordAudit(database.db, {
      actor: { kind: 'staff', id: `7` },
      action: 'beneficiary.read',
      subjectBeneficiaryId: 100 + i,
      channel: 'console',
      sourceIp: '10.1.2.3',
      result: 'ok',
      detail: { b: 2, a: [1, { z: 1, y: 2 }] },
    });
  }
});
afterAll(() => database.drop());

describe('the audit trail', () => {
  it('seals entries into a hash chain that verifies', async () => {
    expect(await sealAuditLog(database.db)).toBe(5);
    await recordAudit(database.db, {
      actor: { kind: 'system', id: 'test' },
      action: 'late',
      channel: 'system',
      result: 'ok',
    });
    expect(await sealAuditLog(database.db)).toBe(1);
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, checked: 6 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through SQL', async () => {
    await expect(
      sql`update audit_log set action = 'nothing' where id = 1`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set hash = 'x' where id = 1`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects a row changed by someone who disabled the guard', async () => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db);
    await sql`update audit_log set subject_beneficiary_id = 999 where id = 3`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(database.db);
    expect(await verifyAuditLog(database.db)).toMatchObject({
      ok: false,
      checked: 2,
      brokenAt: { chainSeq: 3, reason: 'hash' },
    });
  });
});
