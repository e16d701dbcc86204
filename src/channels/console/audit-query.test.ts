import { describe, expect, it } from 'vitest';
import { auditQueryString, auditTime, parseAuditQuery } from './audit-query.js';

describe('the audit filter as typed', () => {
  it('reads local days of Mexico City as instants, the "until" day included', () => {
    const { filter, errors } = parseAuditQuery({ desde: '2026-03-09', hasta: '2026-03-09' });
    expect(errors).toEqual([]);
    expect(filter.from).toEqual(new Date('2026-03-09T06:00:00Z'));
    expect(filter.until).toEqual(new Date('2026-03-10T06:00:00Z'));
  });

  it('tells a staff id from an e-mail, and upper-cases CURP and CLUES', () => {
    expect(parseAuditQuery({ personal: '42' }).filter.staff).toEqual({ id: 42 });
    expect(parseAuditQuery({ personal: 'ana@citas.test' }).filter.staff).toEqual({ email: 'ana@citas.test' });
    const parsed = parseAuditQuery({ curp: 'helg780412mdfrpd06', unidad: 'dfist000101' });
    expect(parsed.curp).toBe('HELG780412MDFRPD06');
    expect(parsed.filter.unitClues).toBe('DFIST000101');
  });

  it('reports each field that does not parse, and a range that runs backwards', () => {
    const parsed = parseAuditQuery({ personal: 'ana', curp: 'XYZ', unidad: 'DF', desde: '2026-02-30' });
    expect(parsed.errors.map((e) => e.field)).toEqual(['personal', 'curp', 'unidad', 'desde']);
    expect(parseAuditQuery({ desde: '2026-03-10', hasta: '2026-03-09' }).errors.map((e) => e.field)).toEqual([
      'hasta',
    ]);
  });

  it('repeats a filter in a link and shows instants with their offset', () => {
    const { form } = parseAuditQuery({ personal: '42', desde: '2026-03-09' });
    expect(auditQueryString(form, { antes: '7' })).toBe('?personal=42&desde=2026-03-09&antes=7');
    expect(auditQueryString(parseAuditQuery({}).form)).toBe('');
    expect(auditTime(new Date('2026-03-10T05:30:00Z'))).toBe('2026-03-09 23:30:00 -06:00');
  });
});
