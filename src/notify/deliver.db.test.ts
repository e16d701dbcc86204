import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { cancelAppointment } from '../booking/cancel.js';
import { formatFolio } from '../booking/folio.js';
import { composeQueuedSms } from '../cli/notices.js';
import { loadConfig } from '../config.js';
import { httpSmsAdapter, type OutgoingSms, type SmsAdapter } from './adapters.js';
import { type ComposeNotice, deliverDueNotifications, drainOutbox, MAX_ATTEMPTS } from './deliver.js';
import { enqueueSms } from './outbox.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const sentTo: OutgoingSms[] = [];
const recording: SmsAdapter = {
  async send(sms) {
    sentTo.push(sms);
    return { providerId: `SM${sms.id}` };
  },
};
const broken: SmsAdapter = {
  async send() {
    throw new Error('gateway down');
  },
};

const compose: ComposeNotice = (queued) =>
  composeQueuedSms(database.db, loadConfig({}).secrets, () => new Date())(queued);

const notificationsOf = (beneficiaryId: number) =>
  database.db
    .selectFrom('notifications')
    .selectAll()
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('id')
    .execute();

describe('the notification outbox', () => {
  it('queues a confirmation with the folio when booking, to the holder phone of a family member', async () => {
    const clinic = await aClinic(database.db);
    const holder = await aBeneficiary(database.db, clinic, { phone: '5587654321' });
    const child = await aBeneficiary(database.db, clinic, {
      holder_id: holder.id,
      category: 'hijo',
      phone: null,
    });
    const [slotId] = await freeSlots(database.db, clinic, 1);
    const { appointment } = await bookSlot(
      database.db,
      { curp: child.curp, slotId: slotId as number, channel: 'web', actor: 'test' },
      new Date(),
    );
    await cancelAppointment(
      database.db,
      { appointmentId: appointment.id, actor: 'test', channel: 'web', cutoffMinutes: 0 },
      new Date(),
    );
    const queued = await notificationsOf(child.id);
    expect(queued.map((n) => [n.kind, n.recipient, n.status])).toEqual([
      ['booked', '5587654321', 'pending'],
      ['cancelled', '5587654321', 'pending'],
    ]);
    // The booking statement queues the confirmation; its words are composed when it is sent.
    await deliverDueNotifications(database.db, recording, compose, new Date(Date.now() + 1000), 1000);
    const [sent] = await notificationsOf(child.id);
    expect(sent?.body).toContain(formatFolio(appointment.folio));
    expect(sent?.body).not.toContain('Rosa');
  });

  it('delivers due messages once and records the provider id', async () => {
    const person = await aBeneficiary(database.db, await aClinic(database.db));
    await enqueueSms(database.db, {
      recipient: '5511112222',
      beneficiaryId: person.id,
      kind: 'notice',
      body: 'Tu unidad cambió de horario',
    });
    const now = new Date(Date.now() + 1000);
    const first = await deliverDueNotifications(database.db, recording, compose, now, 1000);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const again = await deliverDueNotifications(database.db, recording, compose, now, 1000);
    expect(again.sent).toBe(0);
    const [notice] = await notificationsOf(person.id);
    expect(notice).toMatchObject({ status: 'sent', provider_id: `SM${notice?.id}`, attempts: 1 });
  });

  it('sends a burst larger than a round in one drain, each message once', async () => {
    const person = await aBeneficiary(database.db, await aClinic(database.db));
    for (let i = 0; i < 45; i++) {
      await enqueueSms(database.db, {
        recipient: '5511113333',
        beneficiaryId: person.id,
        kind: 'notice',
        body: `aviso ${i}`,
      });
    }
    const later = new Date(Date.now() + 1000);
    await drainOutbox(database.db, recording, compose, () => later, 20);
    const rows = await notificationsOf(person.id);
    expect(rows).toHaveLength(45);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('retries a failing message with growing delays and keeps it, visible, as failed in the end', async () => {
    const person = await aBeneficiary(database.db, await aClinic(database.db));
    await enqueueSms(database.db, {
      recipient: '5511112222',
      beneficiaryId: person.id,
      kind: 'notice',
      body: 'aviso',
    });
    let now = new Date(Date.now() + 1000);
    const delays: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDueNotifications(database.db, broken, compose, now, 1000);
      const [row] = await notificationsOf(person.id);
      delays.push((row?.next_attempt_at.getTime() ?? 0) - now.getTime());
      now = new Date((row?.next_attempt_at.getTime() ?? 0) + 1);
    }
    const [row] = await notificationsOf(person.id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'gateway down' });
    expect(delays.slice(0, 3)).toEqual([30_000, 60_000, 120_000]);
  });
});

describe('the HTTP SMS adapter', () => {
  it('posts a Twilio-shaped form with basic auth and returns the message sid', async () => {
    const received: { auth?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM123"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const adapter = httpSmsAdapter({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/Messages.json`,
        from: '+525540001000',
        account: 'AC1',
        token: 'secret',
        format: 'form',
        timeoutMs: 5000,
      });
      const result = await adapter.send({
        id: 1,
        recipient: '5512345678',
        kind: 'otp',
        body: 'hola',
        printable: null,
        idempotencyKey: 'citas-sms-test',
      });
      expect(result.providerId).toBe('SM123');
      const form = new URLSearchParams(received[0]?.body);
      expect([form.get('To'), form.get('From'), form.get('Body')]).toEqual([
        '+525512345678',
        '+525540001000',
        'hola',
      ]);
      expect(received[0]?.auth).toBe(`Basic ${Buffer.from('AC1:secret').toString('base64')}`);
    } finally {
      server.close();
    }
  });
});

describe('notices beside SMS', () => {
  it('goes by the channel the person chose when it is configured, and records the channel that carried it', async () => {
    const clinic = await aClinic(database.db);
    const phone = '5511112222';
    const person = await aBeneficiary(database.db, clinic, { email: 'ana@example.mx', phone });
    await sql`update beneficiaries set notice_channel = 'email' where id = ${person.id}`.execute(database.db);
    await enqueueSms(database.db, {
      recipient: phone,
      beneficiaryId: person.id,
      kind: 'notice',
      body: 'Hola.',
    });
    const byMail: OutgoingSms[] = [];
    const mail: SmsAdapter = {
      async send(message) {
        byMail.push(message);
        return { providerId: 'mail-1' };
      },
    };
    sentTo.length = 0;
    await deliverDueNotifications(
      database.db,
      { sms: recording, email: mail },
      compose,
      new Date(Date.now() + 1000),
      1000,
    );
    expect(byMail.map((m) => [m.recipient, m.body])).toEqual([['ana@example.mx', 'Hola.']]);
    expect(sentTo).toEqual([]);
    const [row] = await notificationsOf(person.id);
    expect(row).toMatchObject({ channel: 'email', status: 'sent', recipient: phone });

    // Without an e-mail adapter configured the same person's next notice goes by SMS.
    await enqueueSms(database.db, {
      recipient: phone,
      beneficiaryId: person.id,
      kind: 'notice',
      body: 'Otra.',
    });
    await deliverDueNotifications(database.db, recording, compose, new Date(Date.now() + 1000), 1000);
    expect(sentTo.map((m) => m.recipient)).toEqual([phone]);
    expect((await notificationsOf(person.id)).map((n) => n.channel)).toEqual(['email', 'sms']);
  });
});
