// Who may drive a call: the telephony platform, proven by a signature over the request (TwiML) or
// a shared secret (VoiceXML). Anything else is refused before it can read or change a thing.
import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { PhoneConfig } from '../../config.js';
import { sameSecret } from '../../platform/http/session.js';

export type FormParams = Record<string, string | string[] | undefined>;

/**
 * Twilio's request signature: HMAC-SHA1 with the auth token over the full URL followed by every
 * POST parameter, sorted by name, as name and value concatenated; base64.
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = value === undefined ? [] : Array.isArray(value) ? [...value].sort() : [value];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The URL the platform called, as it signed it: the configured public origin, or this request's. */
export function publicUrl(request: FastifyRequest, config: PhoneConfig): string {
  const origin = config.publicUrl ?? `${request.protocol}://${request.host}`;
  return origin + request.url;
}

export function isSignedByTwilio(request: FastifyRequest, config: PhoneConfig, production: boolean): boolean {
  const token = config.twilioAuthToken;
  if (!token) return !production;
  const header = request.headers['x-twilio-signature'];
  if (typeof header !== 'string' || header.length === 0 || header.length > 200) return false;
  const params = (request.body ?? {}) as FormParams;
  return sameSecret(header, twilioSignature(token, publicUrl(request, config), params));
}

export const VXML_SECRET_HEADER = 'x-citas-ivr-secret';

export function hasVxmlSecret(request: FastifyRequest, config: PhoneConfig, production: boolean): boolean {
  const secret = config.vxmlSecret;
  if (!secret) return !production;
  const header = request.headers[VXML_SECRET_HEADER];
  return typeof header === 'string' && sameSecret(header, secret);
}
