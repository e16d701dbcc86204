import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import {
  type MessageAdapter,
  type NoticeAdapters,
  type NoticeChannel,
  noticeChannelFor,
} from './channels.js';

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

/** A message queued without words: a booking confirmation, or a sign-in code (never stored). */
export interface QueuedWithoutBody {
  kind: string;
  appointmentId: string | null;
  signInCode: { id: number; send: number } | null;
}

/** The words of a message composed at delivery; `secret` words are sent and never stored. */
export interface ComposedSms {
  body: string;
  /** What the log adapter may show outside production (the code of a sign-in). */
  printable?: string;
  secret?: boolean;
}

/** Composes a message queued without words; null when it has nothing left to say (a dead code). */
export type ComposeNotice = (queued: QueuedWithoutBody) => Promise<ComposedSms | null>;

/**
 * Sends the messages that are due. Each is leased first (its next attempt pushed ahead), so several
 * workers or processes never send the same message twice at once, and a worker that dies mid-send
 * leaves the message to be retried after the lease.
 */
export async function deliverDueNotifications(
  db: Db,
  adapter: MessageAdapter | NoticeAdapters,
  compose: ComposeNotice,
  now: Date,
  batch = 20,
): Promise<DeliveryRound> {
  const adapters: NoticeAdapters = 'send' in adapter ? { sms: adapter } : adapter;
  // The person's chosen channel and e-mail come with the lease: one round trip.
  const leased = await sql<{
    id: number;
    recipient: string;
    kind: string;
    body: string | null;
    appointment_id: string | null;
    sign_in_code_id: number | null;
    code_send: number | null;
    attempts: number;
    created_at: Date;
    notice_channel: NoticeChannel | null;
    email: string | null;
  }>`
    with leased as (
      update notifications set attempts = attempts + 1,
        next_attempt_at = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
      where id in (
        select id from notifications
        where status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at, id limit ${batch}
        for update skip locked)
      returning id, recipient, kind, body, appointment_id, sign_in_code_id, code_send, attempts,
        created_at, beneficiary_id)
    select l.*, b.notice_channel, b.email
    from leased l left join beneficiaries b on b.id = l.beneficiary_id`.execute(db);
  const round: DeliveryRound = { sent: 0, retried: 0, failed: 0 };
  // A round's messages go to the gateway side by side: at the opening hour a sign-in code must not
  // wait behind the others of its round.
  const deliverOne = async (sms: (typeof leased.rows)[number]) => {
    let composed: ComposedSms | null = null;
    try {
      composed =
        sms.body === null
          ? await compose({
              kind: sms.kind,
              appointmentId: sms.appointment_id,
              signInCode:
                sms.sign_in_code_id === null ? null : { id: sms.sign_in_code_id, send: sms.code_send ?? 0 },
            })
          : { body: sms.body };
      if (composed === null) {
        // A code superseded, used, expired or exhausted before it could leave: nothing to send.
        await db
          .updateTable('notifications')
          .set({ status: 'failed', last_error: 'nothing left to send' })
          .where('id', '=', sms.id)
          .execute();
        round.failed++;
        return;
      }
      const channel = noticeChannelFor(
        { kind: sms.kind, preference: sms.notice_channel, email: sms.email },
        adapters,
      );
      const { providerId } = await (adapters[channel] ?? adapters.sms).send({
        id: sms.id,
        recipient: channel === 'email' ? (sms.email ?? sms.recipient) : sms.recipient,
        kind: sms.kind,
        body: composed.body,
        printable: composed.printable ?? null,
        idempotencyKey: idempotencyKey(sms),
      });
      await db
        .updateTable('notifications')
        .set({
          status: 'sent',
          channel,
          sent_at: now,
          provider_id: providerId,
          last_error: null,
          ...(composed.secret ? {} : { body: composed.body }),
        })
        .where('id', '=', sms.id)
        .execute();
      round.sent++;
    } catch (error) {
      const giveUp = sms.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('notifications')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: withoutSecret(String((error as Error).message ?? error), composed).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelaySeconds(sms.attempts) * 1000),
        })
        .where('id', '=', sms.id)
        .execute();
      if (giveUp) round.failed++;
      else round.retried++;
    }
  };
  await Promise.all(leased.rows.map(deliverOne));
  return round;
}

const leasedIn = (round: DeliveryRound) => round.sent + round.retried + round.failed;

/**
 * Sends everything due now, round after round while rounds come back full, so a burst of sign-in
 * codes leaves at the gateway's pace rather than one round per tick of the worker.
 */
export async function drainOutbox(
  db: Db,
  adapter: MessageAdapter | NoticeAdapters,
  compose: ComposeNotice,
  clock: () => Date,
  batch = 50,
): Promise<DeliveryRound> {
  const total: DeliveryRound = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const round = await deliverDueNotifications(db, adapter, compose, clock(), batch);
    total.sent += round.sent;
    total.retried += round.retried;
    total.failed += round.failed;
    if (leasedIn(round) < batch) return total;
  }
}

/** A gateway's error may echo what it was sent: a secret message's words never stay in the row. */
function withoutSecret(message: string, composed: ComposedSms | null): string {
  if (!composed?.secret) return message;
  return [composed.body, composed.printable]
    .filter((part): part is string => Boolean(part))
    .reduce((text, part) => text.replaceAll(part, '[…]'), message);
}
