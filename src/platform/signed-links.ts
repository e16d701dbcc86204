import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-tap links sent by SMS (a waitlist offer, a reminder, a closure's proposed time): `purpose.id.expiry.signature`, an HMAC
 * over the rest with a key the database never sees. A link is good for one purpose and one record
 * until it expires; being single-use is the record's business (an offer taken, a reminder answered).
 */
export type LinkPurpose = 'offer' | 'reminder' | 'proposal';

export type LinkCheck =
  | { ok: true; id: string }
  | { ok: false; reason: 'forged' | 'expired' | 'wrong_purpose' };

const SHAPE = /^(offer|reminder|proposal)\.([0-9a-f-]{1,36})\.([0-9]{1,12})\.([A-Za-z0-9_-]{22})$/;

const signature = (key: string, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);

export function signLink(key: string, purpose: LinkPurpose, id: string | number, expiresAt: Date): string {
  const payload = `${purpose}.${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(key, payload)}`;
}

export function checkLink(key: string, purpose: LinkPurpose, token: string, now: Date): LinkCheck {
  const match = SHAPE.exec(token);
  if (!match) return { ok: false, reason: 'forged' };
  const [, linkPurpose, id, expiry, given] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(signature(key, `${linkPurpose}.${id}.${expiry}`));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'forged' };
  if (linkPurpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (Number(expiry) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, id };
}
