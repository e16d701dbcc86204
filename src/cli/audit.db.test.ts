import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { recordAudit } from '../audit/record.js';
import { loadConfig } from '../config.js';
import { auditCli, auditHeadCommand, auditVerifyCommand, sealAndPublish } from './audit.js';

let database: TestDatabase;
let dir: string;
let config: ReturnType<typeof configWithHeads>;
const configWithHeads = (headFile: string | null) => ({ ...loadConfig({}), auditHeadFile: headFile });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citas-heads-'));
  config = configWithHeads(join(dir, 'audit-heads.log'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command the way `citas` does and returns its exit code and what it printed. */
async function run(command: (output: { out(t: string): void; err(t: string): void }) => Promise<number>) {
  const printed = { out: '', err: '' };
  const code = await command({ out: (t) => (printed.out += t), err: (t) => (printed.err += t) });
  return { code, ...printed };
}

/** Ten entries sealed by "the server" in rounds of two, each round's head published. */
async function aSealedTrail(db = database.db) {
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 2; i++)
      await recordAudit(db, {
        actor: { kind: 'staff', id: String(round) },
        action: 'beneficiary.read',
        subjectBeneficiaryId: 100 + i,
        channel: 'console',
        result: 'ok',
      });
    await sealAndPublish(db, config, null);
  }
  const seals = await db
    .selectFrom('audit_seals')
    .select(['chain_seq', 'audit_id'])
    .orderBy('chain_seq')
    .execute();
  return seals.slice(-10);
}

/** The owner of the database, with every append-only trigger off. */
async function asOwner(...statements: ReturnType<typeof sql>[]) {
  await sql`alter table audit_log disable trigger user`.execute(database.db);
  await sql`alter table audit_seals disable trigger user`.execute(database.db);
  for (const statement of statements) await statement.execute(database.db);
  await sql`alter table audit_log enable trigger user`.execute(database.db);
  await sql`alter table audit_seals enable trigger user`.execute(database.db);
}

const verify = (cfg: typeof config, head?: string) =>
  run((o) => auditVerifyCommand(database.db, cfg, head, o));

describe('citas audit verify', () => {
  it('says the trail holds, with the heads the server appended to its file, and exits 0', async () => {
    await aSealedTrail();
    const file = config.auditHeadFile as string;
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => /^\S+Z \d+:[0-9a-f]{64}$/.test(line))).toBe(true);
    const verdict = await verify(config);
    expect(verdict).toMatchObject({ code: 0, err: '' });
    expect(verdict.out).toMatch(/íntegra: \d+ entradas verificadas, 5 cabezas publicadas coinciden/);
    expect((await verify(configWithHeads(null), file)).out).toContain('5 cabezas publicadas coinciden');
  });
});

describe('changes of access made from the command line', () => {
  it('are recorded with the operating-system account that ran them, and sealed at once', async () => {
    await auditCli(database.db, config, 'token.create', {
      tokenId: 7,
      after: { role: 'auditor', unit: null },
    });
    const entry = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'actor_id', 'action', 'channel', 'result', 'detail'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_kind: 'system',
      action: 'token.create',
      channel: 'cli',
      result: 'ok',
    });
    expect(entry.actor_id).toMatch(/^cli:.+/);
    expect(entry.detail).toEqual({ tokenId: 7, after: { role: 'auditor', unit: null } });
    expect(await database.db.selectFrom('audit_pending').selectAll().execute()).toEqual([]);
  });
});

describe('citas audit head and verify --head', () => {
  it('prints the latest sequence and hash, which later proves nothing before it changed', async () => {
    const cfg = configWithHeads(null);
    await auditCli(database.db, cfg, 'token.create', { tokenId: 1 });
    const printed = await run((o) => auditHeadCommand(database.db, o));
    expect(printed.out).toMatch(/^\d+:[0-9a-f]{64}\n$/);
    const head = printed.out.trim();
    const seq = Number(head.split(':')[0]);
    await auditCli(database.db, cfg, 'token.revoke', { tokenId: 1 });
    expect((await verify(cfg, head)).code).toBe(0);
    // The tail cut from the head on, seals and entries: only the head copied elsewhere can tell.
    const cutFrom = await database.db
      .selectFrom('audit_seals')
      .select('audit_id')
      .where('chain_seq', '=', seq)
      .executeTakeFirstOrThrow();
    await asOwner(
      sql`delete from audit_seals where chain_seq >= ${seq}`,
      sql`delete from audit_log where id >= ${cutFrom.audit_id}`,
    );
    expect((await verify(cfg)).code).toBe(0);
    const cut = await verify(cfg, head);
    expect(cut.code).toBe(3);
    expect(cut.err).toContain('"reason":"head"');
  });
});

describe('the review’s attack', () => {
  it('seals cleared from the middle on and an entry edited: verify reports it and exits 3, sealing refuses', async () => {
    const seals = await aSealedTrail();
    expect((await verify(config)).code).toBe(0);
    const middle = seals[4];
    await asOwner(
      sql`delete from audit_seals where chain_seq >= ${middle?.chain_seq}`,
      sql`update audit_log set actor_id = 'nadie' where id = ${seals[6]?.audit_id}`,
    );
    const verdict = await verify(config);
    expect(verdict.code).toBe(3);
    expect(verdict.err).toContain('Bitácora ALTERADA');
    // Without the published heads it still sees entries left out of the chain.
    const blind = await verify(configWithHeads(null));
    expect(blind.code).toBe(3);
    expect(blind.err).toContain('"reason":"unsealed"');
    // Queued again for sealing, the server will not seal them: the head it published is gone.
    await sql`insert into audit_pending (id) select id from audit_log a
               where not exists (select 1 from audit_seals s where s.audit_id = a.id)
               on conflict do nothing`.execute(database.db);
    await expect(sealAndPublish(database.db, config, null)).rejects.toThrow(/tampered/);
    expect((await verify(config)).code).toBe(3);
  });
});
