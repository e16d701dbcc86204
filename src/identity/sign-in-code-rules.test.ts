import { describe, expect, it } from 'vitest';
import { codeState, normalizeCode, secondsUntilResend } from './sign-in-code-rules.js';

const now = new Date('2026-11-24T15:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('sign-in code rules', () => {
  it('keep a code alive until its end, then call it expired', () => {
    const code = { expiresAt: later(1), attempts: 0, consumedAt: null };
    expect(codeState(code, now)).toBe('live');
    expect(codeState(code, later(1))).toBe('expired');
  });

  it('stop accepting a code after five attempts, and after it was used once', () => {
    expect(codeState({ expiresAt: later(60_000), attempts: 4, consumedAt: null }, now)).toBe('live');
    expect(codeState({ expiresAt: later(60_000), attempts: 5, consumedAt: null }, now)).toBe('exhausted');
    expect(codeState({ expiresAt: later(60_000), attempts: 1, consumedAt: now }, now)).toBe('used');
  });

  it('make a person wait a minute between sends', () => {
    expect(secondsUntilResend(now, later(1_000))).toBe(59);
    expect(secondsUntilResend(now, later(59_001))).toBe(1);
    expect(secondsUntilResend(now, later(60_000))).toBe(0);
  });

  it('read six digits typed with spaces or a dash, and nothing else', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    expect(normalizeCode('12345')).toBeNull();
    expect(normalizeCode('12345a')).toBeNull();
    expect(normalizeCode('١٢٣٤٥٦')).toBeNull();
  });
});
