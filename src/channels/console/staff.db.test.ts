import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aClinic, type TestClinic } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let unit: TestClinic;
let admin: TestStaff;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  unit = await aClinic(database.db);
  admin = await aStaffAccount(database.db, 'national_admin');
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const auditOf = (action: string, staffId: number) =>
  database.db
    .selectFrom('audit_log')
    .select(['actor_kind', 'actor_id', 'result', 'channel', 'detail'])
    .where('action', '=', action)
    .where(({ ref, eb }) => eb(ref('detail', '->>').key('staffId'), '=', String(staffId)))
    .execute();

const accountByEmail = (email: string) =>
  database.db
    .selectFrom('staff_accounts')
    .select(['id', 'name', 'role', 'unit_clues', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();

describe('staff management by a national administrator', () => {
  it('creates a reception account for a unit with a generated password shown once, and audits it', async () => {
    const browser = await signedInConsole(app, admin);
    await browser.get('/consola/personal');
    expect(browser.page).toContain('<h1>Personal de la consola</h1>');
    expect(browser.page).toContain(admin.email);
    await browser.get('/consola/personal/nueva');
    await browser.post('/consola/personal', {
      nombre: 'Rocío Ventanilla',
      correo: 'Rocio.Ventanilla@citas.test',
      rol: 'reception',
      unidad: unit.clues.toLowerCase(),
      clave: '',
    });
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('Cuenta creada');
    const password = /<span class="folio mono">([^<]+)<\/span>/.exec(browser.page)?.[1] as string;
    expect(password).toHaveLength(20);
    const created = await accountByEmail('rocio.ventanilla@citas.test');
    expect(created).toMatchObject({ role: 'reception', unit_clues: unit.clues, disabled_at: null });

    const [entry] = await auditOf('staff.create', created?.id as number);
    expect(entry).toMatchObject({
      actor_kind: 'staff',
      actor_id: String(admin.id),
      result: 'ok',
      channel: 'console',
    });
    expect(entry?.detail).toEqual({
      staffId: created?.id,
      before: null,
      after: { role: 'reception', unit: unit.clues },
    });
    expect(JSON.stringify(entry?.detail)).not.toContain(password);

    // The password works once, and the new account lands on its unit's search.
    const rocio = await signedInConsole(app, { email: 'rocio.ventanilla@citas.test', password });
    expect(rocio.page).toContain(`Recepción · ${unit.clues}`);
    await browser.get('/consola/personal');
    expect(browser.page).toContain('Rocío Ventanilla');
    expect(browser.page).not.toContain(password);
  });

  it('says what to fix: no unit for a unit role, an unknown unit, a short password, a taken e-mail', async () => {
    const browser = await signedInConsole(app, admin);
    await browser.get('/consola/personal/nueva');
    const base = {
      nombre: 'Sin Unidad',
      correo: 'sin.unidad@citas.test',
      rol: 'unit_admin',
      unidad: '',
      clave: '',
    };
    await browser.post('/consola/personal', base);
    expect(browser.last?.statusCode).toBe(422);
    expect(browser.page).toContain('Escribe la CLUES de la unidad');
    await browser.post('/consola/personal', { ...base, unidad: 'ZZIST999999' });
    expect(browser.page).toContain('No existe una unidad con esa CLUES');
    await browser.post('/consola/personal', { ...base, unidad: unit.clues, clave: 'corta12345' });
    expect(browser.page).toContain('al menos 12 caracteres');
    await browser.post('/consola/personal', { ...base, correo: admin.email, rol: 'agent' });
    expect(browser.page).toContain('Ya existe una cuenta con ese correo');
    expect(await accountByEmail('sin.unidad@citas.test')).toBeUndefined();

    // A typed password of 12 or more characters is taken, and not shown back.
    await browser.post('/consola/personal', {
      ...base,
      unidad: unit.clues,
      clave: 'una-clave-larga-y-propia',
    });
    expect(browser.page).toContain('La cuenta usa la contraseña que escribiste');
    expect(browser.page).not.toContain('una-clave-larga-y-propia');
    await signedInConsole(app, { email: 'sin.unidad@citas.test', password: 'una-clave-larga-y-propia' });
  });

  it('changes a role and unit, with before and after in the audit trail, effective on the next request', async () => {
    const agent = await aStaffAccount(database.db, 'agent');
    const agentBrowser = await signedInConsole(app, agent);
    const browser = await signedInConsole(app, admin);
    await browser.get(`/consola/personal/${agent.id}`);
    await browser.post(`/consola/personal/${agent.id}/rol`, { rol: 'reception', unidad: unit.clues });
    expect(browser.page).toContain('Rol y unidad guardados');
    const [entry] = await auditOf('staff.role_change', agent.id);
    expect(entry?.detail).toEqual({
      staffId: agent.id,
      before: { role: 'agent', unit: null },
      after: { role: 'reception', unit: unit.clues },
    });
    // The agent's open session now has reception's rights: the national call-back list is gone.
    await agentBrowser.get('/consola/llamadas');
    expect(agentBrowser.last?.statusCode).toBe(403);

    await browser.get(`/consola/personal/${agent.id}`);
    await browser.post(`/consola/personal/${agent.id}/rol`, { rol: 'unit_admin', unidad: '' });
    expect(browser.last?.statusCode).toBe(422);
    expect(browser.page).toContain('Escribe la CLUES de la unidad');
  });

  it('disables an account (its session stops at once, sign-in refused) and enables it again, audited', async () => {
    const agent = await aStaffAccount(database.db, 'agent');
    const agentBrowser = await signedInConsole(app, agent);
    const browser = await signedInConsole(app, admin);
    await browser.get(`/consola/personal/${agent.id}`);
    await browser.post(`/consola/personal/${agent.id}/estado`, { activa: 'no' });
    expect(browser.page).toContain('Cuenta desactivada');

    await agentBrowser.get('/consola');
    expect(agentBrowser.page).toContain('Entrar a la consola');
    const again = new PortalClient(app);
    await again.get('/consola/entrar');
    await again.post('/consola/entrar', { correo: agent.email, clave: agent.password });
    expect(again.last?.statusCode).toBe(401);

    await browser.get(`/consola/personal/${agent.id}`);
    await browser.post(`/consola/personal/${agent.id}/estado`, { activa: 'si' });
    expect(browser.page).toContain('Cuenta activada');
    await signedInConsole(app, agent);
    expect((await auditOf('staff.disable', agent.id)).map((e) => e.detail)).toEqual([
      { staffId: agent.id, before: { active: true }, after: { active: false } },
    ]);
    expect((await auditOf('staff.enable', agent.id)).map((e) => e.detail)).toEqual([
      { staffId: agent.id, before: { active: false }, after: { active: true } },
    ]);
  });

  it('refuses an administrator disabling or demoting themselves', async () => {
    const browser = await signedInConsole(app, admin);
    await browser.get(`/consola/personal/${admin.id}`);
    expect(browser.page).toContain('no puedes quitarte este rol ni desactivarla');
    expect(browser.page).not.toContain('Desactivar la cuenta');
    // The forms are not offered; a hand-made request is refused all the same.
    await browser.get('/consola/personal');
    await browser.post(`/consola/personal/${admin.id}/estado`, { activa: 'no' });
    expect(browser.last?.statusCode).toBe(409);
    expect(browser.page).toContain('Es tu propia cuenta');
    await browser.get('/consola/personal');
    await browser.post(`/consola/personal/${admin.id}/rol`, { rol: 'agent', unidad: '' });
    expect(browser.last?.statusCode).toBe(409);
    expect(await accountByEmail(admin.email)).toMatchObject({ role: 'national_admin', disabled_at: null });
    expect(await auditOf('staff.disable', admin.id)).toEqual([]);
    expect(await auditOf('staff.role_change', admin.id)).toEqual([]);
  });

  it('shows the last sign-in of each account', async () => {
    const never = await aStaffAccount(database.db, 'auditor');
    const browser = await signedInConsole(app, admin);
    await browser.get(`/consola/personal/${never.id}`);
    expect(browser.page).toMatch(/Último ingreso<\/dt>\s*<dd>Nunca/);
    await browser.get(`/consola/personal/${admin.id}`);
    expect(browser.page).not.toMatch(/Último ingreso<\/dt>\s*<dd>Nunca/);
  });
});
