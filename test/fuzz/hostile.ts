// Values an attacker (or a broken client) sends instead of the ones a field expects, and the checks
// every refused answer must pass. Shared by the API's and the pages' fuzz suites.
import fc from 'fast-check';
import { expect } from 'vitest';

/** The seed of every fuzz run: fixed, so a failure replays; FUZZ_SEED explores other inputs. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** Numbers written as text: overflow, signs, other notations, the edges of safe integers. */
const NUMERIC_TEXT = [
  '1e400',
  '-1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  '-0',
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  ' 7',
  '9007199254740991',
  '9007199254740992',
  '99999999999999999999999',
  '2147483648',
  '-2147483649',
];

/** Dates in the right shape that are not dates, or sit at the ends of the calendar. */
const DATE_TEXT = [
  '2026-13-45',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '1900-01-01',
  '2026-1-1',
  '20261201',
];

/** Text that attacks parsers, SQL, HTML, logs and look-alike matching. */
const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE appointments; --',
  "x' UNION SELECT curp FROM beneficiaries --",
  '<script>alert("citas")</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}#{7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'true',
  '[]',
  '{}',
  '',
  ' ',
  '\u0000',
  'line\r\nSet-Cookie: x=1',
  '\u202Eevil\u202C',
  'a\u200Bb\u200Dc\uFEFF',
  '👩🏽‍⚕️🏥',
  'ＡＢＣＤ８０１２３１ＨＤＦ',
  'ÑANDÚ Ñoño',
  'مرحبا',
  '%00',
  '%2e%2e%2f',
  '%E0%A4%A',
  '%',
];

/** Hostile text of every kind, bounded lengths included (4,000 characters, beyond every maxLength). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  // Numbers that overflow to Infinity come first: text → number is where bounds were lost.
  { weight: 2, arbitrary: fc.constantFrom('1e400', '-1e400', 'Infinity', '9'.repeat(400)) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_TEXT) },
  { weight: 1, arbitrary: fc.constantFrom(...DATE_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 81, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.constant('9'.repeat(4000)) },
);

/**
 * Hostile text shaped like a field's good value, half the time: a day gets days that are not days,
 * a number gets numbers that overflow or are not integers; the rest is any hostile text.
 */
export function hostileLike(example: string): fc.Arbitrary<string> {
  if (/^\d{4}-\d{2}-\d{2}/.test(example)) return fc.oneof(fc.constantFrom(...DATE_TEXT), hostileText);
  if (/^\d+$/.test(example)) return fc.oneof(fc.constantFrom(...NUMERIC_TEXT), hostileText);
  return hostileText;
}

/** Raw URL fragments that are not valid percent-encoding of UTF-8, sent as they are. */
export const BAD_ESCAPES = ['%', '%ZZ', '%E0%A4%A', '%FF', '%C0%AF', '%u0041', '%%30'];

/** A JSON value of the wrong type or size for any field. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(-0, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e300, Number.MAX_VALUE, true, false, null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({ __proto__: { admin: true } }),
);

/** Whole bodies no parser should accept quietly: broken JSON, non-finite numbers, other shapes. */
export const RAW_JSON_BODIES = [
  '{',
  '{"slotId":1e400}',
  '{"slotId":-1e400,"curp":"x","channel":"agent"}',
  '{"slotId":-0}',
  '[]',
  'null',
  '"texto"',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '\uFEFF{}',
];

const SPANISH = /\b(el|la|los|las|de|del|no|un|una|que|en|con|por|para|es|se|esta?|tu)\b|[áéíóúñ¿¡]/i;

/**
 * A refused request: a 4xx, never a 5xx, in the channel's shape (problem+json with a stable code and
 * a Spanish detail, or a Spanish HTML page), without any of the hostile text sent.
 */
export function expectRefusedProperly(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  kind: 'problem' | 'page',
  sent: readonly string[],
) {
  expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
  if (response.statusCode < 400) return;
  const type = String(response.headers['content-type'] ?? '');
  if (kind === 'problem') {
    expect(type).toContain('application/problem+json');
    const problem = JSON.parse(response.body) as { code?: unknown; detail?: unknown; status?: unknown };
    expect(problem.code).toMatch(/^[A-Z_]+$/);
    expect(problem.status).toBe(response.statusCode);
    expect(String(problem.detail)).toMatch(SPANISH);
  } else {
    expect(type).toContain('text/html');
    expect(response.body).toContain('lang="es-MX"');
    expect(response.body).toMatch(/<h1>[^<]+<\/h1>/);
  }
  for (const text of sent) {
    if (text.length >= 8) expect(response.body, 'a refusal echoes what was sent').not.toContain(text);
  }
}

/** The strings inside a generated value, to check that no refusal repeats them. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
}

/** Runs a property with the fixed seed; a failure names what was fuzzed and the seed to replay it. */
export async function assertWithSeed<T>(what: string, property: fc.IAsyncProperty<T>, numRuns: number) {
  try {
    await fc.assert(property, { seed: FUZZ_SEED, numRuns, endOnFailure: true });
  } catch (error) {
    throw new Error(`${what} (FUZZ_SEED=${FUZZ_SEED}): ${(error as Error).message}`);
  }
}

/** `arbitrary`'s value once in `oneIn` draws, null otherwise. */
export const sometimes = <T>(oneIn: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
