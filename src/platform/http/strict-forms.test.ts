import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireDeclaredFormFields } from './strict-forms.js';

describe('declared form fields', () => {
  it('stops the app from starting when a form route does not declare its fields', async () => {
    const app = Fastify();
    const start = async () => {
      await app.register(async (scope) => {
        requireDeclaredFormFields(scope);
        scope.post('/forgotten', async () => 'ok');
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow('/forgotten takes a form but does not declare its formFields');
  });

  it('lets declared fields and the CSRF token through, and refuses any other', async () => {
    const app = Fastify();
    await app.register(async (scope) => {
      requireDeclaredFormFields(scope);
      scope.post('/form', { config: { formFields: ['horario'] } }, async () => 'ok');
    });
    const post = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/form', payload });
    expect((await post({ horario: '1', _csrf: 't' })).body).toBe('ok');
    expect((await post({ horario: '1', status: 'attended' })).statusCode).toBe(500);
    expect((await post({ horario: '1', status: 'attended' })).json()).toMatchObject({
      code: 'FORM_FIELDS_UNEXPECTED',
    });
  });

  it('takes the fields of a body schema as the declaration', async () => {
    const app = Fastify();
    await app.register(async (scope) => {
      requireDeclaredFormFields(scope);
      scope.post(
        '/form',
        { schema: { body: Type.Object({ motivo: Type.Optional(Type.String()) }) } },
        async () => 'ok',
      );
    });
    const post = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/form', payload });
    expect((await post({ motivo: 'x', _csrf: 't' })).body).toBe('ok');
    expect((await post({ motivo: 'x', curp: 'HEGG560427MVZRRL04' })).json()).toMatchObject({
      code: 'FORM_FIELDS_UNEXPECTED',
    });
  });
});
