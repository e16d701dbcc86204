import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import { isDomainError } from '../../platform/domain-error.js';
import type { RefusalPages } from '../../platform/http/framework-errors.js';
import {
  type FrameworkRefusal,
  frameworkRefusal,
  isAddressRefusal,
} from '../../platform/http/framework-refusal.js';
import { securityHeaders } from '../../platform/http/security-headers.js';
import { FORM_FIELDS_UNEXPECTED } from '../../platform/http/strict-forms.js';
import { CLINIC } from '../../platform/i18n/clinic-messages.js';
import { LOOP_CONSOLE } from '../../platform/i18n/access-loop-messages.js';
import { CONSOLE } from '../../platform/i18n/console-messages.js';
import { FORBIDDEN, homeOf, OTHER_UNIT, type RefusedAttempt } from './access.js';
import { auditAgent, CONSOLE_SIGN_IN_REQUIRED } from './agent.js';
import type { ConsoleContext } from './context.js';
import { consoleDocument, sendConsolePage } from './pages/frame.js';
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
  STAFF_NOT_FOUND: { status: 404, ...p.notFound, next: { href: '/consola/personal', label: p.toStaff } },
  STAFF_SELF_DEMOTION: { status: 409, ...p.staffSelf, next: { href: '/consola/personal', label: p.toStaff } },
  STAFF_SELF_DISABLE: { status: 409, ...p.staffSelf, next: { href: '/consola/personal', label: p.toStaff } },
  CSRF_REJECTED: { status: 403, ...p.csrf, next: toSearch },
  RATE_LIMITED: { status: 429, ...p.rateLimited, next: toSearch },
  [FORM_FIELDS_UNEXPECTED]: { status: 400, ...p.badRequest, next: toSearch },
  ALREADY_WAITING: { status: 409, ...LOOP_CONSOLE.problems.ALREADY_WAITING, next: toSearch },
  HAS_APPOINTMENT: { status: 409, ...LOOP_CONSOLE.problems.HAS_APPOINTMENT, next: toSearch },
  SERVICE_NOT_OFFERED: { status: 422, ...LOOP_CONSOLE.problems.SERVICE_NOT_OFFERED, next: toSearch },
  NOT_WAITING: { status: 404, ...LOOP_CONSOLE.problems.NOT_WAITING, next: toSearch },
};

/** The clinic's refusals (reception, queues, the unit's agenda), leading back to the unit's pages. */
const CLINIC_STATUS: Record<string, number> = {
  ARRIVAL_QUERY_INVALID: 422,
  ARRIVAL_NOT_FOUND: 404,
  ARRIVAL_NOT_TODAY: 409,
  ALREADY_CHECKED_IN: 409,
  ARRIVAL_NOT_ACTIVE: 409,
  QUEUE_EMPTY: 409,
  NOT_CALLED: 409,
  CONSULTORIO_NOT_FOUND: 404,
  CLOSURE_EXISTS: 409,
  RESOURCE_NOT_FOUND: 404,
};

function clinicPage(code: string, request: FastifyRequest) {
  const status = CLINIC_STATUS[code];
  const words = CLINIC.problems[code];
  if (!status || !words) return undefined;
  const unit = request.agent?.unitClues;
  const agenda = code === 'CLOSURE_EXISTS' || code === 'RESOURCE_NOT_FOUND';
  const next = unit
    ? agenda
      ? { href: `/consola/unidades/${unit}/agenda`, label: CLINIC.toUnitAgenda }
      : { href: `/consola/unidades/${unit}/recepcion`, label: CLINIC.toReception }
    : toSearch;
  return consoleProblemPage({ status, code, ...words, next });
}

/** The guards' refusals: a 403 page that shows nothing of the record, leading back to the user's start. */
const REFUSALS: Record<string, { title: string; body: string }> = {
  [FORBIDDEN]: p.forbidden,
  [OTHER_UNIT]: p.otherUnit,
};

/** A refused attempt goes to the audit trail: who tried what, on which person and unit, from where. */
async function auditRefusal(
  context: ConsoleContext,
  request: FastifyRequest,
  code: string,
  attempt: Partial<RefusedAttempt>,
) {
  if (!request.agent) return;
  await auditAgent(context.db, request, request.agent, {
    // A refusal thrown without an attempt (a domain's own FORBIDDEN) is still recorded.
    action: attempt.operation ?? 'console.request',
    subjectBeneficiaryId: attempt.subjectBeneficiaryId ?? null,
    unitClues: attempt.unitClues ?? null,
    result: 'refused',
    detail: { code, route: request.routeOptions.url ?? null, method: request.method },
  });
}

const CONFLICTS = new Set([
  'SLOT_TAKEN',
  'ACTIVE_APPOINTMENT_EXISTS',
  'APPOINTMENT_NOT_ACTIVE',
  'QUOTA_EXHAUSTED',
]);

/** The page for a refusal of the framework: plain Spanish, the way on, nothing of the request. */
const frameworkRefusalPage = (refusal: FrameworkRefusal) =>
  consoleProblemPage({
    status: refusal.status,
    code: refusal.code,
    ...(isAddressRefusal(refusal)
      ? p.notFound
      : refusal.code === 'HEADERS_TOO_LARGE'
        ? p.headersTooLarge
        : p.badRequest),
    next: toSearch,
  });

/** The console's pages for refusals made outside its routes (unknown paths, malformed URLs, headers). */
export function consoleRefusalPages(context: ConsoleContext, production: boolean): RefusalPages {
  const headers = securityHeaders({ production });
  return {
    prefix: '/consola',
    async send(request, reply, refusal) {
      await headers(request, reply);
      return sendConsolePage(context, request, reply, frameworkRefusalPage(refusal));
    },
    document: (refusal) => consoleDocument(context, frameworkRefusalPage(refusal)),
  };
}

/** Every failure in the console becomes a page that says what happened and where to go on. */
export function registerConsoleErrors(scope: FastifyInstance, context: ConsoleContext) {
  scope.setErrorHandler(async (error: FastifyError, request, reply) => {
    const code = isDomainError(error) ? error.code : '';
    if (code === CONSOLE_SIGN_IN_REQUIRED) return reply.code(303).redirect('/consola/entrar');
    const refusal = isDomainError(error) ? REFUSALS[error.details.otherUnit ? OTHER_UNIT : code] : undefined;
    if (refusal && isDomainError(error)) {
      request.log.info({ code }, 'console request refused');
      // A domain's refusal that it recorded itself is not recorded twice.
      if (!error.details.audited)
        await auditRefusal(context, request, code, error.details as Partial<RefusedAttempt>);
      const home = request.agent ? homeOf(request.agent) : '/consola/entrar';
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({ status: 403, code, ...refusal, next: { href: home, label: p.toHome } }),
      );
    }
    const known = PAGES[code];
    const retryAfter = isDomainError(error) ? error.details.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    if (known) {
      request.log.info({ code }, 'console request refused');
      return sendConsolePage(context, request, reply, consoleProblemPage({ code, ...known }));
    }
    const clinic = clinicPage(code, request);
    if (clinic) {
      request.log.info({ code }, 'console request refused');
      return sendConsolePage(context, request, reply, clinic);
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
    const framework = frameworkRefusal(error);
    if (framework) {
      request.log.info({ code: error.code }, 'console request refused by the framework');
      return sendConsolePage(context, request, reply, frameworkRefusalPage(framework));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(context.config.overload.retryAfterSeconds));
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({ status: 503, code: 'DATABASE_UNAVAILABLE', ...p.unavailable, next: toSearch }),
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
