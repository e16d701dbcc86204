import { describe, expect, it } from 'vitest';
import { checkLink, signLink } from './signed-links.js';

const KEY = 'a-test-key-of-at-least-thirty-two-characters';
const now = new Date('2026-11-30T15:00:00Z');
const later = new Date('2026-11-30T15:30:00Z');

describe('one-tap links', () => {
  it('opens for its purpose and record until it expires', () => {
    const token = signLink(KEY, 'offer', 42, later);
    expect(checkLink(KEY, 'offer', token, now)).toEqual({ ok: true, id: '42' });
    expect(checkLink(KEY, 'offer', token, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a link whose record, expiry or signature was altered, or signed with another key', () => {
    const token = signLink(KEY, 'offer', 42, later);
    expect(checkLink(KEY, 'offer', token.replace('.42.', '.43.'), now).ok).toBe(false);
    const [purpose, id, expiry, sig] = token.split('.');
    expect(checkLink(KEY, 'offer', `${purpose}.${id}.${Number(expiry) + 3600}.${sig}`, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(checkLink(`${KEY}x`, 'offer', token, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkLink(KEY, 'offer', 'not a link', now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('does not open one purpose with a link made for another', () => {
    const token = signLink(KEY, 'reminder', 'b3c9a0de-0000-4000-8000-000000000001', later);
    expect(checkLink(KEY, 'offer', token, now)).toEqual({ ok: false, reason: 'wrong_purpose' });
  });
});
