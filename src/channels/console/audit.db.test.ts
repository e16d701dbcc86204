import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, type TestClinic, type TestPerson } from '../../../test/support/factories.js';
import { maskCurp } from '../../platform/privacy/mask.js';
import { AUDIT_EXPORT_MAX } from './routes/audit.js';

let database: TestDatabase;
let app: FastifyInstance;
let unit: TestClinic;
let person: TestPerson;
let auditor: TestStaff;
let agent: TestStaff;

/** An entry written as the trail would have it, at a chosen instant. */
const entry = (o: {
  at: string;
  actorId: string;
  action?: string;
  subject?: number | null;
  unit?: string | null;
}) => ({
  at: new Date(o.at),
  actor_kind: 'staff' as const,
  actor_id: o.actorId,
  action: o.action ?? 'beneficiary.read',
  subject_beneficiary_id: o.subject ?? null,
  unit_clues: o.unit ?? null,
  channel: 'console',
  source_ip: '10.1.2.3',
  result: 'ok' as const,
  detail: '{}',
});

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  unit = await aClinic(database.db);
  person = await aBeneficiary(database.db, unit, { phone: '5534000001' });
  auditor = await aStaffAccount(database.db, 'auditor');
  agent = await aStaffAccount(database.db, 'agent');
  const id = String(agent.id);
  await database.db
    .insertInto('audit_log')
    .values([
      // 23:30 on 9 March in Mexico City is already 10 March in UTC.
      entry({ at: '2026-03-10T05:30:00Z', actorId: id, subject: person.id, unit: unit.clues }),
      entry({
        at: '2026-03-10T18:00:00Z',
        actorId: id,
        action: 'appointment.book',
        subject: person.id,
        unit: unit.clues,
      }),
      entry({ at: '2026-03-11T18:00:00Z', actorId: id }),
      // Sixty reads by someone else, for the pages.
      ...Array.from({ length: 60 }, (_, i) =>
        entry({ at: new Date(Date.UTC(2026, 1, 1, 12, i)).toISOString(), actorId: '999999' }),
      ),
    ])
    .execute();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const rowsOf = (page: string) =>
  [...page.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((m) => (m[1] ?? '').match(/<tr>/g) ?? []).length;

describe('the auditor’s view of the trail', () => {
  it('filters by staff e-mail, by person (CURP shown masked), by unit and by local dates', async () => {
    const browser = await signedInConsole(app, auditor);
    expect(browser.page).toContain('<h1>Bitácora de auditoría</h1>');

    await browser.get(`/consola/auditoria?personal=${encodeURIComponent(agent.email.toUpperCase())}`);
    expect(rowsOf(browser.page)).toBe(3);
    expect(browser.page).toContain(`staff:${agent.id} (${agent.email})`);

    await browser.get(`/consola/auditoria?curp=${person.curp}`);
    expect(rowsOf(browser.page)).toBe(2);
    // The table shows the CURP masked; only the auditor's own typing is echoed in the filter box.
    const table = /<table[\s\S]*<\/table>/.exec(browser.page)?.[0] ?? '';
    expect(table).toContain(maskCurp(person.curp));
    expect(table).not.toContain(person.curp);

    await browser.get(`/consola/auditoria?unidad=${unit.clues}&personal=${agent.id}`);
    expect(rowsOf(browser.page)).toBe(2);

    // Local days of Mexico City: the 23:30 read belongs to 9 March, shown with its offset.
    await browser.get(`/consola/auditoria?personal=${agent.id}&desde=2026-03-09&hasta=2026-03-09`);
    expect(rowsOf(browser.page)).toBe(1);
    expect(browser.page).toContain('2026-03-09 23:30:00 -06:00');
    await browser.get(`/consola/auditoria?personal=${agent.id}&desde=2026-03-10&hasta=2026-03-11`);
    expect(rowsOf(browser.page)).toBe(2);

    await browser.get('/consola/auditoria?desde=9-3-2026&curp=XYZ');
    expect(browser.last?.statusCode).toBe(400);
    expect(browser.page).toContain('Escribe la fecha como AAAA-MM-DD');
    expect(browser.page).toContain('La CURP tiene 18 letras y números');
  });

  it('pages 50 at a time, newest first, and records each read with its filter', async () => {
    const browser = await signedInConsole(app, auditor);
    await browser.get('/consola/auditoria?personal=999999');
    expect(rowsOf(browser.page)).toBe(50);
    expect(browser.page.indexOf('2026-02-01 06:59:00')).toBeLessThan(
      browser.page.indexOf('2026-02-01 06:10:00'),
    );
    await browser.get(browser.link('Registros más antiguos'));
    expect(rowsOf(browser.page)).toBe(10);
    expect(browser.page).toContain('2026-02-01 06:00:00');
    expect(() => browser.link('Registros más antiguos')).toThrow();

    const reads = await database.db
      .selectFrom('audit_log')
      .select(['detail', 'result', 'channel'])
      .where('action', '=', 'audit.read')
      .where('actor_id', '=', String(auditor.id))
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(reads.map((r) => r.detail)).toEqual([
      expect.objectContaining({
        filter: expect.objectContaining({ personal: '999999' }),
        format: 'html',
        shown: 10,
      }),
      expect.objectContaining({
        filter: expect.objectContaining({ personal: '999999' }),
        before: null,
        shown: 50,
      }),
    ]);
  });

  it('exports the same filter as CSV, masked, named as an attachment; the export is audited', async () => {
    const browser = await signedInConsole(app, auditor);
    await browser.get(`/consola/auditoria?curp=${person.curp}`);
    const href = browser.link('Descargar CSV');
    expect(href).toBe(`/consola/auditoria/csv?curp=${person.curp}`);
    const response = await app.inject({ url: href, headers: { cookie: browser.cookieHeader() } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="bitacora-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    // Earlier looks at this person's trail are entries about them too, newest first.
    const all = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(all.map((r) => r.accion)).toEqual([
      'audit.read',
      'audit.read',
      'appointment.book',
      'beneficiary.read',
    ]);
    const rows = all.slice(2);
    expect(rows[1]).toMatchObject({
      cuando: '2026-03-09 23:30:00 -06:00',
      tipo_de_actor: 'staff',
      actor: String(agent.id),
      correo_del_actor: agent.email,
      persona: String(person.id),
      curp_oculta: maskCurp(person.curp),
      unidad: unit.clues,
      canal: 'console',
      ip_origen: '10.1.2.3',
      resultado: 'ok',
    });
    expect(response.body).not.toContain(person.curp);
    const [exported] = await database.db
      .selectFrom('audit_log')
      .select(['detail', 'subject_beneficiary_id'])
      .where('action', '=', 'audit.read')
      .where('actor_id', '=', String(auditor.id))
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(exported).toEqual({
      subject_beneficiary_id: person.id,
      detail: expect.objectContaining({
        format: 'csv',
        rows: 4,
        filter: expect.objectContaining({ curp: maskCurp(person.curp) }),
      }),
    });
  });

  it('refuses an export over the row cap with a page that says how to narrow it', async () => {
    await sql`insert into audit_log (actor_kind, actor_id, action, unit_clues, channel, result)
      select 'system', 'carga', 'slots.generate', 'ZZIST000001', 'cli', 'ok'
      from generate_series(1, ${AUDIT_EXPORT_MAX + 1})`.execute(database.db);
    const browser = await signedInConsole(app, auditor);
    await browser.get('/consola/auditoria/csv?unidad=ZZIST000001');
    expect(browser.last?.statusCode).toBe(422);
    expect(browser.page).toContain('Demasiados registros para un archivo');
    expect(browser.page).toContain('más de 10,000 registros');
  });
});

describe('the suspicion page', () => {
  it('shows the report’s three findings from a date, and says what is wrong with a bad one', async () => {
    const browser = await signedInConsole(app, auditor);
    await browser.get('/consola/sospechas?desde=2026-01-01');
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('Citas de muchas personas distintas');
    expect(browser.page).toContain('Personal con muchas citas canceladas');
    expect(browser.page).toContain('Horarios apartados y cancelados en minutos');
    await browser.get('/consola/sospechas?desde=ayer');
    expect(browser.last?.statusCode).toBe(400);
    expect(browser.page).toContain('Escribe la fecha como AAAA-MM-DD');
  });
});
