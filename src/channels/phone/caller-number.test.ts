import { describe, expect, it } from 'vitest';
import { callerNumber } from './caller-number.js';

describe('the caller’s number', () => {
  it('is the 10-digit national number however the platform writes it', () => {
    for (const raw of [
      '+525512345678',
      '525512345678',
      '+5215512345678',
      'tel:+525512345678',
      'sip:5512345678@pbx.example',
    ]) {
      expect(callerNumber(raw)).toBe('5512345678');
    }
  });

  it('is unknown for withheld, foreign or odd callers, who then identify by affiliation number', () => {
    for (const raw of [
      'anonymous',
      '',
      undefined,
      'client:agente',
      '+14155551234',
      '+52551234567',
      'sip:anonymous@invalid',
    ]) {
      expect(callerNumber(raw)).toBeNull();
    }
  });
});
