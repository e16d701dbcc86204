import { describe, expect, it } from 'vitest';
import { affiliationNumber, isValidAffiliationNumber } from './affiliation.js';

describe('affiliation number', () => {
  it('carries a check digit that catches any single mistyped digit', () => {
    const valid = affiliationNumber(123456789);
    expect(isValidAffiliationNumber(valid)).toBe(true);
    for (let i = 0; i < 10; i++) {
      const wrong = valid.slice(0, i) + String((Number(valid[i]) + 1) % 10) + valid.slice(i + 1);
      expect(isValidAffiliationNumber(wrong)).toBe(false);
    }
  });

  it('is ten digits, zero-padded', () => {
    expect(affiliationNumber(7)).toMatch(/^000000007[0-9]$/);
    expect(isValidAffiliationNumber('12345')).toBe(false);
  });
});
