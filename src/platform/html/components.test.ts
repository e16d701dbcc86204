import { describe, expect, it } from 'vitest';
import { dateInput, errorSummary, postForm, textInput } from './components.js';
import { page } from './layout.js';

describe('page frame', () => {
  it('is Spanish (Mexico), names the page in the title and puts "Error:" first when a form failed', () => {
    const base = { homeHref: '/', stylesheetHref: '/assets/c.css', main: '' };
    expect(page({ ...base, title: 'Entrar' }).value).toContain('<html lang="es-MX">');
    expect(page({ ...base, title: 'Entrar' }).value).toContain('<title>Entrar – Citas ISSSTE</title>');
    expect(page({ ...base, title: 'Entrar', hasErrors: true }).value).toContain(
      '<title>Error: Entrar – Citas ISSSTE</title>',
    );
  });

  it('has no inline script or style, which the content security policy would block', () => {
    const document = page({ homeHref: '/', stylesheetHref: '/c.css', title: 'x', main: '' }).value;
    expect(document).not.toMatch(/<script|<style| style=/);
  });
});

describe('form components', () => {
  it('link each summary entry to its field, and tie the message to the field', () => {
    const summary = errorSummary([{ field: 'curp', message: 'Escribe tu CURP' }]).value;
    expect(summary).toContain('<a href="#curp">Escribe tu CURP</a>');
    const field = textInput({ id: 'curp', label: 'CURP', error: 'Escribe tu CURP', value: 'ab<c' }).value;
    expect(field).toContain('id="curp"');
    expect(field).toContain('aria-describedby="curp-error"');
    expect(field).toContain('<span class="visually-hidden">Error:</span> Escribe tu CURP');
    expect(field).toContain('value="ab&lt;c"');
  });

  it('render nothing for an empty error list', () => {
    expect(errorSummary([]).value).toBe('');
  });

  it('give the first box of a date the id the summary links to', () => {
    const field = dateInput({ id: 'nacimiento', legend: 'Fecha', value: { day: '12' } }).value;
    expect(field).toContain('id="nacimiento" name="nacimiento-day"');
    expect(field).toContain('id="nacimiento-month"');
  });

  it('put the CSRF token in every POST form', () => {
    expect(postForm({ action: '/salir', csrfToken: 'tok', body: '' }).value).toContain(
      '<input type="hidden" name="_csrf" value="tok">',
    );
  });
});
