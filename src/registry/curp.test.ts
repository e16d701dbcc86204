import { describe, expect, it } from 'vitest';
import { buildCurp, CURP_STATE_CODES, type CurpPerson, curpCheckDigit, validateCurp } from './curp.js';

// Fictitious person used as the worked example in RENAPO's instructivo.
const RENAPO_EXAMPLE = 'HEGG560427MVZRRL04';
// Valid CURPs containing an A and an I, to swap for look-alikes.
const WITH_A = 'GOLA050315HJCNPNA9';
const WITH_I = 'RIOS560427HVZSSL00';

/** Replaces the check digit so only the part under test is wrong. */
function withValidCheckDigit(first17: string): string {
  return first17 + curpCheckDigit(first17);
}

describe('CURP_STATE_CODES', () => {
  it('lists the 32 federal entities plus births abroad', () => {
    expect(Object.keys(CURP_STATE_CODES)).toHaveLength(33);
    expect(CURP_STATE_CODES.DF).toBe('Ciudad de México');
    expect(CURP_STATE_CODES.NE).toBe('Nacido en el extranjero');
  });
});

describe('curpCheckDigit', () => {
  it('matches the published RENAPO example', () => {
    expect(curpCheckDigit(RENAPO_EXAMPLE.slice(0, 17))).toBe('4');
  });

  it('weights Ñ as the letter between N and O', () => {
    // At position 16 (weight 3) N, Ñ and O add 69, 72 and 75.
    expect(curpCheckDigit('HEGG560427MVZRRN0')).toBe('8');
    expect(curpCheckDigit('HEGG560427MVZRRÑ0')).toBe('5');
    expect(curpCheckDigit('HEGG560427MVZRRO0')).toBe('2');
  });

  it('rejects prefixes that are not 17 characters of the alphabet', () => {
    expect(() => curpCheckDigit('HEGG560427')).toThrow(RangeError);
    expect(() => curpCheckDigit('HEGG560427MVZRR-0')).toThrow(RangeError);
  });
});

describe('validateCurp', () => {
  it('accepts the look-alike fixtures in their ASCII form', () => {
    expect(validateCurp(WITH_A)).toMatchObject({ ok: true });
    expect(validateCurp(WITH_I)).toMatchObject({ ok: true });
  });

  it('accepts a valid CURP and reads its birth date, sex and state', () => {
    expect(validateCurp(RENAPO_EXAMPLE)).toEqual({
      ok: true,
      curp: RENAPO_EXAMPLE,
      birthDate: '1956-04-27',
      sex: 'M',
      state: 'VZ',
    });
  });

  it('takes the century from the homoclave: digit → 1900s, letter → 2000s', () => {
    expect(validateCurp(WITH_A)).toMatchObject({ ok: true, birthDate: '2005-03-15', state: 'JC' });
  });

  it('accepts the non-binary sex marker X', () => {
    expect(validateCurp(withValidCheckDigit('HEGG560427XVZRRL0'))).toMatchObject({ ok: true, sex: 'X' });
  });

  it('normalises lowercase input surrounded by spaces', () => {
    expect(validateCurp(`  ${RENAPO_EXAMPLE.toLowerCase()}\t\n`)).toMatchObject({
      ok: true,
      curp: RENAPO_EXAMPLE,
    });
  });

  it('reports a wrong check digit', () => {
    expect(validateCurp('HEGG560427MVZRRL05')).toEqual({ ok: false, problem: 'CHECK_DIGIT' });
  });

  it('reports dates that do not exist', () => {
    expect(validateCurp(withValidCheckDigit('HEGG990230MVZRRL0'))).toEqual({ ok: false, problem: 'DATE' });
    // 2001 (letter homoclave) is not a leap year.
    expect(validateCurp(withValidCheckDigit('HEGG010229MVZRRLA'))).toEqual({ ok: false, problem: 'DATE' });
    expect(validateCurp(withValidCheckDigit('HEGG561301MVZRRL0'))).toEqual({ ok: false, problem: 'DATE' });
  });

  it('knows 2000 was a leap year but 1900 was not', () => {
    expect(validateCurp(withValidCheckDigit('HEGG000229MVZRRLA'))).toMatchObject({ ok: true });
    expect(validateCurp(withValidCheckDigit('HEGG000229MVZRRL0'))).toEqual({ ok: false, problem: 'DATE' });
  });

  it('reports an unknown state code', () => {
    expect(validateCurp(withValidCheckDigit('HEGG560427MXXRRL0'))).toEqual({ ok: false, problem: 'STATE' });
  });

  it.each([
    ['too short', 'HEGG560427MVZRRL0'],
    ['inner space', 'HEGG 560427MVZRRL04'],
    ['vowel where a consonant goes', 'HEGG560427MVZRAL04'],
    ['sex other than H, M or X', 'HEGG560427PVZRRL04'],
    ['Cyrillic А (U+0410) posing as A', WITH_A.replace('A', '\u0410')],
    ['full-width digits', 'HEGG\uFF15\uFF16\uFF10\uFF14\uFF12\uFF17MVZRRL04'],
    ['zero-width space inside', 'HEGG5604\u200B27MVZRRL04'],
    ['zero-width space at the edge', `${RENAPO_EXAMPLE}\u200B`],
    ['dotless ı that toUpperCase would turn into I', WITH_I.replace('I', '\u0131')],
    ['non-ASCII whitespace around it', `\u00A0${RENAPO_EXAMPLE}`],
  ])('rejects %s as FORMAT', (_label, input) => {
    expect(validateCurp(input)).toEqual({ ok: false, problem: 'FORMAT' });
  });
});

describe('buildCurp', () => {
  const gloria: CurpPerson = {
    firstSurname: 'Hernández',
    secondSurname: 'García',
    givenNames: 'Gloria',
    birthDate: '1956-04-27',
    sex: 'M',
    state: 'VZ',
    differentiator: 0,
  };

  it('reproduces the RENAPO example from the person’s data', () => {
    expect(buildCurp(gloria)).toBe(RENAPO_EXAMPLE);
  });

  it('uses X for a missing second surname', () => {
    expect(buildCurp({ ...gloria, secondSurname: '' })).toMatch(/^HEXG560427MVZRXL\d\d$/);
  });

  it('skips María/José when another given name follows', () => {
    expect(buildCurp({ ...gloria, givenNames: 'María Elena' }).slice(3, 4)).toBe('E');
    expect(buildCurp({ ...gloria, givenNames: 'Ma. de los Ángeles' }).slice(3, 4)).toBe('A');
    expect(buildCurp({ ...gloria, givenNames: 'José' }).slice(3, 4)).toBe('J');
  });

  it('skips particles of compound surnames', () => {
    expect(buildCurp({ ...gloria, firstSurname: 'de la Cruz' }).slice(0, 2)).toBe('CU');
  });

  it('writes Ñ as X and strips accents', () => {
    const curp = buildCurp({ ...gloria, firstSurname: 'Muñoz', secondSurname: 'Ávila' });
    expect(curp.slice(0, 4)).toBe('MUAG');
    expect(curp.slice(13, 16)).toBe('XVL');
  });

  it('masks inconvenient words with X in the second position', () => {
    // PEÑA NIETO ENRIQUE would spell PENE.
    const curp = buildCurp({ ...gloria, firstSurname: 'Peña', secondSurname: 'Nieto', givenNames: 'Elena' });
    expect(curp.slice(0, 4)).toBe('PXNE');
    expect(
      buildCurp({ ...gloria, firstSurname: 'Pérez', secondSurname: 'Domínguez', givenNames: 'Olga' }),
    ).toMatch(/^PXDO/);
  });

  it.each(INCONVENIENT)('never spells %s', (word) => {
    const [a = '', b = '', c = '', d = ''] = word;
    const curp = buildCurp({ ...gloria, firstSurname: a + b, secondSurname: `${c}A`, givenNames: `${d}A` });
    expect(curp.slice(0, 4)).toBe(`${a}X${c}${d}`);
  });

  it('encodes the century in the homoclave from the differentiator', () => {
    expect(buildCurp({ ...gloria, differentiator: 13 }).charAt(16)).toBe('3');
    expect(buildCurp({ ...gloria, birthDate: '2003-01-31', differentiator: 27 }).charAt(16)).toBe('B');
  });

  it('refuses data a CURP cannot hold', () => {
    expect(() => buildCurp({ ...gloria, state: 'XX' })).toThrow(RangeError);
    expect(() => buildCurp({ ...gloria, birthDate: '2023-02-29' })).toThrow(RangeError);
    expect(() => buildCurp({ ...gloria, birthDate: '1899-12-31' })).toThrow(RangeError);
  });

  it('produces CURPs that validate for 1,000 generated people', () => {
    const random = seededRandom(20260101);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const states = Object.keys(CURP_STATE_CODES);

    for (let i = 0; i < 1000; i++) {
      const year = 1940 + Math.floor(random() * 85); // 1940–2024
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
      const sex = pick(['H', 'M'] as const);
      const person: CurpPerson = {
        firstSurname: pick(SURNAMES),
        secondSurname: pick([...SURNAMES, '']),
        givenNames: pick(sex === 'H' ? MALE_NAMES : FEMALE_NAMES),
        birthDate: `${year}-${pad(month)}-${pad(day)}`,
        sex,
        state: pick(states),
        differentiator: i,
      };
      const result = validateCurp(buildCurp(person));
      expect(result, JSON.stringify(person)).toMatchObject({
        ok: true,
        birthDate: person.birthDate,
        sex: person.sex,
        state: person.state,
      });
    }
  });
});

// A sample of RENAPO's list; curp.ts carries all of it.
const INCONVENIENT = (
  'BACA BUEY CACA CAGA COJO CULO FETO GUEY JOTO KACA KAKA LOCO ' +
  'MAME MEAR MION MOCO MULA PEDO PENE PUTA PUTO QULO RATA RUIN'
).split(' ');

const SURNAMES = [
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Cruz',
  'Gómez',
  'Flores',
  'Muñoz',
  'Peña',
  'Núñez',
  'Ibáñez',
  'Ñeco',
  'Agüero',
  'Ávila',
  'Ochoa',
  'de la Cruz',
  'del Ángel',
  'Ek',
  'Uc',
  "D'Angelo",
  'Pérez-Gil',
  'Yáñez',
];
const MALE_NAMES = [
  'José Luis',
  'Juan',
  'Miguel Ángel',
  'Jesús',
  'Ñuflo',
  'J. Refugio',
  'Andrés Manuel',
  'Íñigo',
  'Óscar',
  'Raúl',
  'Efraín',
  'José',
];
const FEMALE_NAMES = [
  'María Guadalupe',
  'Ma. de Jesús',
  'Guadalupe',
  'Lucía',
  'Begoña',
  'Itzel',
  'Xóchitl',
  'María',
  'Ángeles',
  'Zoé',
  'Inés',
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
