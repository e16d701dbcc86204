import { describe, expect, it } from 'vitest';
import { affiliationNumber, isValidAffiliationNumber } from './affiliation.js';

const CHECKED = { checkDigit: true };
const SHAPE_ONLY = { checkDigit: false };

describe('affiliation number', () => {
  it('when the registry uses check digits, catches any single mistyped digit', () => {
    const valid = affiliationNumber(123456789);
    expect(isValidAffiliationNumber(valid, CHECKED)).toBe(true);
    for (let i = 0; i < 10; i++) {
      const wrong = valid.slice(0, i) + String((Number(valid[i]) + 1) % 10) + valid.slice(i + 1);
      expect(isValidAffiliationNumber(wrong, CHECKED)).toBe(false);
    }
  });

  it('by default is any ten digits: the institute’s format promises no check digit', () => {
    expect(isValidAffiliationNumber('0000001231', SHAPE_ONLY)).toBe(true);
    expect(isValidAffiliationNumber('0000001231', CHECKED)).toBe(false);
    for (const bad of ['12345', '12345678901', '12345 67890', '１２３４５６７８９０', '']) {
      expect(isValidAffiliationNumber(bad, SHAPE_ONLY)).toBe(false);
    }
  });

  it('is ten digits, zero-padded', () => {
    expect(affiliationNumber(7)).toMatch(/^000000007[0-9]$/);
  });
});
