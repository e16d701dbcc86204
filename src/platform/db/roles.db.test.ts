// Production runs the application as a role that does not own the schema: whatever it is tricked
// into running, it cannot switch the audit trail's guards off, rewrite it, delete it or empty it.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../../test/support/app.js';
import { testDatabaseKind, throughTransactionPooler } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots } from '../../../test/support/factories.js';
import { sealAuditLog, verifyAuditLog } from '../../audit/chain.js';
import { recordAudit } from '../../audit/record.js';
import { openMigratedDatabase } from '../../cli/open.js';
import { loadConfig } from '../../config.js';
import type { Database } from './connect.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? '';
const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const owner = `citas_owner_${suffix}`;
const appRole = `citas_app_${suffix}`;
const name = `citas_roles_${suffix}`;
const urlAs = (role: string) => {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = '';
  url.pathname = `/${name}`;
  return url.toString();
};
const KEY = loadConfig({}).secrets.auditChainKey;

async function admin(...statements: string[]) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

let app: Database;
// Signs in as roles it creates: a pooler knows only the roles in its auth file.
describe.skipIf(testDatabaseKind() !== 'postgres' || throughTransactionPooler())(
  'the application role',
  () => {
    beforeAll(async () => {
      await admin(
        `create role ${owner} login`,
        `create role ${appRole} login`,
        `create database ${name} owner ${owner}`,
        `revoke all on database ${name} from public`,
        `grant connect on database ${name} to ${appRole}`,
      );
      const config = loadConfig({ DATABASE_URL: urlAs(appRole), MIGRATION_DATABASE_URL: urlAs(owner) });
      app = await openMigratedDatabase(config);
    });
    afterAll(async () => {
      await app?.close();
      await admin(
        `drop database if exists ${name} with (force)`,
        `drop role if exists ${appRole}`,
        `drop role if exists ${owner}`,
      );
    });

    it('cannot switch the audit triggers off, update, delete or truncate the trail or its seals', async () => {
      await recordAudit(app.db, {
        actor: { kind: 'system', id: 't' },
        action: 'x',
        channel: 'cli',
        result: 'ok',
      });
      await sealAuditLog(app.db, KEY);
      for (const statement of [
        sql`alter table audit_log disable trigger user`,
        sql`alter table audit_seals disable trigger audit_seals_no_update`,
        sql`drop trigger audit_log_no_update on audit_log`,
        sql`update audit_log set actor_id = 'nadie'`,
        sql`delete from audit_log`,
        sql`truncate audit_log`,
        sql`update audit_seals set hash = hash`,
        sql`delete from audit_seals`,
        sql`truncate audit_seals`,
        sql`alter table audit_log drop column detail`,
        sql`drop table audit_pending`,
      ])
        await expect(statement.execute(app.db), statement.compile(app.db).sql).rejects.toThrow(
          /permission denied|must be owner/,
        );
      expect(await verifyAuditLog(app.db, KEY)).toMatchObject({ ok: true, checked: 1 });
    });

    it('runs the application: a booking through the API, audited and sealed', async () => {
      const server = await testApp(app.db);
      try {
        const clinic = await aClinic(app.db);
        const person = await aBeneficiary(app.db, clinic);
        const [slotId] = await freeSlots(app.db, clinic, 1, { pool: 'phone' });
        const token = await aStaffToken(app.db, 'agent');
        const booked = await server.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { ...bearer(token), 'idempotency-key': 'roles-0001' },
          payload: { curp: person.curp, slotId, channel: 'agent' },
        });
        expect(booked.statusCode).toBe(201);
        expect((await sealAuditLog(app.db, KEY)).sealed).toBeGreaterThan(0);
        expect(await verifyAuditLog(app.db, KEY)).toMatchObject({ ok: true, pending: 0 });
      } finally {
        await server.close();
      }
    });
  },
);
