// Abuse case 13: telephony webhooks. Only the platform, proven by its signature, drives a call; a
// captured request replayed after its call ended, or into a later call with the same id, moves
// nothing; keys that no telephone sends change nothing (the caller hears the question again).
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/phone/verify.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const AUTH_TOKEN = 'abuse-suite-auth-token-0123456789';
const ORIGIN = 'http://localhost:80';
const world = aWorld({ env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
const CALLS = ['phone_calls'];

interface Captured {
  url: string;
  params: Record<string, string>;
  signature: string;
}

let calls = 0;
const aCallSid = () => `CAabuse${Date.now()}${++calls}`;

function signed(path: string, params: Record<string, string>, signature?: string): Captured {
  const url = `${ORIGIN}${path}`;
  return { url, params, signature: signature ?? twilioSignature(AUTH_TOKEN, url, params) };
}

const send = (request: Captured) =>
  world.app.inject({
    method: 'POST',
    url: request.url.slice(ORIGIN.length),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': request.signature },
    payload: new URLSearchParams(request.params).toString(),
  });

/** The first step URL of the answer (the <Gather> action), as the platform would call it. */
function gatherAction(body: string): string {
  const action = /<Gather[^>]* action="([^"]+)"/.exec(body)?.[1];
  if (!action) throw new Error('no Gather in the answer');
  return action.replaceAll('&amp;', '&').slice(ORIGIN.length);
}

describe('a webhook request', () => {
  it.each([
    ['without a signature', ''],
    [
      'with a signature made with another token',
      twilioSignature('not-the-token', `${ORIGIN}/phone/twiml/voice`, {}),
    ],
  ])('is refused %s and stores nothing', async (_name, signature) => {
    const request = signed('/phone/twiml/voice', { CallSid: aCallSid(), From: '+525512345678' }, signature);
    const response = await expectNothingChanged(world.database.db, () => send(request), CALLS);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'PHONE_REQUEST_UNVERIFIED' });
  });

  it.each([
    ['letters', 'ABC'],
    ['SQL', "1' OR '1'='1"],
    ['5,000 keys', '1'.repeat(5000)],
  ])('with %s as keys changes nothing, even signed: the question is asked again', async (_name, digits) => {
    const callSid = aCallSid();
    const greeting = await send(signed('/phone/twiml/voice', { CallSid: callSid, From: '+525512345678' }));
    const step = signed(gatherAction(greeting.body), { CallSid: callSid, Digits: digits });
    const response = await expectNothingChanged(world.database.db, () => send(step), CALLS);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Esa opción no es válida');
    expect(gatherAction(response.body)).toBe(gatherAction(greeting.body));
  });
});

describe('a captured step replayed', () => {
  it('after its call ended hangs up and stores nothing', async () => {
    const callSid = aCallSid();
    const greeting = await send(signed('/phone/twiml/voice', { CallSid: callSid, From: '+525512345678' }));
    const step = signed(gatherAction(greeting.body), { CallSid: callSid, Digits: '1' });
    expect((await send(step)).statusCode).toBe(200);
    await send(signed('/phone/twiml/status', { CallSid: callSid, CallStatus: 'completed' }));
    const replayed = await expectNothingChanged(world.database.db, () => send(step), CALLS);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.body).toContain('<Hangup/>');
    expect(replayed.body).toContain('Esta llamada ya terminó');
  });

  it('into a later call with the same id is not applied', async () => {
    const callSid = aCallSid();
    const start = signed('/phone/twiml/voice', { CallSid: callSid, From: '+525512345678' });
    const greeting = await send(start);
    const step = signed(gatherAction(greeting.body), { CallSid: callSid, Digits: '1' });
    await send(step);
    await send(signed('/phone/twiml/status', { CallSid: callSid, CallStatus: 'completed' }));
    // The replayed start opens a new call (as a new call would); the replayed step is from the old one.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await send(start);
    const replayed = await expectNothingChanged(world.database.db, () => send(step), CALLS);
    expect(replayed.statusCode).toBe(200);
    expect(gatherAction(replayed.body)).toBe(gatherAction(again.body));
  });
});
