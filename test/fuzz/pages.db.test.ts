// Property-based fuzzing of every portal and console page and form: GET queries and path ids, and
// POST forms sent with a live session and its CSRF token (so the handlers run), each valid but for one
// fault: a field with a hostile value or a bad escape, a repeated or unknown field, no CSRF token, or
// a cookie header no browser sends. Never a 5xx; every refusal is a Spanish page; a refused form
// changes no state table.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAllocationWindows, releasesTakingRequests } from '../../src/allocation/releases.js';
import { fileRequest, requestsOf } from '../../src/allocation/requests.js';
import { requestCallback } from '../../src/telephony/callbacks.js';
import { aWorld } from '../abuse/world.js';
import { aStaffAccount } from '../support/console-staff.js';
import { freeSlots } from '../support/factories.js';
import { stateFingerprint } from '../support/fingerprint.js';
import type { PortalClient } from '../support/web-client.js';
import { assertWithSeed, BAD_ESCAPES, expectRefusedProperly, hostileLike, hostileText } from './hostile.js';

/** Requests per page or form: every field meets a few bad values; the whole file stays quick. */
const RUNS = 10;

const OFF = '0';
const world = aWorld({
  env: {
    // The limits have their own tests; here they would only stop the handlers from running.
    WEB_RATE_SIGN_IN_PER_IP_PER_HOUR: OFF,
    WEB_RATE_SIGN_IN_PER_SESSION_PER_HOUR: OFF,
    WEB_RATE_SIGN_IN_PER_CURP_PER_HOUR: OFF,
    WEB_RATE_CURPS_PER_SESSION_PER_HOUR: OFF,
    WEB_RATE_CURPS_PER_IP_PER_HOUR: OFF,
    WEB_RATE_CODE_PER_IP_PER_HOUR: OFF,
    WEB_RATE_CODE_PER_SESSION_PER_HOUR: OFF,
    WEB_OTP_PER_PHONE_PER_DAY: OFF,
    WEB_RATE_CHANGES_PER_SESSION_PER_HOUR: OFF,
    WEB_RATE_CHANGES_PER_PERSON_PER_DAY: OFF,
    STAFF_RATE_REQUESTS_PER_HOUR: OFF,
    STAFF_RATE_CHANGES_PER_HOUR: OFF,
  },
});

type Who = 'visitor' | 'admin' | 'auditor';
/** A page or form: its fields, and who uses it (whose session and CSRF token it is sent with). */
interface Form {
  method: 'GET' | 'POST';
  path: string;
  fields: string[];
  who: Who;
}

const page = (who: Who, path: string, ...fields: string[]): Form => ({ method: 'GET', path, fields, who });
const form = (who: Who, path: string, ...fields: string[]): Form => ({ method: 'POST', path, fields, who });

const BIRTH = ['nacimiento-day', 'nacimiento-month', 'nacimiento-year'];
const SIGN_IN = ['curp', ...BIRTH];
const AUDIT = ['personal', 'curp', 'unidad', 'desde', 'hasta', 'antes'];
const RELEASE_SETTINGS = ['modo', 'anticipacion', 'pase', 'ritmo', 'duracion'];
const TEMPLATE = [
  'dias',
  'inicio',
  'fin',
  'duracion',
  'horizonte',
  'apertura',
  'web',
  'telefono',
  'ventanilla',
  'mismo_dia',
  'accion',
];

// In the order they are fuzzed: what ends a session or spends the appointment comes last.
const FORMS: Form[] = [
  page('visitor', '/'),
  page('visitor', '/entrar'),
  page('visitor', '/entrar/codigo'),
  page('visitor', '/aviso-de-privacidad'),
  page('visitor', '/cita'),
  page('visitor', '/cita/servicio', 'persona'),
  page('visitor', '/cita/fecha', 'persona', 'servicio'),
  page('visitor', '/cita/hora', 'persona', 'servicio', 'dia'),
  page('visitor', '/cita/revisar', 'persona', 'horario'),
  form('visitor', '/cita', 'persona', 'horario', 'clave'),
  page('visitor', '/citas', 'cancelada'),
  page('visitor', '/citas/{id}/confirmacion', 'cambio'),
  page('visitor', '/citas/{id}/cancelar'),
  page('visitor', '/citas/{id}/cambiar'),
  page('visitor', '/citas/{id}/cambiar/hora', 'dia'),
  page('visitor', '/citas/{id}/cambiar/revisar', 'horario'),
  form('visitor', '/citas/{id}/cambiar', 'horario'),
  page('visitor', '/citas/{id}/cita.ics'),
  page('visitor', '/mis-datos'),
  page('visitor', '/mis-datos.json'),
  page('visitor', '/solicitudes'),
  page('visitor', '/solicitudes/{id}'),
  form('visitor', '/solicitudes/{id}', ...SIGN_IN, 'dias', 'turno'),
  page('visitor', '/solicitudes/{id}/recibida'),
  page('visitor', '/mis-solicitudes', 'retirada'),
  form('visitor', '/mis-solicitudes/{id}/retirar'),
  page('visitor', '/fila', 'estado'),
  page('visitor', '/fila/{clues}/{servicio}'),
  form('visitor', '/fila/{clues}/{servicio}', ...SIGN_IN),
  page('visitor', '/fila/lugar/{token}', 'actualizar'),
  form('visitor', '/fila/lugar/{token}/volver'),
  form('visitor', '/citas/{id}/cancelar'),
  form('visitor', '/entrar/codigo', 'codigo'),
  form('visitor', '/entrar/codigo/nuevo'),
  form('visitor', '/entrar', 'curp', ...BIRTH),
  form('visitor', '/salir'),
  form('visitor', '/lista-de-espera', 'persona', 'servicio', 'dias', 'turno'),
  form('visitor', '/lista-de-espera/salir', 'persona', 'servicio'),
  page('visitor', '/o/{token}'),
  form('visitor', '/o/{token}', 'accion'),
  page('visitor', '/r/{token}'),
  form('visitor', '/r/{token}', 'accion'),
  form('visitor', '/citas/{id}/conservar-horario', 'propuesta'),
  page('visitor', '/p/{token}'),
  form('visitor', '/p/{token}', 'accion'),
  page('admin', '/consola'),
  form('admin', '/consola/buscar', 'q'),
  page('admin', '/consola/personas/{id}', 'servicio'),
  page('admin', '/consola/personas/{id}/confirmar', 'horario'),
  form('admin', '/consola/personas/{id}/citas', 'horario', 'clave'),
  page('admin', '/consola/personas/{id}/solicitudes', 'aviso'),
  form('admin', '/consola/personas/{id}/solicitudes', 'apertura', 'turno'),
  form('admin', '/consola/personas/{id}/solicitudes/{request}/retirar'),
  page('admin', '/consola/citas/{id}', 'hecho'),
  form('admin', '/consola/citas/{id}/conservar-propuesta', 'propuesta'),
  page('admin', '/consola/citas/{id}/cambiar'),
  form('admin', '/consola/citas/{id}/cambiar', 'horario'),
  page('admin', '/consola/citas/{id}/cancelar'),
  form('admin', '/consola/citas/{id}/cancelar', 'motivo'),
  page('admin', '/consola/llamadas'),
  form('admin', '/consola/llamadas/{id}/tomar'),
  form('admin', '/consola/llamadas/{id}/cerrar', 'resultado'),
  page('admin', '/consola/sospechas', 'desde'),
  page('auditor', '/consola/auditoria', ...AUDIT),
  page('auditor', '/consola/auditoria/csv', ...AUDIT),
  page('admin', '/consola/personal', 'hecho'),
  page('admin', '/consola/personal/nueva'),
  page('admin', '/consola/aperturas'),
  page('admin', '/consola/aperturas/{clues}', 'guardado'),
  form('admin', '/consola/aperturas/{clues}/{servicio}', ...RELEASE_SETTINGS),
  page('admin', '/consola/aviso'),
  page('admin', '/consola/unidades/{clues}/espera', 'alta'),
  form('admin', '/consola/unidades/{clues}/espera', 'curp', 'servicio', 'dias', 'turno'),
  form('admin', '/consola/personal', 'nombre', 'correo', 'rol', 'unidad', 'clave'),
  page('admin', '/consola/personal/{id}', 'hecho'),
  form('admin', '/consola/personal/{id}/rol', 'rol', 'unidad'),
  form('admin', '/consola/personal/{id}/estado', 'activa'),
  page('admin', '/consola/unidades/{clues}/recepcion', 'registrada', 'tarde'),
  form('admin', '/consola/unidades/{clues}/recepcion', 'llegada'),
  form('admin', '/consola/unidades/{clues}/recepcion/citas/{id}/llegada'),
  page('admin', '/consola/consultorios/{id}/fila', 'llamado', 'inasistencia'),
  form('admin', '/consola/consultorios/{id}/llamar'),
  form('admin', '/consola/consultorios/{id}/inasistencia', 'cita'),
  page('admin', '/consola/unidades/{clues}/agenda', 'bloqueados', 'reagendar', 'avisados', 'apartados'),
  page('admin', '/consola/unidades/{clues}/reprogramar'),
  form('admin', '/consola/unidades/{clues}/ausencias', 'consultorio', 'dia', 'motivo'),
  form('admin', '/consola/unidades/{clues}/cierres', 'dia', 'motivo'),
  page('admin', '/consola/unidades', 'q'),
  page(
    'admin',
    '/consola/unidades/{clues}/plantillas',
    'reagendar',
    'avisados',
    'apartados',
    'servicio',
    'mismo',
  ),
  page('admin', '/consola/unidades/{clues}/plantillas/nueva'),
  form('admin', '/consola/unidades/{clues}/plantillas/nueva', 'consultorio', 'servicio', ...TEMPLATE),
  page('admin', '/consola/unidades/{clues}/plantillas/{id}'),
  form('admin', '/consola/unidades/{clues}/plantillas/{id}', ...TEMPLATE),
  form('admin', '/consola/unidades/{clues}/plantillas/{id}/retirar', 'accion'),
  form('admin', '/consola/unidades/{clues}/plantillas/mismo-dia', 'servicio', 'mismo_dia'),
  page('visitor', '/pantalla/{clues}'),
  page('admin', '/consola/entrar'),
  form('admin', '/consola/entrar', 'correo', 'clave'),
  page('admin', '/consola/entrar/codigo'),
  form('admin', '/consola/entrar/codigo', 'codigo'),
  form('admin', '/consola/salir'),
];

/** Good values by field name (and by path for the ids), so that each request reaches its handler. */
let known: Record<string, string[]> = {};
let clients: Record<Who, PortalClient>;

beforeAll(async () => {
  const db = world.database.db;
  const person = await world.aPerson(world.clinicA);
  const child = await world.aPerson(world.clinicA, { holder_id: person.id, phone: null });
  const appointment = await world.anAppointment(person, world.clinicA);
  const other = await world.aPerson(world.clinicA);
  const consoleAppointment = await world.anAppointment(other, world.clinicA);
  const webSlots = await freeSlots(db, world.clinicA, 3, { pool: 'web' });
  const phoneSlots = await freeSlots(db, world.clinicA, 3, { pool: 'phone' });
  const colleague = await aStaffAccount(db, 'agent');
  await requestCallback(
    db,
    { phone: '5599990000', beneficiaryId: other.id, callId: 'CAfuzz', reason: 'busy' },
    new Date(),
  );
  const callback = await db.selectFrom('callback_requests').select('id').executeTakeFirstOrThrow();
  // A release of clinic B taking requests (allocate mode, its window open), with a request of each visitor.
  await db
    .insertInto('release_settings')
    .values({
      unit_clues: world.clinicB.clues,
      service_code: world.clinicB.serviceCode,
      mode: 'allocate',
      pre_window_minutes: 30,
    })
    .execute();
  const now = new Date();
  await freeSlots(db, world.clinicB, 2, { pool: 'web', opensAt: new Date(now.getTime() + 10 * 60_000) });
  await openAllocationWindows(db, now);
  const [release] = await releasesTakingRequests(db, now, { unitClues: world.clinicB.clues });
  if (!release) throw new Error('no allocation release opened');
  const requestOf = async (who: { id: number; curp: string }) => {
    const input = {
      releaseId: release.id,
      curp: who.curp,
      channel: 'agent' as const,
      actor: 'test',
      days: [],
      shift: null,
    };
    await fileRequest(db, input, now);
    const [filed] = await requestsOf(db, [who.id]);
    return String(filed?.id ?? '');
  };
  const [year = '', month = '', day = ''] = person.birthDate.split('-');
  const tomorrow = DateTime.now().setZone(world.clinicA.timeZone).plus({ days: 1 }).toISODate() ?? '';
  known = {
    persona: [String(person.id), String(child.id)],
    servicio: ['medicina_preventiva', 'medicina_familiar'],
    dia: [tomorrow],
    horario: [...webSlots, ...phoneSlots].map(String),
    clave: [randomUUID()],
    cambio: ['1'],
    cancelada: ['ABCD1234'],
    codigo: ['123456'],
    curp: [person.curp],
    'nacimiento-day': [day],
    'nacimiento-month': [month],
    'nacimiento-year': [year],
    q: ['Prueba', person.curp],
    hecho: ['rol', 'cita'],
    motivo: ['Lo pidió por teléfono'],
    resultado: ['done', 'unreachable'],
    desde: ['2026-11-01'],
    hasta: ['2026-12-01'],
    personal: [String(colleague.id)],
    unidad: [world.clinicA.clues],
    antes: ['1000'],
    nombre: ['Ana Prueba'],
    correo: [`fuzz-${randomUUID()}@citas.test`],
    rol: ['agent', 'reception'],
    activa: ['si', 'no'],
    dias: [tomorrow],
    turno: ['cualquiera', 'M', 'V'],
    apertura: [String(release.id), '07:00'],
    aviso: ['registrada', 'retirada'],
    retirada: ['1'],
    estado: ['CM', 'JA'],
    actualizar: ['no'],
    guardado: ['1'],
    modo: ['race', 'queue', 'allocate'],
    anticipacion: ['30'],
    pase: ['10'],
    ritmo: ['60'],
    duracion: ['120'],
    '{clues}': [world.clinicB.clues],
    '{servicio}': [world.clinicB.serviceCode],
    '{token}': ['A'.repeat(43)],
    '{request}': [await requestOf(other)],
    '/solicitudes/{id}': [String(release.id)],
    '/mis-solicitudes/{id}': [await requestOf(person)],
    '/citas/{id}': [appointment],
    '/consola/personas/{id}': [String(other.id)],
    '/consola/citas/{id}': [consoleAppointment],
    '/consola/llamadas/{id}': [String(callback.id)],
    '/consola/personal/{id}': [String(colleague.id)],
    '/consola/unidades/{clues}': [world.clinicA.clues],
    '/consola/unidades/{clues}/recepcion/citas/{id}': [consoleAppointment],
    '/consola/unidades/{clues}/plantillas/{id}': [String(world.clinicA.templateId)],
    inicio: ['08:00'],
    fin: ['14:00'],
    horizonte: ['14'],
    web: ['50'],
    telefono: ['35'],
    ventanilla: ['15'],
    mismo_dia: ['10'],
    mismo: ['10'],
    '/consola/consultorios/{id}': [String(world.clinicA.resourceId)],
    '/pantalla/{clues}': [world.clinicA.clues],
    llegada: [person.curp, 'ACDE-FHJK'],
    registrada: ['ACDEFHJK'],
    tarde: ['1'],
    llamado: ['ACDEFHJK'],
    inasistencia: ['1'],
    cita: [consoleAppointment],
    consultorio: [String(world.clinicA.resourceId)],
    bloqueados: ['1'],
    reagendar: ['1'],
    avisados: ['1'],
    apartados: ['1'],
    propuesta: ['1'],
  };
  clients = {
    visitor: await world.signedIn(person),
    admin: await world.staffConsole('national_admin'),
    auditor: await world.staffConsole('auditor'),
  };
  // A page of each console, for the session's CSRF token.
  await clients.admin.get('/consola');
  await clients.auditor.get('/consola/auditoria');
  await clients.visitor.get('/citas');
});

/** The routes an HTML channel serves, from the router itself (`printRoutes` draws them as a tree). */
function htmlRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  // The compact tree: with `commonPrefix: false` a wildcard loses its prefix (/phone/* is drawn as /*).
  for (const line of app.printRoutes().split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ')) {
      if (method === 'GET' || method === 'POST') routes.push(`${method} ${path}`);
    }
  }
  return routes.filter((route) => !/ \/(api|phone|assets|healthz|livez|readyz)\b/.test(route));
}

/** Good values of a path parameter: by the path up to it (an id names a different thing per path), else by its name. */
function paramValues(path: string, param: string): string[] {
  const upTo = path.slice(0, path.indexOf(param) + param.length);
  const byPath = Object.keys(known).find(
    (prefix) => prefix.startsWith('/') && prefix.endsWith(param) && upTo.startsWith(prefix),
  );
  return known[byPath ?? param] ?? [''];
}

interface PageRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  payload?: string;
  sent: string[];
}

/** Cookie headers a browser would never send: bad escapes, no value, prototype keys, 8 KB of one. */
const BAD_COOKIES = [
  '__Host-citas_sesion=%E0%A4%A; __Host-citas_consola=%ZZ',
  '__Host-citas_sesion=; __Host-citas_consola',
  '=;=;;==',
  '__proto__=1; constructor=2',
  `__Host-citas_consola=${'a'.repeat(8000)}`,
  '__Host-citas_sesion="unterminated',
];

type Mutation =
  | { kind: 'corrupt'; at: number; text: string; sent: string }
  | { kind: 'repeat'; at: number }
  | { kind: 'stranger'; name: string; value: string }
  | { kind: 'withoutToken' }
  | { kind: 'cookie'; cookie: string }
  | { kind: 'none' };

/**
 * A valid request with one thing wrong (so that thing meets a handler that would otherwise run): one
 * field hostile or a raw bad escape, a field repeated, a stranger field, or no CSRF token.
 */
function requestsFor(entry: Form): fc.Arbitrary<PageRequest> {
  const params = entry.path.match(/\{\w+\}/g) ?? [];
  const slots = [...params, ...entry.fields];
  const isParam = (slot: string) => slot.startsWith('{');
  const valuesOf = (slot: string) => (isParam(slot) ? paramValues(entry.path, slot) : (known[slot] ?? ['']));
  const validOf = (slot: string) => fc.constantFrom(...valuesOf(slot));
  const corrupted = (slot: string) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: hostileLike(valuesOf(slot)[0] ?? '').map((text) => ({
          text: encodeURIComponent(text),
          sent: text,
        })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES).map((raw) => ({ text: raw, sent: '' })) },
    );
  const at = fc.nat({ max: Math.max(0, slots.length - 1) });
  const mutations: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 1, arbitrary: fc.constant({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__', 'status', 'curp', 'beneficiario'), hostileText)
        .map(([name, value]) => ({ kind: 'stranger', name, value })),
    },
  ];
  if (slots.length > 0) {
    mutations.push(
      {
        weight: 8,
        arbitrary: at.chain((i) =>
          corrupted(slots[i] ?? '').map((bad): Mutation => ({ kind: 'corrupt', at: i, ...bad })),
        ),
      },
      { weight: 1, arbitrary: at.map((i) => ({ kind: 'repeat', at: i })) },
    );
  }
  if (entry.method === 'POST')
    mutations.push({ weight: 1, arbitrary: fc.constant({ kind: 'withoutToken' }) });
  mutations.push({
    weight: 1,
    arbitrary: fc.constantFrom(...BAD_COOKIES).map((cookie): Mutation => ({ kind: 'cookie', cookie })),
  });
  return fc
    .record({
      mutation: fc.oneof(...mutations),
      values: fc.tuple(...slots.map(validOf)),
      omit: fc.tuple(...slots.map(() => fc.boolean())),
    })
    .map(({ mutation, values, omit }) => {
      const sent: string[] = [];
      let path = entry.path;
      const pairs: string[] = [];
      slots.forEach((slot, i) => {
        const corrupt = mutation.kind === 'corrupt' && mutation.at === i;
        const text = corrupt ? mutation.text : encodeURIComponent(values[i] ?? '');
        if (corrupt) sent.push(mutation.sent);
        if (isParam(slot)) path = path.replace(slot, text);
        else if (corrupt || !omit[i] || entry.method === 'POST') pairs.push(`${slot}=${text}`);
        if (mutation.kind === 'repeat' && mutation.at === i && !isParam(slot)) pairs.push(`${slot}=${text}`);
      });
      if (mutation.kind === 'stranger') {
        pairs.push(`${encodeURIComponent(mutation.name)}=${encodeURIComponent(mutation.value)}`);
        sent.push(mutation.value);
      }
      const client = clients[entry.who];
      const cookie = mutation.kind === 'cookie' ? mutation.cookie : client.cookieHeader();
      const headers: Record<string, string> = { accept: 'text/html', cookie };
      if (entry.method === 'GET') {
        return { method: 'GET', url: pairs.length ? `${path}?${pairs.join('&')}` : path, headers, sent };
      }
      if (mutation.kind !== 'withoutToken') pairs.push(`_csrf=${encodeURIComponent(client.csrfToken())}`);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return { method: 'POST', url: path, headers, payload: pairs.join('&'), sent };
    });
}

describe('the portal and console pages under fuzzed input', () => {
  it('fuzz every page and form the router serves', () => {
    const served = htmlRoutes(world.app);
    expect(served.length).toBeGreaterThan(40);
    expect(FORMS.map((entry) => `${entry.method} ${entry.path}`)).toEqual(expect.arrayContaining(served));
  });

  for (const entry of FORMS) {
    it(`${entry.method} ${entry.path}: never fails, refuses with a Spanish page, a refusal changes nothing`, async () => {
      const db = world.database.db;
      let baseline = await stateFingerprint(db);
      const property = fc.asyncProperty(requestsFor(entry), async (request) => {
        const response = await world.app.inject(request);
        const refusal = response.headers['citas-error-code'] !== undefined;
        expectRefusedProperly(response, 'page', refusal ? request.sent : []);
        if (entry.method === 'GET') return;
        const after = await stateFingerprint(db);
        if (response.statusCode >= 400)
          expect(after, 'a refused form changed the database').toEqual(baseline);
        baseline = after;
      });
      await assertWithSeed(`${entry.method} ${entry.path}`, property, RUNS);
      if (entry.method === 'GET') expect(await stateFingerprint(db)).toEqual(baseline);
    });
  }
});
