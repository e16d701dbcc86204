import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import { isDomainError } from '../../platform/domain-error.js';
import type { RefusalPages } from '../../platform/http/framework-errors.js';
import {
  type FrameworkRefusal,
  frameworkRefusal,
  isAddressRefusal,
} from '../../platform/http/framework-refusal.js';
import { STATUS_OF_REFUSAL } from '../../platform/http/problem.js';
import { securityHeaders } from '../../platform/http/security-headers.js';
import { LOOP_CONSOLE } from '../../platform/i18n/access-loop-messages.js';
import { CLINIC } from '../../platform/i18n/clinic-messages.js';
import { CONSOLE } from '../../platform/i18n/console-messages.js';
import type { RefusalCode } from '../../platform/refusal-code.js';
import type { ReceptionErrorCode } from '../../reception/errors.js';
import { homeOf, OTHER_UNIT } from './access.js';
import { auditAgent } from './agent.js';
import type { ConsoleContext } from './context.js';
import { consoleDocument, sendConsolePage } from './pages/frame.js';
import { consoleProblemPage } from './pages/problem.js';
import { refusalMessage } from './refusals.js';

const p = CONSOLE.problems;
const toSearch = { href: '/consola', label: p.toSearch };
const toCallbacks = { href: '/consola/llamadas', label: p.toCallbacks };

/** How the console answers a refusal: a page of this table, or a way of its own. */
type Answer =
  | { status: number; title: string; body: string; next: { href: string; label: string } }
  /** No staff session: to the sign-in page. */
  | 'sign-in'
  /** A guard's refusal (role or unit): a 403 page that shows nothing of the record, audited. */
  | 'guard'
  /** A booking rule said no to a change made from a page without its own refusal view: 409. */
  | 'conflict'
  /** The same, for a rule that is no conflict with another booking: 422. */
  | 'refused'
  /** The clinic's own refusals (reception, queues, the unit's agenda): back to the unit's pages. */
  | 'clinic';

const toStaff = { href: '/consola/personal', label: p.toStaff };

const ANSWERS: Record<RefusalCode, Answer> = {
  BENEFICIARY_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  SLOT_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  APPOINTMENT_NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  NOT_ELIGIBLE: 'refused',
  WRONG_UNIT: 'refused',
  REFERRAL_REQUIRED: 'refused',
  OUTSIDE_BOOKING_WINDOW: 'refused',
  SLOT_TAKEN: 'conflict',
  SLOT_CLOSED: 'refused',
  QUOTA_EXHAUSTED: 'conflict',
  ACTIVE_APPOINTMENT_EXISTS: 'conflict',
  TOO_LATE_TO_CHANGE: 'refused',
  APPOINTMENT_NOT_ACTIVE: 'conflict',
  SERVICE_MISMATCH: 'refused',
  IDEMPOTENCY_KEY_REUSED: 'refused',
  REBOOKING_LIMIT: 'refused',
  OPEN_APPOINTMENT_LIMIT: 'refused',
  PASS_REQUIRED: 'refused',
  REVIEW_REQUIRED: 'refused',
  PROPOSAL_EXPIRED: 'refused',
  PROPOSAL_CLOSED: 'refused',
  QUEUE_NOT_OPEN: 'refused',
  PLACE_EXISTS: 'refused',
  PLACE_NOT_FOUND: 'refused',
  PLACE_NOT_EXPIRED: 'refused',
  RELEASE_NOT_FOUND: 'refused',
  ALLOCATION_WINDOW_CLOSED: 'refused',
  PREFERENCES_INVALID: 'refused',
  REQUEST_NOT_FOUND: 'refused',
  CALLBACK_NOT_FOUND: { status: 404, ...p.notFound, next: toCallbacks },
  CALLBACK_NOT_PENDING: { status: 409, ...p.callbackNotPending, next: toCallbacks },
  CALLBACK_NOT_YOURS: { status: 409, ...p.callbackNotYours, next: toCallbacks },
  UNIT_NOT_FOUND: 'refused',
  SERVICE_NOT_FOUND: 'refused',
  RESOURCE_NOT_FOUND: 'clinic',
  CLOSURE_EXISTS: 'clinic',
  INVALID_INTERVAL: 'refused',
  TEMPLATE_INVALID: 'refused',
  INVALID_CURP: 'refused',
  IMPORT_FILE_NOT_FOUND: 'refused',
  IMPORT_HEADER_INVALID: 'refused',
  NATIONAL_NETWORK_EXISTS: 'refused',
  UNAUTHENTICATED: 'refused',
  FORBIDDEN: 'guard',
  OTHER_UNIT: 'guard',
  STAFF_NOT_FOUND: { status: 404, ...p.notFound, next: toStaff },
  STAFF_EMAIL_TAKEN: 'refused',
  STAFF_SELF_DEMOTION: { status: 409, ...p.staffSelf, next: toStaff },
  STAFF_SELF_DISABLE: { status: 409, ...p.staffSelf, next: toStaff },
  UNIT_REQUIRED: 'refused',
  PASSWORD_TOO_SHORT: 'refused',
  INVALID_EMAIL: 'refused',
  NOT_FOUND: { status: 404, ...p.notFound, next: toSearch },
  SIGN_IN_REQUIRED: 'refused',
  CONSOLE_SIGN_IN_REQUIRED: 'sign-in',
  CHANNEL_NOT_ALLOWED: 'refused',
  PHONE_REQUEST_UNVERIFIED: 'refused',
  CSRF_REJECTED: { status: 403, ...p.csrf, next: toSearch },
  FORM_FIELDS_UNEXPECTED: { status: 400, ...p.badRequest, next: toSearch },
  RATE_LIMITED: { status: 429, ...p.rateLimited, next: toSearch },
  ALREADY_WAITING: { status: 409, ...LOOP_CONSOLE.problems.ALREADY_WAITING, next: toSearch },
  HAS_APPOINTMENT: { status: 409, ...LOOP_CONSOLE.problems.HAS_APPOINTMENT, next: toSearch },
  SERVICE_NOT_OFFERED: { status: 422, ...LOOP_CONSOLE.problems.SERVICE_NOT_OFFERED, next: toSearch },
  NOT_WAITING: { status: 404, ...LOOP_CONSOLE.problems.NOT_WAITING, next: toSearch },
  // One-tap links are answered by the portal; the console never meets them.
  REMINDER_LINK_INVALID: 'refused',
  REMINDER_LINK_EXPIRED: 'refused',
  REMINDER_LINK_USED: 'refused',
  REMINDER_APPOINTMENT_GONE: 'refused',
  LINK_INVALID: 'refused',
  OFFER_EXPIRED: 'refused',
  OFFER_CLOSED: 'refused',
  OFFER_NOT_BOOKABLE: 'refused',
  ARRIVAL_QUERY_INVALID: 'clinic',
  ARRIVAL_NOT_FOUND: 'clinic',
  ARRIVAL_NOT_TODAY: 'clinic',
  ALREADY_CHECKED_IN: 'clinic',
  ARRIVAL_NOT_ACTIVE: 'clinic',
  ARRIVAL_NEEDS_REBOOKING: 'clinic',
  QUEUE_EMPTY: 'clinic',
  NOT_CALLED: 'clinic',
  CONSULTORIO_NOT_FOUND: 'clinic',
};

/** The clinic's refusals (reception, queues, the unit's agenda), leading back to the unit's pages. */
type ClinicCode = ReceptionErrorCode | 'CLOSURE_EXISTS' | 'RESOURCE_NOT_FOUND';

function clinicPage(code: ClinicCode, request: FastifyRequest) {
  const unit = request.agent?.unitClues;
  const agenda = code === 'CLOSURE_EXISTS' || code === 'RESOURCE_NOT_FOUND';
  const next = unit
    ? agenda
      ? { href: `/consola/unidades/${unit}/agenda`, label: CLINIC.toUnitAgenda }
      : { href: `/consola/unidades/${unit}/recepcion`, label: CLINIC.toReception }
    : toSearch;
  return consoleProblemPage({ status: STATUS_OF_REFUSAL[code], code, ...CLINIC.problems[code], next });
}

interface Attempt {
  operation?: string;
  unitClues: string | null;
  subjectBeneficiaryId: number | null;
}

/** What a guard's refusal says it stopped, read from its details (the domain's or the console's own). */
const attemptOf = (details: Readonly<Record<string, unknown>>): Attempt => ({
  operation: typeof details.operation === 'string' ? details.operation : undefined,
  unitClues: typeof details.unitClues === 'string' ? details.unitClues : null,
  subjectBeneficiaryId:
    typeof details.subjectBeneficiaryId === 'number' ? details.subjectBeneficiaryId : null,
});

/** A refused attempt goes to the audit trail: who tried what, on which person and unit, from where. */
async function auditRefusal(
  context: ConsoleContext,
  request: FastifyRequest,
  code: RefusalCode,
  attempt: Attempt,
) {
  if (!request.agent) return;
  await auditAgent(context.db, request, request.agent, {
    // A refusal thrown without an attempt (a domain's own FORBIDDEN) is still recorded.
    action: attempt.operation ?? 'console.request',
    subjectBeneficiaryId: attempt.subjectBeneficiaryId,
    unitClues: attempt.unitClues,
    result: 'refused',
    detail: { code, route: request.routeOptions.url ?? null, method: request.method },
  });
}

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
    const answer = isDomainError(error) ? ANSWERS[error.code] : undefined;
    if (answer === 'sign-in') return reply.code(303).redirect('/consola/entrar');
    if (!isDomainError(error) || answer === undefined) return unexpected(error, request, reply);
    const code = error.code;
    if (answer === 'guard') {
      request.log.info({ code }, 'console request refused');
      // A domain's refusal that it recorded itself is not recorded twice.
      if (!error.details.audited) await auditRefusal(context, request, code, attemptOf(error.details));
      const home = request.agent ? homeOf(request.agent) : '/consola/entrar';
      const text = error.details.otherUnit || code === OTHER_UNIT ? p.otherUnit : p.forbidden;
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({ status: 403, code, ...text, next: { href: home, label: p.toHome } }),
      );
    }
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    if (typeof answer === 'object') {
      request.log.info({ code }, 'console request refused');
      return sendConsolePage(context, request, reply, consoleProblemPage({ code, ...answer }));
    }
    if (answer === 'clinic') {
      request.log.info({ code }, 'console request refused');
      return sendConsolePage(context, request, reply, clinicPage(code as ClinicCode, request));
    }
    const message = refusalMessage(code, context.config.changeCutoffMinutes);
    request.log.info({ code }, 'console change refused');
    return sendConsolePage(
      context,
      request,
      reply,
      consoleProblemPage({
        status: answer === 'conflict' ? 409 : 422,
        code,
        title: CONSOLE.errorTitle,
        body: message,
        next: toSearch,
      }),
    );
  });

  /** What is not a refusal: the framework's, an unreachable database, or a fault. */
  async function unexpected(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
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
  }
}
