import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { placeCall } from '../../../test/support/phone-caller.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { twilioSignature, VXML_SECRET_HEADER } from './verify.js';

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const VXML_SECRET = 'a-long-shared-secret-for-vxml';
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, {
    env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PHONE_VXML_SECRET: VXML_SECRET },
  });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const params = { CallSid: 'CAverification0001', From: '+525500000001', To: '+525540001000' };
const body = new URLSearchParams(params).toString();
const callsStored = async () =>
  Number(
    (
      await database.db
        .selectFrom('phone_calls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('who may drive a call', () => {
  it('answers a request signed with the auth token over the URL and the sorted parameters', async () => {
    const { greeting } = await placeCall(app, 'twiml', { from: null, authToken: AUTH_TOKEN });
    expect(greeting.text).toContain(PHONE.askAffiliation);
  });

  it('refuses a badly signed or unsigned TwiML request with 403 and stores nothing', async () => {
    const before = await callsStored();
    const wrongToken = twilioSignature('another-token', 'http://localhost:80/phone/twiml/voice', params);
    // Signed for other parameters: a changed keypress must not pass.
    const otherParams = twilioSignature(AUTH_TOKEN, 'http://localhost:80/phone/twiml/voice', {
      ...params,
      Digits: '1',
    });
    for (const signature of [wrongToken, otherParams, undefined]) {
      const response = await app.inject({
        method: 'POST',
        url: '/phone/twiml/voice',
        headers: signature ? { ...form, 'x-twilio-signature': signature } : form,
        payload: body,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'PHONE_REQUEST_UNVERIFIED', status: 403 });
    }
    expect(await callsStored()).toBe(before);
  });

  it('signs over the configured public origin when Citas sits behind a proxy', async () => {
    const proxied = await testApp(database.db, {
      env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PHONE_PUBLIC_URL: 'https://citas.example.mx' },
    });
    try {
      const signedFor = (origin: string) =>
        twilioSignature(AUTH_TOKEN, `${origin}/phone/twiml/voice`, params);
      const post = (signature: string) =>
        proxied.inject({
          method: 'POST',
          url: '/phone/twiml/voice',
          headers: { ...form, 'x-twilio-signature': signature },
          payload: body,
        });
      expect((await post(signedFor('http://localhost:80'))).statusCode).toBe(403);
      const ok = await post(signedFor('https://citas.example.mx'));
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toMatch(
        /action="https:\/\/citas\.example\.mx\/phone\/twiml\/voice\?s=1&amp;k=[0-9a-z]+"/,
      );
    } finally {
      await proxied.close();
    }
  });

  it('answers VoiceXML requests with the shared secret and refuses the rest', async () => {
    const { greeting } = await placeCall(app, 'vxml', { from: null, vxmlSecret: VXML_SECRET });
    expect(greeting.text).toContain(PHONE.askAffiliation);
    for (const secret of ['not-the-secret', undefined]) {
      const response = await app.inject({
        method: 'POST',
        url: '/phone/vxml/voice?start=1',
        headers: secret ? { ...form, [VXML_SECRET_HEADER]: secret } : form,
        payload: 'From=tel%3A%2B525500000001',
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('PHONE_REQUEST_UNVERIFIED');
    }
  });
});
