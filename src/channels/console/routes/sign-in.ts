import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../identity/audit.js';
import { signInStaff } from '../../../identity/staff-accounts.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { homeOf } from '../access.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { signInPage } from '../pages/sign-in.js';

const Text = Type.Optional(Type.String({ maxLength: 500 }));
const SignInBody = Type.Object({ correo: Text, clave: Text });

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

export function signInRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, sessions, clock } = context;

  app.get('/consola/entrar', async (request, reply) => {
    if (request.agent) return seeOther(reply, homeOf(request.agent));
    const session = await sessions.ensure(request, reply);
    return sendConsolePage(context, request, reply, signInPage(session.csrfToken, '', []));
  });

  app.post('/consola/entrar', { schema: { body: SignInBody } }, async (request, reply) => {
    const email = field(request.body, 'correo').trim();
    const password = field(request.body, 'clave');
    const csrfToken = request.session?.csrfToken ?? '';
    const t = CONSOLE.signIn;
    if (!email || !password) {
      return sendConsolePage(
        context,
        request,
        reply,
        signInPage(csrfToken, email, [{ field: 'correo', message: t.missing }]),
      );
    }
    const result = await signInStaff(db, { email, password }, clock());
    const actorId = result.ok ? String(result.account.id) : String(result.accountId ?? 'unknown');
    await recordAudit(db, {
      actor: { kind: 'staff', id: actorId },
      action: 'staff.sign_in',
      channel: 'console',
      sourceIp: request.ip,
      result: result.ok ? 'ok' : 'refused',
      detail: result.ok ? {} : { reason: result.reason },
    });
    if (!result.ok) {
      const message = result.reason === 'locked' ? t.locked : t.invalid;
      return sendConsolePage(
        context,
        request,
        reply,
        signInPage(csrfToken, email, [{ field: 'correo', message }]),
      );
    }
    // A brand-new session (new id and CSRF token): one planted before sign-in is worth nothing.
    await sessions.signIn(request, reply, { kind: 'staff', id: String(result.account.id) });
    return seeOther(reply, homeOf(result.account));
  });

  app.post('/consola/salir', { config: { formFields: [] } }, async (request, reply) => {
    if (request.agent) {
      await recordAudit(db, {
        actor: { kind: 'staff', id: String(request.agent.id) },
        action: 'staff.sign_out',
        channel: 'console',
        sourceIp: request.ip,
        result: 'ok',
      });
    }
    await sessions.signOut(request, reply);
    return seeOther(reply, '/consola/entrar');
  });
}
