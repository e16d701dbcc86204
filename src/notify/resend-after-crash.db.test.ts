import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic } from '../../test/support/factories.js';
import { httpSmsAdapter, type SmsAdapter } from './adapters.js';
import { deliverDueNotifications } from './deliver.js';
import { enqueueSms } from './outbox.js';

let database: TestDatabase;
let gateway: Server;
/** What the fake gateway received: the key of each request and the messages it would hand on. */
const received: { key: string | undefined; body: string }[] = [];
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      res.writeHead(201, { 'content-type': 'application/json' }).end(`{"sid":"SM${received.length}"}`);
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/Messages.json`;
});
afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await database.drop();
});

const noCompose = async () => ({ body: 'unused' });

describe('an SMS resent after a crash', () => {
  it('carries the same idempotency key both times, so the gateway can send it once', async () => {
    const clinic = await aClinic(database.db);
    const person = await aBeneficiary(database.db, clinic);
    await enqueueSms(database.db, {
      recipient: '5512340000',
      beneficiaryId: person.id,
      kind: 'notice',
      body: 'Tu cita quedó confirmada.',
    });
    const http = httpSmsAdapter({
      url,
      from: '+525540001000',
      format: 'form',
      timeoutMs: 5000,
      referenceField: 'client_ref',
    });
    // The process dies once the gateway accepted the message, before it is marked sent.
    const dying: SmsAdapter = {
      async send(sms) {
        await http.send(sms);
        return new Promise(() => undefined);
      },
    };
    const start = new Date(Date.now() + 1000);
    void deliverDueNotifications(database.db, dying, noCompose, start);
    await expect.poll(() => received.length).toBe(1);

    // Another process leases it once the lease has run out, and sends it again.
    const afterLease = new Date(start.getTime() + 10 * 60_000);
    const round = await deliverDueNotifications(database.db, http, noCompose, afterLease);
    expect(round.sent).toBe(1);

    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(first?.key).toMatch(/^citas-sms-[A-Za-z0-9_-]{32}$/);
    expect(second?.key).toBe(first?.key);
    expect(new URLSearchParams(second?.body).get('client_ref')).toBe(first?.key);
    // A gateway that deduplicates by key hands the message on once.
    expect(new Set(received.map((r) => r.key)).size).toBe(1);
  });

  it('gives different messages different keys', async () => {
    const clinic = await aClinic(database.db);
    const person = await aBeneficiary(database.db, clinic);
    for (const body of ['uno', 'dos'])
      await enqueueSms(database.db, {
        recipient: '5512340001',
        beneficiaryId: person.id,
        kind: 'notice',
        body,
      });
    received.length = 0;
    const http = httpSmsAdapter({ url, from: '+525540001000', format: 'json', timeoutMs: 5000 });
    await deliverDueNotifications(database.db, http, noCompose, new Date(Date.now() + 60 * 60_000));
    expect(received).toHaveLength(2);
    expect(received[0]?.key).not.toBe(received[1]?.key);
  });
});
