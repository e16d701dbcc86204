/**
 * CURP (Clave Única de Registro de Población): validation and synthetic
 * generation, following RENAPO's "Instructivo normativo para la asignación
 * de la Clave Única de Registro de Población".
 */

/** Entity codes used in positions 12–13 of a CURP. */
export const CURP_STATE_CODES: Record<string, string> = Object.freeze({
  AS: 'Aguascalientes',
  BC: 'Baja California',
  BS: 'Baja California Sur',
  CC: 'Campeche',
  CL: 'Coahuila',
  CM: 'Colima',
  CS: 'Chiapas',
  CH: 'Chihuahua',
  DF: 'Ciudad de México',
  DG: 'Durango',
  GT: 'Guanajuato',
  GR: 'Guerrero',
  HG: 'Hidalgo',
  JC: 'Jalisco',
  MC: 'Estado de México',
  MN: 'Michoacán',
  MS: 'Morelos',
  NT: 'Nayarit',
  NL: 'Nuevo León',
  OC: 'Oaxaca',
  PL: 'Puebla',
  QT: 'Querétaro',
  QR: 'Quintana Roo',
  SP: 'San Luis Potosí',
  SL: 'Sinaloa',
  SR: 'Sonora',
  TC: 'Tabasco',
  TS: 'Tamaulipas',
  TL: 'Tlaxcala',
  VZ: 'Veracruz',
  YN: 'Yucatán',
  ZS: 'Zacatecas',
  NE: 'Nacido en el extranjero',
});

// RENAPO's alphabet keeps Ñ between N and O, so O..Z are worth one more
// than in a plain base-36 alphabet.
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** Computes the 18th (verification) digit from the first 17 characters. */
export function curpCheckDigit(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`A CURP prefix has 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHECK_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Invalid CURP character: ${first17.charAt(i)}`);
    sum += value * (18 - i);
  }
  return String((10 - (sum % 10)) % 10);
}

export type CurpProblem = 'FORMAT' | 'DATE' | 'STATE' | 'CHECK_DIGIT';

export type CurpValidation =
  | { ok: true; curp: string; birthDate: string; sex: 'H' | 'M' | 'X'; state: string }
  | { ok: false; problem: CurpProblem };

// ASCII only: String#trim/toUpperCase would also fold Unicode look-alikes
// (e.g. dotless ı → I) and accept a mistyped or spoofed key as genuine.
const ASCII_EDGE_SPACE = /^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g;
const CURP_SHAPE = /^([A-Z]{4})(\d{2})(\d{2})(\d{2})([HMX])([A-Z]{2})[B-DF-HJ-NP-TV-Z]{3}([A-Z\d])\d$/;

/**
 * Validates a CURP. `state` in the result is the two-letter entity code
 * (see CURP_STATE_CODES for its name); `birthDate` is YYYY-MM-DD.
 */
export function validateCurp(input: string): CurpValidation {
  const curp = input.replace(ASCII_EDGE_SPACE, '').replace(/[a-z]/g, (c) => c.toUpperCase());
  const match = CURP_SHAPE.exec(curp);
  if (!match) return { ok: false, problem: 'FORMAT' };
  const [, , yy = '', mm = '', dd = '', sex = '', state = '', homoclave = ''] = match;

  // The homoclave encodes the century: a digit for 1900s, a letter for 2000s.
  const year = (/\d/.test(homoclave) ? 1900 : 2000) + Number(yy);
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, problem: 'DATE' };
  if (!Object.hasOwn(CURP_STATE_CODES, state)) return { ok: false, problem: 'STATE' };
  if (curpCheckDigit(curp.slice(0, 17)) !== curp.charAt(17)) {
    return { ok: false, problem: 'CHECK_DIGIT' };
  }
  return {
    ok: true,
    curp,
    birthDate: `${year}-${mm}-${dd}`,
    sex: sex as 'H' | 'M' | 'X',
    state,
  };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface CurpPerson {
  firstSurname: string;
  secondSurname: string;
  givenNames: string;
  /** YYYY-MM-DD, years 1900–2099 (the homoclave only encodes two centuries). */
  birthDate: string;
  sex: 'H' | 'M';
  /** Key of CURP_STATE_CODES. */
  state: string;
  /** Picks the homoclave so that namesakes get distinct CURPs. */
  differentiator: number;
}

// Particles skipped in compound names ("de la Cruz" → CRUZ).
const NAME_PARTICLES = new Set(
  'DA DAS DE DEL DER DI DIE DD EL LA LOS LAS LE LES MAC MC VAN VON Y'.split(' '),
);

// So common that RENAPO uses the next given name instead ("María Elena" → E).
const COMMON_GIVEN_NAMES = new Set(['MARIA', 'MA', 'M', 'JOSE', 'J']);

// Anexo 2 of the instructivo: prefixes replaced by putting X in position 2.
const INCONVENIENT_WORDS = new Set(
  [
    'BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO',
    'FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI',
    'KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA',
    'MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO',
    'TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY',
  ]
    .join(' ')
    .split(' '),
);

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const isVowel = (c: string): boolean => 'AEIOU'.includes(c);
const isConsonant = (c: string): boolean => !isVowel(c);

/** Builds a valid CURP for a (synthetic) person, e.g. to seed test data. */
export function buildCurp(p: CurpPerson): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.birthDate);
  const year = Number(date?.[1]);
  if (!date || year < 1900 || year > 2099 || !isRealDate(year, Number(date[2]), Number(date[3]))) {
    throw new RangeError(`Invalid birth date for a CURP: ${p.birthDate}`);
  }
  if (!Object.hasOwn(CURP_STATE_CODES, p.state)) {
    throw new RangeError(`Unknown CURP state code: ${p.state}`);
  }
  if (!Number.isInteger(p.differentiator)) {
    throw new RangeError(`Differentiator must be an integer: ${p.differentiator}`);
  }

  const first = keyWord(p.firstSurname, false);
  const second = keyWord(p.secondSurname, false);
  const given = keyWord(p.givenNames, true);

  let prefix = initial(first) + firstInternal(first, isVowel) + initial(second) + initial(given);
  if (INCONVENIENT_WORDS.has(prefix)) prefix = `${prefix.charAt(0)}X${prefix.slice(2)}`;

  const homoclave =
    year < 2000 ? String(modulo(p.differentiator, 10)) : LETTERS.charAt(modulo(p.differentiator, 26));
  const first17 =
    prefix +
    p.birthDate.slice(2, 4) +
    date[2] +
    date[3] +
    p.sex +
    p.state +
    firstInternal(first, isConsonant) +
    firstInternal(second, isConsonant) +
    firstInternal(given, isConsonant) +
    homoclave;
  return first17 + curpCheckDigit(first17);
}

// Names repeat endlessly across a registry; remembering their key words makes bulk generation
// several times faster. Bounded: cleared when full.
const KEY_WORD_CACHE = new Map<string, string>();
const KEY_WORD_CACHE_MAX = 50_000;

/** The word of a name that feeds the key, upper-cased A–Z only. */
function keyWord(name: string, isGivenName: boolean): string {
  const cacheKey = isGivenName ? `G${name}` : `S${name}`;
  const cached = KEY_WORD_CACHE.get(cacheKey);
  if (cached !== undefined) return cached;
  if (KEY_WORD_CACHE.size >= KEY_WORD_CACHE_MAX) KEY_WORD_CACHE.clear();
  const word = computeKeyWord(name, isGivenName);
  KEY_WORD_CACHE.set(cacheKey, word);
  return word;
}

function computeKeyWord(name: string, isGivenName: boolean): string {
  const words = name
    .normalize('NFC')
    .toUpperCase()
    .replace(/Ñ/g, 'X') // official rule; must precede accent stripping
    .normalize('NFD')
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Z]/g, '')) // drops accents, apostrophes, dots
    .filter((w) => w.length > 0);
  const meaningful = words.filter((w) => !NAME_PARTICLES.has(w));
  const candidates = meaningful.length > 0 ? meaningful : words;
  const [head = '', next] = candidates;
  return isGivenName && next !== undefined && COMMON_GIVEN_NAMES.has(head) ? next : head;
}

function initial(word: string): string {
  return word.charAt(0) || 'X';
}

function firstInternal(word: string, wanted: (c: string) => boolean): string {
  for (const c of word.slice(1)) if (wanted(c)) return c;
  return 'X';
}

function modulo(n: number, m: number): number {
  return ((n % m) + m) % m;
}
