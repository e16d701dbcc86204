import { describe, expect, it } from 'vitest';
import {
  CURP,
  DISGUISED_CURPS,
  DISGUISED_PHONES,
  showsPersonalData,
} from '../../../test/support/disguised-personal-data.js';
import { maskCurp, maskLogValue, maskPersonalData, maskPhone, maskRequestUrl } from './mask.js';

describe('masking personal data for logs', () => {
  it('keeps only the first four letters of a CURP and the last two digits of a phone', () => {
    expect(maskCurp(CURP)).toBe('HEGG**************');
    expect(maskPhone('5512345678')).toBe('••••78');
  });

  it('finds CURPs and phones inside URLs and messages', () => {
    const masked = maskPersonalData(`/api/v1/beneficiaries/${CURP}?tel=5512345678`);
    expect(masked).toBe('/api/v1/beneficiaries/HEGG**************?tel=••••78');
    expect(maskPersonalData('hegg560427mvzrrl04')).not.toContain('560427');
  });

  it.each(DISGUISED_CURPS)('masks a CURP %s', (_how, text) => {
    const masked = maskPersonalData(text);
    expect(showsPersonalData(masked)).toBe(false);
    expect(masked).toMatch(/hegg\*{14}/i);
  });

  it.each(DISGUISED_PHONES)('masks a phone %s', (_how, text) => {
    const masked = maskPersonalData(text);
    expect(showsPersonalData(masked)).toBe(false);
    expect(masked).toContain('••••78');
  });

  it('leaves short numbers, dates and appointment ids alone', () => {
    const url =
      '/api/v1/appointments/00000000-0000-4000-8000-000000000000?days=14&desde=2026-11-30&slot=123456';
    expect(maskPersonalData(url)).toBe(url);
  });

  it('masks every string of a logged object, however deep', () => {
    const entry = { curp: CURP, nested: { phones: ['55 1234 5678'] }, count: 3 };
    expect(maskLogValue(entry)).toEqual({
      curp: 'HEGG**************',
      nested: { phones: ['••••78'] },
      count: 3,
    });
  });

  it('hides what a person typed in a query (a name searched for) but keeps codes, dates and counts', () => {
    expect(maskRequestUrl('/api/v1/units?q=Mar%C3%ADa%20Prueba&state=DF&limit=3')).toBe(
      '/api/v1/units?q=***&state=DF&limit=3',
    );
    expect(maskRequestUrl('/consola/personas?q=Hern%C3%A1ndez&Prueba=1&nombre')).toBe(
      '/consola/personas?q=***&***&nombre=***',
    );
    expect(maskRequestUrl(`/api/v1/appointments?curp=${CURP}&status=booked`)).toBe(
      '/api/v1/appointments?curp=***&status=booked',
    );
  });

  it('hides the bearer tokens of one-tap links and waiting-room places, not appointment ids or codes', () => {
    expect(maskRequestUrl('/o/eyJhIjoxfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ')).toBe('/o/***');
    expect(maskRequestUrl('/p/proposal.12.1767225600.AbCdEfGhIjKlMnOpQrStUv')).toBe('/p/***');
    expect(maskRequestUrl('/fila/lugar/Zm9vYmFyYmF6cXV4cXV1eA?x=1')).toBe('/fila/lugar/***?x=***');
    const id = '/citas/00000000-0000-4000-8000-000000000000/confirmacion';
    expect(maskRequestUrl(id)).toBe(id);
    const release = '/fila/DFIST000101/credito_vivienda_fovissste';
    expect(maskRequestUrl(release)).toBe(release);
  });
});
