// Property-based fuzzing of the JSON API, driven by its own OpenAPI document: for every route and
// method, requests whose path, query, headers and body mix valid values, boundaries and hostile ones
// (wrong types, 1e400, -0, NaN, unicode, bad escapes, injections, prototype keys, huge strings) never
// get a 5xx; every refusal is problem+json with a code and a Spanish detail that repeats nothing it
// was sent, and leaves every state table as it was.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { aWorld, type Person } from '../abuse/world.js';
import { freeSlots } from '../support/factories.js';
import { stateFingerprint } from '../support/fingerprint.js';
import {
  assertWithSeed,
  BAD_ESCAPES,
  expectRefusedProperly,
  hostileJson,
  hostileLike,
  hostileText,
  RAW_JSON_BODIES,
  sometimes,
  stringsIn,
} from './hostile.js';

/** Requests per route and method: enough to meet every kind of value, few enough to stay quick. */
const RUNS = 30;

const OFF = '0';
const world = aWorld({
  env: {
    // The limits have their own tests; here they would only stop the handlers from running.
    API_RATE_PER_IP_PER_MINUTE: OFF,
    API_RATE_PER_TOKEN_PER_MINUTE: OFF,
  },
});

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** The hostile strings in it, which no refusal may repeat. */
  sent: string[];
}

/** Valid values the world holds, by parameter name: a fuzzed request reaches the handlers too. */
let known: Record<string, unknown[]> = {};
let person: Person;

beforeAll(async () => {
  person = await world.aPerson(world.clinicA);
  const appointment = await world.anAppointment(person, world.clinicA);
  const slots = await freeSlots(world.database.db, world.clinicA, 6, { pool: 'phone' });
  const future = DateTime.now().plus({ days: 3 });
  known = {
    clues: [world.clinicA.clues, world.clinicB.clues],
    unit: [world.clinicA.clues],
    curp: [person.curp],
    slotId: slots,
    id: [appointment, world.clinicA.resourceId],
    service: ['medicina_preventiva', 'medicina_familiar'],
    day: [future.toISODate()],
    from: [future.toISODate()],
    startsAt: [future.set({ hour: 9 }).toISO()],
    endsAt: [future.set({ hour: 10 }).toISO()],
    reason: ['Fumigación de la unidad'],
    q: ['Prueba', 'Clínica'],
    state: ['DF', 'JC'],
    'idempotency-key': ['fuzz-clave-0001', 'fuzz-clave-0002'],
  };
});

function operations(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, raw]) => {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      };
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
      };
    }),
  );
}

const enumOf = (schema: JsonSchema): unknown[] => schema.anyOf?.flatMap(enumOf) ?? schema.enum ?? [];

/** Values at and just beyond the edges the schema states. */
function boundaries(schema: JsonSchema): unknown[] {
  const edges: unknown[] = [];
  for (const bound of [schema.minimum, schema.maximum]) {
    if (bound !== undefined) edges.push(bound - 1, bound, bound + 1);
  }
  for (const length of [schema.minLength, schema.maxLength]) {
    if (length !== undefined) edges.push('a'.repeat(Math.max(0, length - 1)), 'a'.repeat(length + 1));
  }
  return edges;
}

/** Values the schema itself says are good, when the world names none. */
function validFromSchema(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  if (schema.type === 'integer' && schema.minimum !== undefined && schema.maximum !== undefined) {
    return fc.integer({ min: schema.minimum, max: Math.min(schema.maximum, schema.minimum + 1000) });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'string' && !schema.pattern && !schema.format) {
    const minLength = schema.minLength ?? 0;
    return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 20, 20)) });
  }
  return undefined;
}

/** A good value for a field: one the world holds, one of its enum, or one its schema allows. */
function validFor(name: string, schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = [...(known[name] ?? []), ...enumOf(schema)];
  return valid.length > 0 ? fc.constantFrom(...valid) : (validFromSchema(schema) ?? hostileText);
}

/** A bad value for a field: an edge of its schema, or anything hostile (often shaped like the field). */
function hostileFor(schema: JsonSchema, json: boolean): fc.Arbitrary<unknown> {
  const edges = boundaries(schema);
  const shape = schema.type === 'integer' ? '1' : schema.format?.startsWith('date') ? '2026-12-01' : '';
  return fc.oneof(
    { weight: 1, arbitrary: edges.length > 0 ? fc.constantFrom(...edges) : hostileText },
    { weight: 4, arbitrary: json ? fc.oneof(hostileJson, hostileLike(shape)) : hostileLike(shape) },
  );
}

interface Field {
  where: 'path' | 'query' | 'header' | 'body';
  name: string;
  required: boolean;
  valid: fc.Arbitrary<unknown>;
  hostile: fc.Arbitrary<unknown>;
}

/** A value placed in the URL: percent-encoded as a client should, or (when hostile) a raw bad escape. */
interface InUrl {
  text: string;
  sent: string;
}
const encoded = (value: unknown): InUrl => ({ text: encodeURIComponent(String(value)), sent: String(value) });
const hostileInUrl = (hostile: fc.Arbitrary<unknown>): fc.Arbitrary<InUrl> =>
  fc.oneof(
    { weight: 5, arbitrary: hostile.map(encoded) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES).map((raw) => ({ text: raw, sent: '' })) },
  );

/**
 * Requests that are valid but for one or two fields (so each bad value meets a handler that would
 * otherwise run), with now and then an unknown field, a broken body or another media type.
 */
function requestsFor(op: Operation, token: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const fields: Field[] = [
    ...op.parameters.map((p) => ({
      where: p.in,
      name: p.name,
      required: p.in === 'path' || p.required === true,
      valid: validFor(p.name, p.schema),
      hostile: hostileFor(p.schema, false),
    })),
    ...Object.entries(op.body?.properties ?? {}).map(([name, schema]) => ({
      where: 'body' as const,
      name,
      required: op.body?.required?.includes(name) ?? false,
      valid: validFor(name, schema),
      hostile: hostileFor(schema, true),
    })),
  ];
  const indices = fields.map((_, i) => i);
  const value = (field: Field, corrupt: boolean): fc.Arbitrary<unknown> => {
    if (!corrupt) return field.where === 'body' ? field.valid : field.valid.map(encoded);
    if (field.where === 'body') return fc.oneof(field.hostile, fc.constant(undefined));
    return field.where === 'header' ? field.hostile.map(encoded) : hostileInUrl(field.hostile);
  };
  return fc
    .record({
      corrupt: fc.subarray(indices, { maxLength: Math.min(2, indices.length) }),
      present: fc.tuple(...fields.map((f) => (f.required ? fc.constant(true) : fc.boolean()))),
      extra: sometimes(
        6,
        fc.tuple(
          fc.constantFrom('__proto__', 'constructor', 'status', 'createdBy', 'limit[]', 'q[$ne]'),
          hostileText,
        ),
      ),
      rawBody: sometimes(8, fc.constantFrom(...RAW_JSON_BODIES)),
      contentType: sometimes(
        10,
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'multipart/form-data; boundary=x',
        ),
      ),
    })
    .chain((shape) =>
      fc
        .tuple(...fields.map((f, i) => value(f, shape.corrupt.includes(i))))
        .map((values) => build(op, token, fields, values, shape)),
    );
}

function build(
  op: Operation,
  token: Record<string, string>,
  fields: Field[],
  values: unknown[],
  shape: {
    corrupt: number[];
    present: boolean[];
    extra: [string, string] | null;
    rawBody: string | null;
    contentType: string | null;
  },
): FuzzRequest {
  const sent: string[] = [];
  const headers: Record<string, string> = { ...token };
  const query: string[] = [];
  const body: Record<string, unknown> = {};
  let url = op.path;
  fields.forEach((field, i) => {
    const corrupt = shape.corrupt.includes(i);
    if (!corrupt && !shape.present[i]) return;
    const value = values[i];
    if (field.where === 'body') {
      if (value === undefined) return;
      body[field.name] = value;
      if (corrupt) sent.push(...stringsIn(value));
      return;
    }
    const { text, sent: raw } = value as InUrl;
    if (corrupt) sent.push(raw);
    if (field.where === 'path') url = url.replace(`{${field.name}}`, text);
    else if (field.where === 'query') query.push(`${field.name}=${text}`);
    // Header values are bytes: what cannot travel in one is not a request a client can send.
    else if (/^[\x20-\x7e]*$/.test(raw)) headers[field.name] = raw;
  });
  if (shape.extra) {
    const [name, value] = shape.extra;
    sent.push(value);
    if (op.body) body[name] = value;
    else query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  if (query.length > 0) url += `?${query.join('&')}`;
  if (!op.body) return { method: op.method, url, headers, sent };
  headers['content-type'] = shape.contentType ?? 'application/json';
  return { method: op.method, url, headers, payload: shape.rawBody ?? JSON.stringify(body), sent };
}

/** Routes whose refusals must change nothing: everything but reads. */
const changesState = (method: string) => method !== 'GET';

describe('the API under fuzzed input', () => {
  it('documents at least every route the abuse suite knows', async () => {
    const document = (await world.app.inject({ url: '/api/v1/openapi.json' })).json();
    const routes = operations(document).map((op) => `${op.method} ${op.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/availability',
        'POST /api/v1/appointments',
        'POST /api/v1/appointments/{id}/reschedule',
        'POST /api/v1/resources/{id}/absences',
      ]),
    );
    // Pages are HTML, not API: they have their own fuzz suite.
    expect(routes.every((route) => route.split(' ')[1]?.startsWith('/api/'))).toBe(true);
  });

  it('never fails, refuses in problem+json, and a refusal changes nothing, on every route', async () => {
    const document = (await world.app.inject({ url: '/api/v1/openapi.json' })).json();
    const db = world.database.db;
    for (const op of operations(document)) {
      let baseline = await stateFingerprint(db);
      const property = fc.asyncProperty(requestsFor(op, world.staff.national_admin), async (request) => {
        const response: LightMyRequestResponse = await world.app.inject(request);
        expectRefusedProperly(response, 'problem', request.sent);
        if (!changesState(op.method)) return;
        const after = await stateFingerprint(db);
        if (response.statusCode >= 400)
          expect(after, 'a refused request changed the database').toEqual(baseline);
        baseline = after;
      });
      await assertWithSeed(`${op.method} ${op.path}`, property, RUNS);
      if (!changesState(op.method)) expect(await stateFingerprint(db)).toEqual(baseline);
    }
  });
});
