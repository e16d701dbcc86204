import { describe, expect, it } from 'vitest';
import { refusalPage } from './errors.js';

describe('refusal pages', () => {
  it('say what happened and link to the next step', () => {
    const page = refusalPage('NOT_ELIGIBLE', 120);
    expect(page).toMatchObject({ status: 422, errorCode: 'NOT_ELIGIBLE' });
    expect(String(page.main)).toContain('No hay vigencia de derechos para ese día');
    expect(String(page.main)).toContain('href="/cita"');
  });

  it('state the cutoff in hours when it is too late to change', () => {
    expect(String(refusalPage('TOO_LATE_TO_CHANGE', 120).main)).toContain('hasta 2 horas antes');
    expect(String(refusalPage('TOO_LATE_TO_CHANGE', 90).main)).toContain('hasta 90 minutos antes');
  });

  it('still answer a code they do not know yet with a 4xx page, never a 500', () => {
    const page = refusalPage('A_RULE_ADDED_LATER', 120);
    expect(page.status).toBe(422);
    expect(String(page.main)).toContain('No se hizo ningún cambio');
  });
});
