import type { FastifyError, FastifyInstance } from 'fastify';
import { isDomainError } from '../../platform/domain-error.js';
import { CONSOLE } from '../../platform/i18n/console-messages.js';
import { CONSOLE_SIGN_IN_REQUIRED } from './agent.js';
import type { ConsoleContext } from './context.js';
import { sendConsolePage } from './pages/frame.js';
import { consoleProblemPage } from './pages/problem.js';
import { refusalMessage } from './refusals.js';

const p = CONSOLE.problems;
const toSearch = { href: '/consola', label: p.toSearch };
const toCallbacks = { href: '/consola/llamadas', label: p.toCallbacks };

const PAGES: Record<
  string,
  { status: number; title: string; body: string; next: { href: string; label: string } }
> = {
  NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  BENEFICIARY_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  APPOINTMENT_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  SLOT_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  CALLBACK_NOT_FOUND: { status: 404, ...p.notFound, next: toCallbacks },
  CALLBACK_NOT_PENDING: { status: 409, ...p.callbackNotPending, next: toCallbacks },
  CALLBACK_NOT_YOURS: { status: 409, ...p.callbackNotYours, next: toCallbacks },
  CSRF_REJECTED: { status: 403, ...p.csrf, next: toSearch },
  FORBIDDEN: { status: 403, ...p.forbidden, next: { href: '/consola/entrar', label: CONSOLE.signIn.submit } },
};

const CONFLICTS = new Set([
  'SLOT_TAKEN',
  'ACTIVE_APPOINTMENT_EXISTS',
  'APPOINTMENT_NOT_ACTIVE',
  'QUOTA_EXHAUSTED',
]);

/** Every failure in the console becomes a page that says what happened and where to go on. */
export function registerConsoleErrors(scope: FastifyInstance, context: ConsoleContext) {
  scope.setErrorHandler(async (error: FastifyError, request, reply) => {
    const code = isDomainError(error) ? error.code : '';
    if (code === CONSOLE_SIGN_IN_REQUIRED) return reply.code(303).redirect('/consola/entrar');
    const known = PAGES[code];
    if (known) {
      request.log.info({ code }, 'console request refused');
      return sendConsolePage(context, request, reply, consoleProblemPage({ code, ...known }));
    }
    if (isDomainError(error)) {
      // A booking rule refused a change made from a page without its own refusal view.
      const message = refusalMessage(code, context.config.changeCutoffMinutes);
      request.log.info({ code }, 'console change refused');
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({
          status: CONFLICTS.has(code) ? 409 : 422,
          code,
          title: CONSOLE.errorTitle,
          body: message,
          next: toSearch,
        }),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({ status: 400, code: 'BAD_REQUEST', ...p.badRequest, next: toSearch }),
      );
    }
    request.log.error({ err: error }, 'unexpected failure in the console');
    return sendConsolePage(
      context,
      request,
      reply,
      consoleProblemPage({ status: 503, code: 'UNEXPECTED', ...p.unexpected, next: toSearch }),
    );
  });
}
