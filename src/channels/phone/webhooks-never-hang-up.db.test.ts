// The phone line never drops a caller because of what a request carries: whatever reaches the
// webhooks (junk keys, thousands of them, unknown steps, expired or foreign call keys, missing
// fields, replays, other methods, empty or unparseable bodies) is answered with valid TwiML or
// VoiceXML — the question again, or a goodbye that says where to call. Only a request that fails the
// platform's signature is refused (docs/telephony.md, "The phone line never hangs up on input").
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { expectNothingChanged } from '../../../test/support/fingerprint.js';
import { checkTwiml, checkVxml, parseXml } from '../../../test/support/voice-markup.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { twilioSignature } from './verify.js';

let database: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const FORM = 'application/x-www-form-urlencoded';
let calls = 0;
const aCallSid = () => `CAfuzz${process.pid}x${++calls}`;

/** Parses the answer as the platform would and checks it against TwiML or VoiceXML 2.1. */
function expectValidMarkup(response: LightMyRequestResponse, path: string) {
  if (path === '/phone/twiml/status' && response.statusCode === 204) return;
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  const vxml = path.startsWith('/phone/vxml');
  expect(response.headers['content-type']).toContain(vxml ? 'application/voicexml+xml' : 'text/xml');
  const root = parseXml(response.body);
  if (vxml) checkVxml(root);
  else checkTwiml(root);
}

const post = (url: string, form: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': FORM },
    payload: new URLSearchParams(form).toString(),
  });

/** A TwiML call in progress: its id and the step URL (path and query) of its current question. */
async function aTwimlCall() {
  const callSid = aCallSid();
  const greeting = await post('/phone/twiml/voice', { CallSid: callSid, From: 'anonymous' });
  const action = /<Gather[^>]* action="([^"]+)"/.exec(greeting.body)?.[1] ?? '';
  return {
    callSid,
    step: new URL(action.replaceAll('&amp;', '&')).pathname + new URL(action.replaceAll('&amp;', '&')).search,
  };
}

/** A VoiceXML call in progress: the step URL of its current question. */
async function aVxmlCall() {
  const start = await post('/phone/vxml/voice?start=1', { From: 'sip:anonymous@invalid' });
  const next = /<submit next="([^"]+)"/.exec(start.body)?.[1] ?? '';
  const url = new URL(next.replaceAll('&amp;', '&'));
  return { step: url.pathname + url.search };
}

describe('a TwiML step with keys no telephone sends', () => {
  it.each([
    ['5,000 keys', '1'.repeat(5000)],
    ['letters', 'ABC'],
    ['SQL', "1' OR '1'='1"],
    ['control characters', '1\u0000\u001b[2J'],
  ])('(%s) hears the question again, and nothing is stored', async (_name, digits) => {
    const { callSid, step } = await aTwimlCall();
    const response = await expectNothingChanged(
      database.db,
      () => post(step, { CallSid: callSid, Digits: digits }),
      ['phone_calls'],
    );
    expectValidMarkup(response, step);
    expect(response.body).toContain(PHONE.invalidOption);
    expect(response.body).toContain('<Gather');
  });
});

describe('a request that cannot be followed gets a goodbye with the number to call', () => {
  it.each<[string, () => Promise<LightMyRequestResponse>]>([
    ['no CallSid', () => post('/phone/twiml/voice', { From: '+525512345678' })],
    [
      'an empty body',
      () =>
        app.inject({
          method: 'POST',
          url: '/phone/twiml/voice',
          headers: { 'content-type': FORM },
          payload: '',
        }),
    ],
    [
      'a body of another type',
      () =>
        app.inject({
          method: 'POST',
          url: '/phone/twiml/voice',
          headers: { 'content-type': 'text/csv' },
          payload: 'a,b',
        }),
    ],
    [
      'malformed JSON',
      () =>
        app.inject({
          method: 'POST',
          url: '/phone/twiml/voice',
          headers: { 'content-type': 'application/json' },
          payload: '{"CallSid":',
        }),
    ],
    [
      'a body over the limit',
      () => post('/phone/twiml/voice', { CallSid: aCallSid(), Digits: '1'.repeat(40_000) }),
    ],
    ['another method', () => app.inject({ method: 'PUT', url: '/phone/twiml/voice' })],
    ['an unknown path', () => app.inject({ method: 'POST', url: '/phone/twiml/otra-cosa' })],
    [
      'a bad percent escape in the query',
      () => post('/phone/twiml/voice?s=%E0%A4%A&k=%ZZ', { CallSid: aCallSid(), Digits: '1' }),
    ],
    [
      'a step of a call nobody knows',
      () => post('/phone/twiml/voice?s=3&k=abc', { CallSid: aCallSid(), Digits: '1' }),
    ],
  ])('(%s)', async (_name, send) => {
    const response = await send();
    expectValidMarkup(response, '/phone/twiml/voice');
    expect(response.body).toContain('<Hangup/>');
    expect(response.body).toContain('llama al cinco, cinco, cuatro, cero, cero, cero, uno, cero, cero, cero');
  });

  it('(VoiceXML: an unreadable call id, a bad percent escape, a body of another type)', async () => {
    for (const response of [
      await post('/phone/vxml/voice?call=not-a-uuid&s=1', { Digits: '1' }),
      await post('/phone/vxml/voice?call=%ZZ&s=1', { Digits: '1' }),
      await app.inject({
        method: 'POST',
        url: '/phone/vxml/voice?start=1',
        headers: { 'content-type': 'text/csv' },
        payload: 'x',
      }),
    ]) {
      expectValidMarkup(response, '/phone/vxml/voice');
      expect(response.body).toContain('<disconnect/>');
    }
  });
});

describe('the webhooks under any input (property-based)', () => {
  const junkText = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '',
      '1',
      '#',
      '*',
      '0 1 2',
      '12041978',
      '1'.repeat(5000),
      '-1',
      '99999999',
      'silence',
      'agent',
      'invalid',
    ),
  );
  const fields = fc.dictionary(
    fc.constantFrom('CallSid', 'Digits', 'From', 'DialCallStatus', 'CallStatus', 'agent', 'To', 'x'),
    junkText,
  );
  const query = fc.dictionary(fc.constantFrom('s', 'k', 'event', 'call', 'start', 'zz'), junkText);
  const path = fc.constantFrom(
    '/phone/twiml/voice',
    '/phone/vxml/voice',
    '/phone/twiml/status',
    '/phone/vxml/otra',
  );
  const contentType = fc.constantFrom(
    FORM,
    'application/json',
    'text/plain',
    'text/xml',
    'multipart/form-data',
    undefined,
  );
  const method = fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE');

  it('always answers valid TwiML or VoiceXML (or 204 on the status callback)', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, fields, contentType, async (m, p, q, f, type) => {
        const search = new URLSearchParams(q).toString();
        const body = type === 'application/json' ? JSON.stringify(f) : new URLSearchParams(f).toString();
        const response = await app.inject({
          method: m,
          url: `${p}${search ? `?${search}` : ''}`,
          headers: type ? { 'content-type': type } : {},
          payload: m === 'GET' ? undefined : body,
        });
        expectValidMarkup(response, p);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a call in progress answerable whatever its steps carry', async () => {
    const twiml = await aTwimlCall();
    const vxml = await aVxmlCall();
    const tamper = fc.record({
      platform: fc.constantFrom('twiml', 'vxml'),
      seq: fc.oneof(fc.constant<string | null>(null), fc.constantFrom('1', '2', '0', '999999', 'x')),
      key: fc.boolean(),
      event: fc.option(fc.constantFrom('silence', 'invalid', 'agent', 'nope')),
      digits: fc.option(junkText),
    });
    await fc.assert(
      fc.asyncProperty(tamper, async (t) => {
        const base = new URL(`http://x${t.platform === 'twiml' ? twiml.step : vxml.step}`);
        if (t.seq !== null) base.searchParams.set('s', t.seq);
        if (!t.key) base.searchParams.set('k', 'zzzz');
        if (t.event) base.searchParams.set('event', t.event);
        const form: Record<string, string> = t.platform === 'twiml' ? { CallSid: twiml.callSid } : {};
        if (t.digits !== null) form.Digits = t.digits;
        const response = await post(base.pathname + base.search, form);
        expectValidMarkup(response, base.pathname);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a request that fails the platform’s signature', () => {
  it('is still refused: it does not come from the platform', async () => {
    const signed = await testApp(database.db, {
      env: { TWILIO_AUTH_TOKEN: 'fuzz-suite-auth-token-0123456789' },
    });
    try {
      const form = { CallSid: aCallSid(), Digits: '1'.repeat(5000) };
      const response = await signed.inject({
        method: 'POST',
        url: '/phone/twiml/voice',
        headers: {
          'content-type': FORM,
          'x-twilio-signature': twilioSignature(
            'another-token',
            'http://localhost:80/phone/twiml/voice',
            form,
          ),
        },
        payload: new URLSearchParams(form).toString(),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'PHONE_REQUEST_UNVERIFIED' });
    } finally {
      await signed.close();
    }
  });
});
