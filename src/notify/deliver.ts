import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { SmsAdapter } from './adapters.js';

export const MAX_ATTEMPTS = 6;
const LEASE_SECONDS = 120;

/** 30 s, 1 min, 2 min, 4 min, … between attempts. */
export const retryDelaySeconds = (attempts: number) => 30 * 2 ** Math.max(0, attempts - 1);

/**
 * The key a message keeps across attempts: delivery is at least once (a process that dies after the
 * gateway accepted a message, before marking it sent, leaves it to be leased and sent again), and
 * the gateway drops the resend when it honours the key. Id and creation instant together stay
 * unique even if a restored database hands out the same ids again.
 */
export function idempotencyKey(sms: { id: number; created_at: Date }): string {
  const digest = createHash('sha256').update(`${sms.id}:${sms.created_at.toISOString()}`).digest('base64url');
  return `citas-sms-${digest.slice(0, 32)}`;
}

export interface DeliveryRound {
  sent: number;
  retried: number;
  failed: number;
}

/** Words a message queued without a body (a booking confirmation) from the appointment it names. */
export type ComposeNotice = (appointmentId: string, kind: string) => Promise<string>;

/**
 * Sends the messages that are due. Each is leased first (its next attempt pushed ahead), so several
 * workers or processes never send the same message twice at once, and a worker that dies mid-send
 * leaves the message to be retried after the lease.
 */
export async function deliverDueNotifications(
  db: Db,
  adapter: SmsAdapter,
  compose: ComposeNotice,
  now: Date,
  batch = 20,
): Promise<DeliveryRound> {
  const leased = await sql<{
    id: number;
    recipient: string;
    kind: string;
    body: string | null;
    appointment_id: string | null;
    printable: string | null;
    attempts: number;
    created_at: Date;
  }>`
    update notifications set attempts = attempts + 1,
      next_attempt_at = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
    where id in (
      select id from notifications
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at, id limit ${batch}
      for update skip locked)
    returning id, recipient, kind, body, appointment_id, printable, attempts, created_at`.execute(db);
  const round: DeliveryRound = { sent: 0, retried: 0, failed: 0 };
  for (const sms of leased.rows) {
    try {
      const body = sms.body ?? (await compose(sms.appointment_id as string, sms.kind));
      const { providerId } = await adapter.send({ ...sms, body, idempotencyKey: idempotencyKey(sms) });
      await db
        .updateTable('notifications')
        .set({ status: 'sent', sent_at: now, provider_id: providerId, last_error: null, body })
        .where('id', '=', sms.id)
        .execute();
      round.sent++;
    } catch (error) {
      const giveUp = sms.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('notifications')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: String((error as Error).message ?? error).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelaySeconds(sms.attempts) * 1000),
        })
        .where('id', '=', sms.id)
        .execute();
      if (giveUp) round.failed++;
      else round.retried++;
    }
  }
  return round;
}
