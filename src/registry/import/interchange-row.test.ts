import { describe, expect, it } from 'vitest';
import { affiliationNumber } from '../affiliation.js';
import { buildCurp } from '../curp.js';
import { checkInterchangeRow, INTERCHANGE_HEADER, type RejectReason } from './interchange-row.js';

const UNITS = new Set(['DFIST000101']);
const holderCurp = buildCurp({
  givenNames: 'María Guadalupe',
  firstSurname: 'Hernández',
  secondSurname: 'López',
  birthDate: '1978-04-12',
  sex: 'M',
  state: 'DF',
  differentiator: 0,
});
const childCurp = buildCurp({
  givenNames: 'Sofía',
  firstSurname: 'Castro',
  secondSurname: 'Hernández',
  birthDate: '2012-10-03',
  sex: 'M',
  state: 'DF',
  differentiator: 0,
});

const holder: Record<(typeof INTERCHANGE_HEADER)[number], string> = {
  curp: holderCurp,
  numero_afiliacion: affiliationNumber(123),
  nombre: 'María Guadalupe',
  primer_apellido: 'Hernández',
  segundo_apellido: 'López',
  fecha_nacimiento: '1978-04-12',
  sexo: 'M',
  telefono: '5512345678',
  correo: 'maria@example.com',
  tipo: 'trabajador',
  curp_titular: '',
  clues_adscripcion: 'DFIST000101',
  consultorio: 'Consultorio 1',
  turno: 'M',
  vigente_hasta: '2030-12-31',
};
const child = {
  ...holder,
  curp: childCurp,
  numero_afiliacion: '',
  nombre: 'Sofía',
  primer_apellido: 'Castro',
  segundo_apellido: 'Hernández',
  fecha_nacimiento: '2012-10-03',
  telefono: '',
  correo: '',
  tipo: 'hijo',
  curp_titular: holderCurp,
};
const fields = (row: Record<string, string>) => INTERCHANGE_HEADER.map((column) => row[column] ?? '');
const reasonOf = (changes: Partial<typeof holder>, base = holder) => {
  const check = checkInterchangeRow(fields({ ...base, ...changes }), UNITS);
  return check.ok ? null : check.reason;
};

describe('an interchange row', () => {
  it('is accepted with its fields typed, empty optional fields as null and spaces trimmed', () => {
    const check = checkInterchangeRow(fields({ ...child, nombre: ' Sofía ' }), UNITS);
    expect(check).toMatchObject({
      ok: true,
      row: {
        curp: childCurp,
        givenNames: 'Sofía',
        holderCurp,
        phone: null,
        email: null,
        affiliationNumber: null,
      },
    });
    expect(checkInterchangeRow(fields(holder), UNITS).ok).toBe(true);
  });

  it.each<[RejectReason, Partial<typeof holder>]>([
    ['CURP_FORMAT', { curp: 'HELG780412' }],
    ['CURP_DATE', { curp: 'HELG781312MDFRPD06' }],
    ['CURP_STATE', { curp: 'HELG780412MZZRPD06' }],
    ['CURP_CHECK_DIGIT', { curp: `${holderCurp.slice(0, 17)}${(Number(holderCurp[17]) + 1) % 10}` }],
    ['NAME_MISSING', { nombre: '' }],
    ['NAME_MISSING', { primer_apellido: '  ' }],
    ['NAME_INVALID', { nombre: 'María\r\nINFO admin signed in' }],
    ['NAME_INVALID', { primer_apellido: 'Hernández\u001b[2J' }],
    ['NAME_INVALID', { segundo_apellido: 'López\u202eZEPOL' }],
    ['NAME_INVALID', { nombre: 'M'.repeat(101) }],
    ['BIRTH_DATE_INVALID', { fecha_nacimiento: '12/04/1978' }],
    ['BIRTH_DATE_MISMATCH', { fecha_nacimiento: '1978-04-13' }],
    ['SEX_INVALID', { sexo: 'F' }],
    ['SEX_MISMATCH', { sexo: 'H' }],
    ['AFFILIATION_INVALID', { numero_afiliacion: '000000123' }],
    ['AFFILIATION_INVALID', { numero_afiliacion: '00000012A1' }],
    ['PHONE_INVALID', { telefono: '55 1234 5678' }],
    ['EMAIL_INVALID', { correo: 'maria.example.com' }],
    ['TYPE_INVALID', { tipo: 'abuelo' }],
    ['HOLDER_LINK_INVALID', { curp_titular: childCurp }],
    ['UNIT_UNKNOWN', { clues_adscripcion: 'DFIST999999' }],
    ['CONSULTORIO_MISSING', { consultorio: '' }],
    ['SHIFT_INVALID', { turno: 'N' }],
    ['ELIGIBILITY_DATE_INVALID', { vigente_hasta: '2030-02-30' }],
  ])('is refused with %s', (reason, changes) => {
    expect(reasonOf(changes)).toBe(reason);
  });

  it('is refused when a family member has no valid holder CURP, or names themself', () => {
    expect(reasonOf({ curp_titular: '' }, child)).toBe('HOLDER_LINK_INVALID');
    expect(reasonOf({ curp_titular: 'NOTACURP' }, child)).toBe('HOLDER_LINK_INVALID');
    expect(reasonOf({ curp_titular: childCurp }, child)).toBe('HOLDER_LINK_INVALID');
  });

  it('takes any ten-digit affiliation number unless the check digit is asked for', () => {
    const noCheckDigit = fields({ ...holder, numero_afiliacion: '0000001231' });
    expect(checkInterchangeRow(noCheckDigit, UNITS).ok).toBe(true);
    expect(checkInterchangeRow(noCheckDigit, UNITS, { affiliationCheckDigit: true })).toEqual({
      ok: false,
      reason: 'AFFILIATION_INVALID',
    });
    expect(checkInterchangeRow(fields(holder), UNITS, { affiliationCheckDigit: true }).ok).toBe(true);
  });

  it('is refused when it has more or fewer columns than the header', () => {
    expect(checkInterchangeRow([...fields(holder), 'extra'], UNITS)).toEqual({
      ok: false,
      reason: 'COLUMN_COUNT',
    });
    expect(checkInterchangeRow(fields(holder).slice(1), UNITS)).toEqual({
      ok: false,
      reason: 'COLUMN_COUNT',
    });
  });
});
