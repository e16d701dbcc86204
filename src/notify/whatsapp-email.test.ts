import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from './channels.js';
import { httpEmailAdapter, httpWhatsAppAdapter, logChannelAdapter } from './whatsapp-email.js';

const received: Array<{ url: string; headers: IncomingHttpHeaders; body: unknown }> = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    received.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(body) });
    if (request.url?.includes('/messages')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ messages: [{ id: 'wamid.ABC' }] }));
    } else {
      response.writeHead(202, { 'x-message-id': 'sg-123' });
      response.end();
    }
  });
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (recipient: string): OutgoingMessage => ({
  id: 7,
  recipient,
  kind: 'notice',
  body: 'Citas ISSSTE: recuerda tu cita.',
  printable: null,
  idempotencyKey: 'citas-sms-key',
});

describe('WhatsApp and e-mail adapters', () => {
  it('send WhatsApp in the Cloud API shape, with the bearer token and the idempotency key', async () => {
    const adapter = httpWhatsAppAdapter({
      url: `${origin}/v21.0/123/messages`,
      token: 'tok',
      timeoutMs: 5000,
    });
    expect(await adapter.send(message('5512345678'))).toEqual({ providerId: 'wamid.ABC' });
    const request = received.at(-1);
    expect(request?.headers.authorization).toBe('Bearer tok');
    expect(request?.headers['idempotency-key']).toBe('citas-sms-key');
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'text',
      text: { preview_url: true, body: 'Citas ISSSTE: recuerda tu cita.' },
    });
  });

  it('send e-mail in the shape of SendGrid v3 mail/send', async () => {
    const adapter = httpEmailAdapter({
      url: `${origin}/v3/mail/send`,
      token: 'key',
      timeoutMs: 5000,
      from: 'citas@example.mx',
      subject: 'Citas ISSSTE',
    });
    expect(await adapter.send(message('ana@example.mx'))).toEqual({ providerId: 'sg-123' });
    expect(received.at(-1)?.body).toEqual({
      personalizations: [{ to: [{ email: 'ana@example.mx' }] }],
      from: { email: 'citas@example.mx' },
      subject: 'Citas ISSSTE',
      content: [{ type: 'text/plain', value: 'Citas ISSSTE: recuerda tu cita.' }],
      custom_args: { citas_key: 'citas-sms-key' },
    });
  });

  it('log the address masked and never the words', async () => {
    const lines: Array<[Record<string, unknown>, string]> = [];
    await logChannelAdapter('email', (entry, text) => lines.push([entry, text])).send(
      message('ana@example.mx'),
    );
    expect(lines).toEqual([
      [
        { notification: 7, channel: 'email', to: 'a•••@example.mx', kind: 'notice' },
        'email notice a a•••@example.mx',
      ],
    ]);
  });
});
