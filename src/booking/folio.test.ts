import { describe, expect, it } from 'vitest';
import { FOLIO_ALPHABET, formatFolio, newFolio, normalizeFolio } from './folio.js';

describe('FOLIO_ALPHABET', () => {
  it('has 20 distinct symbols and none that can be confused', () => {
    expect(new Set(FOLIO_ALPHABET).size).toBe(20);
    for (const ambiguous of '0O1IL2Z5S6G8BVU') expect(FOLIO_ALPHABET).not.toContain(ambiguous);
  });
});

describe('newFolio', () => {
  it('produces 10,000 canonical folios of 8 symbols', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const folio = newFolio();
      expect(folio).toMatch(/^[ACDEFHJKMNPRTWXY3479]{8}$/);
      expect(normalizeFolio(folio)).toBe(folio);
      seen.add(folio);
    }
    // Among 20⁸ folios a few birthday collisions are possible, dozens are not.
    expect(seen.size).toBeGreaterThan(9_990);
  });

  it('maps the random source onto the alphabet', () => {
    let next = 0;
    expect(newFolio(() => next++)).toBe('ACDEFHJK');
    expect(newFolio(() => 19)).toBe('99999999');
  });

  it('rejects a random source that leaves the range', () => {
    expect(() => newFolio(() => 20)).toThrow(RangeError);
    expect(() => newFolio(() => 1.5)).toThrow(RangeError);
  });
});

describe('formatFolio and normalizeFolio', () => {
  it('shows a folio as two groups of four', () => {
    expect(formatFolio('K7M4ACDE')).toBe('K7M4-ACDE');
  });

  it('round-trips between the printed and canonical forms', () => {
    for (let i = 0; i < 100; i++) {
      const folio = newFolio();
      expect(normalizeFolio(formatFolio(folio))).toBe(folio);
      expect(formatFolio(formatFolio(folio))).toBe(formatFolio(folio));
    }
  });

  it('accepts what people type: lowercase, spaces and dashes', () => {
    expect(normalizeFolio('k7m4-acde')).toBe('K7M4ACDE');
    expect(normalizeFolio('  K7 M4 AC DE ')).toBe('K7M4ACDE');
    expect(normalizeFolio('k7m4 – acde')).toBe('K7M4ACDE');
  });

  it.each([
    ['digit zero', 'K7M4ACD0'],
    ['letter O', 'K7M4ACDO'],
    ['digit one', 'K7M4ACD1'],
    ['letter I', 'K7M4ACDI'],
    ['letter L', 'K7M4ACDL'],
    ['letter S', 'K7M4ACDS'],
    ['letter B', 'K7M4ACDB'],
    ['letter V', 'K7M4ACDV'],
    ['letter U', 'K7M4ACDU'],
    ['Cyrillic А', 'K7M4\u0410CDE'],
    ['too short', 'K7M4ACD'],
    ['too long', 'K7M4ACDEF'],
    ['empty', ''],
  ])('rejects %s', (_label, input) => {
    expect(normalizeFolio(input)).toBeNull();
  });

  it('refuses to format something that is not a folio', () => {
    expect(() => formatFolio('K7M4ACD0')).toThrow(RangeError);
  });
});
