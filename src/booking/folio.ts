/**
 * Appointment folios: 8 symbols that survive being read aloud over the phone
 * in Spanish or copied from a blurry SMS.
 */
import { randomInt } from 'node:crypto';

// Excludes look-alikes (0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B), B/V (same sound in
// Spanish) and U (vs. V/W in handwriting). 20⁸ ≈ 2.6 × 10¹⁰ folios.
export const FOLIO_ALPHABET = 'ACDEFHJKMNPRTWXY3479';

const FOLIO_LENGTH = 8;
const CANONICAL = new RegExp(`^[${FOLIO_ALPHABET}]{${FOLIO_LENGTH}}$`);
// Hyphen-minus plus the Unicode dashes phones substitute while typing.
const SEPARATORS = /[\s\-\u2010-\u2015]/g;

function cryptoInt(n: number): number {
  return randomInt(n);
}

/** A new canonical folio (8 symbols, no separator). */
export function newFolio(random: (n: number) => number = cryptoInt): string {
  let folio = '';
  for (let i = 0; i < FOLIO_LENGTH; i++) {
    const index = random(FOLIO_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= FOLIO_ALPHABET.length) {
      throw new RangeError(`random(${FOLIO_ALPHABET.length}) returned ${index}`);
    }
    folio += FOLIO_ALPHABET.charAt(index);
  }
  return folio;
}

/** "XXXX-XXXX", the way folios are shown and printed. */
export function formatFolio(folio: string): string {
  const canonical = normalizeFolio(folio);
  if (canonical === null) throw new RangeError(`Not a folio: ${folio}`);
  return `${canonical.slice(0, 4)}-${canonical.slice(4)}`;
}

/**
 * The canonical folio typed or dictated by a person (any case, spaces and
 * dashes anywhere), or null if it cannot be one.
 */
export function normalizeFolio(input: string): string | null {
  // ASCII-only upper-casing so look-alikes such as dotless ı are not folded in.
  const compact = input.replace(SEPARATORS, '').replace(/[a-z]/g, (c) => c.toUpperCase());
  return CANONICAL.test(compact) ? compact : null;
}
