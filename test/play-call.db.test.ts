// docs/telephony.md's "Play a call with curl" is scripts/play-call.sh; this runs it, with curl,
// against a served app with the demo data, so that the documented call keeps working.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from '../src/platform/i18n/phone-messages.js';
import { seedDemoNetwork } from '../src/seed/demo-network.js';
import { testApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const run = promisify(execFile);
let database: TestDatabase;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoNetwork(database.db, new Date());
  // No change cut-off: the earliest time may start within the default two hours, and the call must
  // cancel it whatever the hour the suite runs at.
  app = await testApp(database.db, {
    env: { PHONE_AGENT_NUMBER: '+525540001001', CHANGE_CUTOFF_MINUTES: '0' },
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
}, 180_000);
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('scripts/play-call.sh (docs/telephony.md, "Play a call with curl")', () => {
  it('is the script the telephony page tells integrators to run', async () => {
    const page = await readFile('docs/telephony.md', 'utf8');
    expect(page).toContain('### Play a call with curl');
    expect(page).toContain('scripts/play-call.sh');
  });

  it('plays María Guadalupe’s call to its end: books, hears, cancels, then asks for an agent', async () => {
    const { stdout } = await run('bash', ['scripts/play-call.sh'], {
      env: { ...process.env, CITAS_URL: url },
    });
    const heard = stdout.replaceAll('&amp;', '&');
    for (const line of [
      PHONE.privacy,
      'Hola, María Guadalupe.',
      'Vas a agendar Medicina familiar para ti',
      PHONE.booked,
      PHONE.cancelled,
      `${PHONE.goodbye}\n  [Hangup]`,
      '[Dial] +525540001001',
      'Un asesor te llamará al número terminado en siete, ocho.',
    ]) {
      expect(heard).toContain(line);
    }
    expect(heard).not.toContain(PHONE.technicalFailure);
    expect(heard).not.toContain(PHONE.invalidOption);
  }, 120_000);
});
