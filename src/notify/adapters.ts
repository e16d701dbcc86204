import { maskPhone } from '../platform/privacy/mask.js';

export interface OutgoingSms {
  id: number;
  recipient: string;
  kind: string;
  body: string;
  printable: string | null;
  /**
   * The same for every attempt at this message (see deliver.ts): a gateway that honours it sends a
   * message resent after a crash only once.
   */
  idempotencyKey: string;
}

export interface SmsAdapter {
  /** Resolves with the provider's id for the message, or throws to have it retried. */
  send(sms: OutgoingSms): Promise<{ providerId: string | null }>;
}

/**
 * Demos and tests: writes the message to the log with the phone masked and only the code visible —
 * unless `showCodes` is off (production), since a log that shows live codes signs anyone in.
 */
export function logSmsAdapter(
  log: (entry: Record<string, unknown>, message: string) => void,
  options: { showCodes: boolean },
): SmsAdapter {
  return {
    async send(sms) {
      const code = options.showCodes ? (sms.printable ?? undefined) : undefined;
      log(
        { notification: sms.id, to: maskPhone(sms.recipient), kind: sms.kind, code },
        code
          ? `SMS ${sms.kind} a ${maskPhone(sms.recipient)}: código ${code}`
          : `SMS ${sms.kind} a ${maskPhone(sms.recipient)}`,
      );
      return { providerId: null };
    },
  };
}

export interface HttpSmsConfig {
  url: string;
  from: string;
  account?: string;
  token?: string;
  format: 'form' | 'json';
  timeoutMs: number;
  /** A body field that also carries the idempotency key, for gateways that take a client reference. */
  referenceField?: string;
}

/**
 * An SMS gateway over HTTP in the shape of Twilio's Messages API (To, From, Body; basic auth with
 * account and token), which SignalWire, Telnyx and most Mexican aggregators accept. Every request
 * carries the message's `Idempotency-Key` header (and, when configured, the same key in a body
 * field), identical on every attempt at the same message.
 */
export function httpSmsAdapter(config: HttpSmsConfig): SmsAdapter {
  return {
    async send(sms) {
      const fields: Record<string, string> = { To: `+52${sms.recipient}`, From: config.from, Body: sms.body };
      if (config.referenceField) fields[config.referenceField] = sms.idempotencyKey;
      const headers: Record<string, string> = {
        'content-type': config.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
        'idempotency-key': sms.idempotencyKey,
      };
      if (config.account) {
        headers.authorization = `Basic ${Buffer.from(`${config.account}:${config.token ?? ''}`).toString('base64')}`;
      }
      const response = await fetch(config.url, {
        method: 'POST',
        headers,
        body: config.format === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      const answer = (await response.json().catch(() => ({}))) as { sid?: unknown; id?: unknown };
      const id = answer.sid ?? answer.id;
      return { providerId: typeof id === 'string' ? id : null };
    },
  };
}
