import { createHash, randomBytes } from 'node:crypto';

/** The secret in a waiting page's address: 256 random bits; only its SHA-256 is stored. */
export const newPlaceToken = () => randomBytes(32).toString('base64url');

export const PLACE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
