import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

// RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps.
const PERIOD_SECONDS = 30;
// One step either side: a phone clock a little off, or a code typed as it turned over, still works.
const WINDOW_STEPS = 1;
const ISSUER = 'Citas IMSS';

/** A fresh random secret (160 bits, RFC 4226's recommendation), as base32 text. */
export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

const totpOf = (email: string, secret: string) =>
  new OTPAuth.TOTP({
    issuer: ISSUER,
    label: email,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD_SECONDS,
  });

/** The otpauth:// URI an authenticator app imports (or a QR code carries). */
export const totpUri = (email: string, secret: string): string => totpOf(email, secret).toString();

/** The time step a right code belongs to, or null for a wrong one; the caller refuses a step used before. */
export function acceptedStep(secret: string, code: string, now: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totpOf('', secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW_STEPS });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/**
 * How a secret is kept in the database: AES-256-GCM under STAFF_TOTP_KEY when it is set (whoever
 * reads the table cannot make codes), in clear otherwise (development and tests only; production
 * refuses to start without the key).
 */
export function sealTotpSecret(secret: string, key: Buffer | null): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
}

export function openTotpSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('unknown TOTP secret format');
  if (!key) throw new Error('a TOTP secret is encrypted but STAFF_TOTP_KEY is not set');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}
