import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { auditCli } from './audit.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('changes of access made from the command line', () => {
  it('are recorded with the operating-system account that ran them', async () => {
    await auditCli(database.db, 'token.create', { tokenId: 7, after: { role: 'auditor', unit: null } });
    const entry = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'actor_id', 'action', 'channel', 'result', 'detail'])
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_kind: 'system',
      action: 'token.create',
      channel: 'cli',
      result: 'ok',
    });
    expect(entry.actor_id).toMatch(/^cli:.+/);
    expect(entry.detail).toEqual({ tokenId: 7, after: { role: 'auditor', unit: null } });
  });
});
