import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../platform/refusal-code.js';
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

  it('answer every refusal code with a 4xx page that says what to do next', () => {
    for (const code of REFUSAL_CODES) {
      const page = refusalPage(code, 120);
      expect(page.status, code).toBeGreaterThanOrEqual(400);
      expect(page.status, code).toBeLessThan(500);
      expect(String(page.main), code).toContain('href="/');
    }
  });

  it('answer a refusal that never arises in the portal plainly: nothing was changed', () => {
    const page = refusalPage('STAFF_SELF_DISABLE', 120);
    expect(page.status).toBe(422);
    expect(String(page.main)).toContain('No se hizo ningún cambio');
  });
});
