import { describe, expect, it } from 'vitest';
import { readSignInForm } from './sign-in-form.js';

const form = (curp: string, day: string, month: string, year: string) =>
  readSignInForm({ curp, 'nacimiento-day': day, 'nacimiento-month': month, 'nacimiento-year': year });

describe('the sign-in form', () => {
  it('accepts a CURP in any case with spaces, and a date with one-digit day and month', () => {
    expect(form(' helg780412mdfrpd06 ', '12', '4', '1978')).toEqual({
      ok: true,
      curp: 'HELG780412MDFRPD06',
      birthDate: '1978-04-12',
    });
  });

  it('asks for both fields when empty, naming each field', () => {
    const result = form('', '', '', '');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'curp', message: 'Escribe tu CURP' },
      { field: 'nacimiento', message: 'Escribe tu fecha de nacimiento' },
    ]);
  });

  it('tells a short CURP from a mistyped one, and keeps what was typed', () => {
    const short = form('HELG7804', '12', '04', '1978');
    const wrongDigit = form('HELG780412MDFRPD07', '12', '04', '1978');
    expect(!short.ok && short.errors[0]?.message).toMatch(/18 letras y números/);
    expect(!wrongDigit.ok && wrongDigit.errors[0]?.message).toMatch(/Revisa tu CURP/);
    expect(!short.ok && short.values.curp).toBe('HELG7804');
  });

  it('refuses incomplete and impossible dates', () => {
    const incomplete = form('HELG780412MDFRPD06', '12', '', '1978');
    const impossible = form('HELG780412MDFRPD06', '31', '02', '1978');
    expect(!incomplete.ok && incomplete.errors[0]?.message).toMatch(/día, mes y año/);
    expect(!impossible.ok && impossible.errors[0]?.message).toMatch(/fecha de nacimiento real/);
  });

  it('says a birth date differs from the one the CURP holds, before anything is looked up', () => {
    const result = form('HELG780412MDFRPD06', '21', '04', '1978');
    expect(!result.ok && result.errors).toEqual([
      { field: 'nacimiento', message: expect.stringMatching(/no coincide con la de tu CURP/) },
    ]);
  });

  it('asks for the year with 4 digits when 2 are typed', () => {
    const result = form('HELG780412MDFRPD06', '12', '04', '78');
    expect(!result.ok && result.errors[0]?.message).toBe('Escribe el año con 4 cifras, por ejemplo 1978');
  });
});
