import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeCode } from '../../../identity/sign-in-code-rules.js';
import {
  pendingSignIn,
  resendSignInCode,
  startSignIn,
  verifySignInCode,
} from '../../../identity/sign-in-codes.js';
import { DomainError } from '../../../platform/domain-error.js';
import { button, buttonLink, type FieldError, postForm } from '../../../platform/html/components.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { problemPage } from '../pages/problem.js';
import { codePage, signInPage, startPage } from '../pages/sign-in.js';
import { returnPath, withReturn } from '../return-path.js';
import { readSignInForm, SIGN_IN_FIELDS } from '../sign-in-form.js';

/** The guesses of a code are spent: no new code for it, only a fresh start (counted by its limits). */
const exhaustedPage = () =>
  problemPage({
    status: 429,
    code: 'CODE_ATTEMPTS_EXHAUSTED',
    ...WEB.code.exhausted,
    next: buttonLink('/entrar', WEB.code.exhausted.restart),
  });

export function signInRoutes(app: FastifyInstance, context: WebContext) {
  const { db, sessions, clock, limiter, phoneCap } = context;
  const signedIn = (request: FastifyRequest) => request.session?.subject?.kind === 'beneficiary';
  /** The session a sign-in form posted from: the CSRF check already proved it exists. */
  const sessionOf = (request: FastifyRequest) => {
    if (!request.session) throw new DomainError('CSRF_REJECTED', 'no session');
    return {
      sessionHash: request.session.idHash,
      sourceIp: request.ip,
      now: clock(),
      phoneCap,
      codeKey: context.config.secrets.signInCodeKey,
    };
  };

  app.get('/', async (request, reply) => sendPage(context, request, reply, startPage(signedIn(request))));

  app.get('/entrar', async (request, reply) => {
    const after = returnPath(field(request.query, 'despues'));
    if (signedIn(request)) return seeOther(reply, after ?? '/cita');
    const session = await sessions.ensure(request, reply);
    const empty = { curp: '', day: '', month: '', year: '' };
    return sendPage(context, request, reply, signInPage(session.csrfToken, empty, [], after));
  });

  app.post('/entrar', { config: { formFields: SIGN_IN_FIELDS } }, async (request, reply) => {
    const form = readSignInForm(request.body);
    const csrfToken = request.session?.csrfToken ?? '';
    const after = returnPath(field(request.query, 'despues'));
    if (!form.ok)
      return sendPage(context, request, reply, signInPage(csrfToken, form.values, form.errors, after));
    await limiter.signInStart(request, form.curp);
    // One answer whatever the registry holds: the code page says a code went out *if* the data match,
    // and it leaves at the same moment whether a code was queued or a decoy made.
    const answerAt = performance.now() + context.config.signInAnswerMs;
    await startSignIn(db, form, sessionOf(request));
    await sleep(Math.max(0, answerAt - performance.now()));
    return seeOther(reply, withReturn('/entrar/codigo', after));
  });

  app.get('/entrar/codigo', async (request, reply) => {
    const after = returnPath(field(request.query, 'despues'));
    const pending = request.session && (await pendingSignIn(db, request.session.idHash, clock()));
    if (!request.session || !pending) return seeOther(reply, withReturn('/entrar', after));
    return sendPage(
      context,
      request,
      reply,
      codePage(request.session.csrfToken, { ...pending, errors: [], after }),
    );
  });

  app.post('/entrar/codigo', { config: { formFields: ['codigo'] } }, async (request, reply) => {
    const at = sessionOf(request);
    await limiter.code(request);
    const pending = await pendingSignIn(db, at.sessionHash, at.now);
    if (!pending) return seeOther(reply, '/entrar');
    const typed = field(request.body, 'codigo').trim();
    const csrfToken = request.session?.csrfToken ?? '';
    const after = returnPath(field(request.query, 'despues'));
    const again = (errors: FieldError[]) =>
      sendPage(context, request, reply, codePage(csrfToken, { ...pending, value: typed, errors, after }));
    if (typed === '') return again([{ field: 'codigo', message: WEB.code.errors.missing }]);
    if (normalizeCode(typed) === null) return again([{ field: 'codigo', message: WEB.code.errors.format }]);
    const result = await verifySignInCode(db, typed, at);
    switch (result.kind) {
      case 'signed_in':
        await sessions.signIn(request, reply, { kind: 'beneficiary', id: String(result.beneficiaryId) });
        return seeOther(reply, after ?? '/cita');
      case 'wrong':
        return again([{ field: 'codigo', message: WEB.code.errors.wrong(result.attemptsLeft) }]);
      case 'expired':
        return sendPage(
          context,
          request,
          reply,
          problemPage({
            status: 422,
            code: 'CODE_EXPIRED',
            ...WEB.code.expired,
            next:
              pending.resendInSeconds === null
                ? buttonLink('/entrar', WEB.code.exhausted.restart)
                : postForm({ action: '/entrar/codigo/nuevo', csrfToken, body: button(WEB.code.resend) }),
          }),
        );
      case 'exhausted':
        return sendPage(context, request, reply, exhaustedPage());
      case 'none':
        return seeOther(reply, '/entrar');
    }
  });

  app.post('/entrar/codigo/nuevo', { config: { formFields: [] } }, async (request, reply) => {
    const at = sessionOf(request);
    await limiter.code(request);
    const result = await resendSignInCode(db, at);
    const pending = await pendingSignIn(db, at.sessionHash, at.now);
    const csrfToken = request.session?.csrfToken ?? '';
    if (result.kind === 'none' || !pending) return seeOther(reply, '/entrar');
    if (result.kind === 'exhausted') return sendPage(context, request, reply, exhaustedPage());
    if (result.kind === 'limit') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return sendPage(
        context,
        request,
        reply,
        problemPage({
          status: 429,
          code: 'TOO_MANY_CODES',
          title: WEB.code.limit.title,
          body: WEB.code.limit.body(WEB.waitFor(result.retryAfterSeconds)),
          next: buttonLink('/entrar', WEB.problems.restart),
        }),
      );
    }
    const notice = result.kind === 'sent' ? WEB.code.resentNotice : WEB.code.waitNotice(result.seconds);
    const after = returnPath(field(request.query, 'despues'));
    return sendPage(context, request, reply, codePage(csrfToken, { ...pending, notice, errors: [], after }));
  });

  app.post('/salir', { config: { formFields: [] } }, async (request, reply) => {
    await sessions.signOut(request, reply);
    return seeOther(reply, '/');
  });
}
