// WhatsApp and e-mail beside SMS, in two real providers' request shapes; each as a log adapter
// (demos, tests) and an HTTP adapter. Every request carries the message's idempotency key.
import { maskPhone } from '../platform/privacy/mask.js';
import type { MessageAdapter, OutgoingMessage } from './channels.js';

export interface HttpChannelConfig {
  /** WhatsApp: https://graph.facebook.com/v21.0/<phone-number-id>/messages; e-mail: the API's send URL. */
  url: string;
  /** Bearer token of the provider's API. */
  token: string;
  timeoutMs: number;
}

export interface HttpEmailConfig extends HttpChannelConfig {
  /** The sender address, e.g. citas@issste.gob.mx. */
  from: string;
  subject: string;
}

const maskEmail = (address: string) => `${address.slice(0, 1)}•••@${address.split('@')[1] ?? ''}`;

/** Writes the message to the log, the address masked and never the words (they name people and places). */
export function logChannelAdapter(
  channel: 'whatsapp' | 'email',
  log: (entry: Record<string, unknown>, message: string) => void,
): MessageAdapter {
  return {
    async send(message) {
      const to = channel === 'email' ? maskEmail(message.recipient) : maskPhone(message.recipient);
      log(
        { notification: message.id, channel, to, kind: message.kind },
        `${channel} ${message.kind} a ${to}`,
      );
      return { providerId: null };
    },
  };
}

async function post(config: HttpChannelConfig, message: OutgoingMessage, body: unknown) {
  const response = await fetch(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${config.token}`,
      'idempotency-key': message.idempotencyKey,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  if (!response.ok) throw new Error(`gateway answered ${response.status}`);
  return { response, answer: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/**
 * WhatsApp in the Cloud API's shape (a text message to +52 and the number). WhatsApp accepts free
 * text only within 24 hours of the person's last message; outside it the provider refuses, the
 * outbox retries and then marks the message failed (a template message would be the next step).
 */
export function httpWhatsAppAdapter(config: HttpChannelConfig): MessageAdapter {
  return {
    async send(message) {
      const { answer } = await post(config, message, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `52${message.recipient}`,
        type: 'text',
        text: { preview_url: true, body: message.body },
      });
      const id = (answer.messages as Array<{ id?: unknown }> | undefined)?.[0]?.id;
      return { providerId: typeof id === 'string' ? id : null };
    },
  };
}

/** E-mail in the shape of SendGrid's v3 mail/send (plain text); the key also rides as a custom argument. */
export function httpEmailAdapter(config: HttpEmailConfig): MessageAdapter {
  return {
    async send(message) {
      const { response } = await post(config, message, {
        personalizations: [{ to: [{ email: message.recipient }] }],
        from: { email: config.from },
        subject: config.subject,
        content: [{ type: 'text/plain', value: message.body }],
        custom_args: { citas_key: message.idempotencyKey },
      });
      return { providerId: response.headers.get('x-message-id') };
    },
  };
}
