// Abuse case 10: parser abuse. Oversized bodies, deep nesting, prototype keys, odd encodings and
// control characters get a clear 4xx, change nothing, and cannot forge or garble a log line.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TEST_LOG_DIR } from '../support/app.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const world = aWorld();
const TEN_MB = 10 * 1024 * 1024;

const postJson = (payload: string | Buffer, contentType = 'application/json') =>
  world.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...world.staff.agent, 'content-type': contentType },
    payload,
  });

describe('a hostile request body', () => {
  it.each([
    ['10 MB of JSON', () => postJson(`{"curp":"${'A'.repeat(TEN_MB)}"}`), 413, 'BODY_TOO_LARGE'],
    [
      'JSON nested 5,000 deep',
      () => postJson(`{"curp":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      400,
      'VALIDATION_FAILED',
    ],
    ['a __proto__ key', () => postJson('{"__proto__":{"isAdmin":true},"slotId":1}'), 400, 'INVALID_JSON'],
    [
      'a constructor.prototype key',
      () => postJson('{"constructor":{"prototype":{"x":1}}}'),
      400,
      'INVALID_JSON',
    ],
    [
      'bytes that are not UTF-8',
      () =>
        postJson(
          Buffer.concat([
            Buffer.from('{"curp":"'),
            Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
            Buffer.from('","slotId":1,"channel":"agent"}'),
          ]),
        ),
      400,
      'INVALID_CURP',
    ],
    [
      'a form where JSON is expected',
      () => postJson('curp=X&slotId=1', 'application/x-www-form-urlencoded'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['XML', () => postJson('<cita/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s is refused with a problem document', async (_name, send, status, code) => {
    const response = await expectNothingChanged(world.database.db, send);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, code });
  });

  it('10 MB posted to the portal sign-in gets a Spanish page, not a crash', async () => {
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: '/entrar',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: `curp=${'A'.repeat(TEN_MB)}`,
      }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('lang="es-MX"');
  });
});

describe('control characters aimed at the logs', () => {
  it('stay inside one JSON log line, escaped', async () => {
    // Letters only: a long run of digits is masked in the logs like a phone number would be.
    const marker = `inyeccion${Date.now()
      .toString(36)
      .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? '')}`;
    const forged = `\r\n{"level":30,"msg":"admin signed in ${marker}"}\r\n\u001b[2J\u001b[31m`;
    await world.app.inject({
      url: `/api/v1/beneficiaries?q=${encodeURIComponent(`${marker}${forged}`)}`,
      headers: world.staff.agent,
    });
    await world.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: { ...world.staff.agent, 'content-type': 'application/json' },
      payload: JSON.stringify({ curp: `${marker}${forged}`, slotId: 1, channel: 'agent' }),
    });
    await world.app.inject({ url: `/${marker}${forged.replace(/[\r\n]/g, '')}` });
    const lines = await logLinesMentioning(marker);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect([...line].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false);
      expect(line.startsWith('{"level":30,"msg":"admin')).toBe(false);
    }
  });
});

/** This worker's server log lines that mention `marker`, once the log stream has written them. */
async function logLinesMentioning(marker: string): Promise<string[]> {
  for (let wait = 0; wait < 40; wait++) {
    const log = await readFile(`${TEST_LOG_DIR}/worker-${process.pid}.log`, 'utf8').catch(() => '');
    const lines = log.split('\n').filter((line) => line.includes(marker));
    if (lines.length > 0) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return [];
}
