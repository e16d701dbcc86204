import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import { isDomainError } from '../../platform/domain-error.js';
import { buttonLink } from '../../platform/html/components.js';
import type { RefusalPages } from '../../platform/http/framework-errors.js';
import {
  type FrameworkRefusal,
  frameworkRefusal,
  isAddressRefusal,
} from '../../platform/http/framework-refusal.js';
import { securityHeaders } from '../../platform/http/security-headers.js';
import { LOOP_WEB } from '../../platform/i18n/access-loop-messages.js';
import { ALLOCATION_WEB } from '../../platform/i18n/allocation-messages.js';
import { REBOOKING_WEB } from '../../platform/i18n/rebooking-messages.js';
import { QUEUE } from '../../platform/i18n/waiting-room-messages.js';
import { WEB } from '../../platform/i18n/web-messages.js';
import type { RefusalCode } from '../../platform/refusal-code.js';
import type { ReminderErrorCode } from '../../reminders/errors.js';
import type { WaitlistErrorCode } from '../../waitlist/errors.js';
import type { WebContext } from './context.js';
import { portalDocument, sendPage } from './pages/frame.js';
import { problemPage } from './pages/problem.js';
import { returnPath, withReturn } from './return-path.js';

type Next = 'home' | 'mine' | 'restart' | 'book' | 'requests' | 'queue';
interface Refusal {
  status: number;
  text: { title: string; body: readonly string[] };
  next: Next;
}

/** How the portal answers a refusal: a page of this table, or a way of its own. */
type Answer =
  | Refusal
  /** Not signed in: to the sign-in page. */
  | 'sign-in'
  /** The portal's own rate limits: how long to wait. */
  | 'wait'
  /** The change cutoff, told in hours. */
  | 'too-late';

/** Nothing was changed: go home. For refusals that do not arise in the portal. */
const REFUSED: Refusal = { status: 422, text: WEB.problems.refused, next: 'home' };

// Booking refusals that need context to explain (a taken slot's alternatives, the appointment that
// already exists) are rendered by the routes, with links built from the request; this is the rest.
const REFUSALS: Record<RefusalCode, Answer> = {
  BENEFICIARY_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'home' },
  SLOT_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'book' },
  APPOINTMENT_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'mine' },
  NOT_ELIGIBLE: { status: 422, text: WEB.problems.notEligible, next: 'book' },
  WRONG_UNIT: { status: 422, text: WEB.problems.wrongUnit, next: 'book' },
  REFERRAL_REQUIRED: { status: 422, text: WEB.problems.referral, next: 'book' },
  OUTSIDE_BOOKING_WINDOW: { status: 422, text: WEB.problems.window, next: 'book' },
  SLOT_TAKEN: REFUSED,
  SLOT_CLOSED: { status: 409, text: WEB.problems.slotClosed, next: 'book' },
  QUOTA_EXHAUSTED: { status: 409, text: WEB.problems.quota, next: 'book' },
  ACTIVE_APPOINTMENT_EXISTS: REFUSED,
  TOO_LATE_TO_CHANGE: 'too-late',
  APPOINTMENT_NOT_ACTIVE: { status: 409, text: WEB.problems.notActive, next: 'mine' },
  SERVICE_MISMATCH: { status: 422, text: WEB.problems.serviceMismatch, next: 'mine' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, text: WEB.problems.formReused, next: 'mine' },
  REBOOKING_LIMIT: { status: 422, text: WEB.problems.rebookingLimit, next: 'mine' },
  OPEN_APPOINTMENT_LIMIT: { status: 409, text: WEB.problems.openLimit, next: 'mine' },
  PASS_REQUIRED: { status: 409, text: QUEUE.problems.passRequired, next: 'queue' },
  REVIEW_REQUIRED: { status: 409, text: QUEUE.problems.reviewRequired, next: 'book' },
  PROPOSAL_EXPIRED: { status: 410, text: REBOOKING_WEB.problems.PROPOSAL_EXPIRED, next: 'mine' },
  PROPOSAL_CLOSED: { status: 409, text: REBOOKING_WEB.problems.PROPOSAL_CLOSED, next: 'mine' },
  QUEUE_NOT_OPEN: { status: 409, text: QUEUE.problems.notOpen, next: 'queue' },
  PLACE_EXISTS: { status: 409, text: QUEUE.problems.exists, next: 'queue' },
  PLACE_NOT_FOUND: { status: 404, text: QUEUE.problems.notFound, next: 'queue' },
  PLACE_NOT_EXPIRED: { status: 409, text: QUEUE.problems.notExpired, next: 'queue' },
  RELEASE_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'requests' },
  ALLOCATION_WINDOW_CLOSED: { status: 409, text: ALLOCATION_WEB.problems.windowClosed, next: 'requests' },
  PREFERENCES_INVALID: { status: 422, text: ALLOCATION_WEB.problems.preferences, next: 'requests' },
  REQUEST_NOT_FOUND: { status: 404, text: ALLOCATION_WEB.problems.notFound, next: 'requests' },
  CALLBACK_NOT_FOUND: REFUSED,
  CALLBACK_NOT_PENDING: REFUSED,
  CALLBACK_NOT_YOURS: REFUSED,
  UNIT_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'home' },
  SERVICE_NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'book' },
  RESOURCE_NOT_FOUND: REFUSED,
  CLOSURE_EXISTS: REFUSED,
  INVALID_INTERVAL: REFUSED,
  TEMPLATE_INVALID: REFUSED,
  INVALID_CURP: REFUSED,
  IMPORT_FILE_NOT_FOUND: REFUSED,
  IMPORT_HEADER_INVALID: REFUSED,
  NATIONAL_NETWORK_EXISTS: REFUSED,
  UNAUTHENTICATED: REFUSED,
  FORBIDDEN: REFUSED,
  OTHER_UNIT: REFUSED,
  STAFF_NOT_FOUND: REFUSED,
  STAFF_EMAIL_TAKEN: REFUSED,
  STAFF_SELF_DEMOTION: REFUSED,
  STAFF_SELF_DISABLE: REFUSED,
  UNIT_REQUIRED: REFUSED,
  PASSWORD_TOO_SHORT: REFUSED,
  INVALID_EMAIL: REFUSED,
  NOT_FOUND: { status: 404, text: WEB.problems.notFound, next: 'home' },
  SIGN_IN_REQUIRED: 'sign-in',
  CONSOLE_SIGN_IN_REQUIRED: REFUSED,
  CHANNEL_NOT_ALLOWED: REFUSED,
  PHONE_REQUEST_UNVERIFIED: REFUSED,
  CSRF_REJECTED: { status: 403, text: WEB.problems.csrf, next: 'restart' },
  FORM_FIELDS_UNEXPECTED: { status: 400, text: WEB.problems.formFieldsUnexpected, next: 'home' },
  RATE_LIMITED: 'wait',
  // The clinic's counter and queues are the console's: the portal never meets them.
  ARRIVAL_QUERY_INVALID: REFUSED,
  ARRIVAL_NOT_FOUND: REFUSED,
  ARRIVAL_NOT_TODAY: REFUSED,
  ALREADY_CHECKED_IN: REFUSED,
  ARRIVAL_NOT_ACTIVE: REFUSED,
  ARRIVAL_NEEDS_REBOOKING: REFUSED,
  QUEUE_EMPTY: REFUSED,
  NOT_CALLED: REFUSED,
  CONSULTORIO_NOT_FOUND: REFUSED,
  ...accessLoopRefusals(),
};

/** Typed by the waitlist's and reminders' codes: a new code fails to compile until it is worded here. */
function accessLoopRefusals(): Record<WaitlistErrorCode | ReminderErrorCode, Refusal> {
  const p = LOOP_WEB.problems;
  return {
    REMINDER_LINK_INVALID: { status: 404, text: p.REMINDER_LINK_INVALID, next: 'mine' },
    REMINDER_LINK_EXPIRED: { status: 410, text: p.REMINDER_LINK_EXPIRED, next: 'home' },
    REMINDER_LINK_USED: { status: 409, text: p.REMINDER_LINK_USED, next: 'mine' },
    REMINDER_APPOINTMENT_GONE: { status: 409, text: p.REMINDER_APPOINTMENT_GONE, next: 'mine' },
    ALREADY_WAITING: { status: 409, text: p.ALREADY_WAITING, next: 'mine' },
    HAS_APPOINTMENT: { status: 409, text: p.HAS_APPOINTMENT, next: 'mine' },
    NOT_WAITING: { status: 404, text: p.NOT_WAITING, next: 'mine' },
    SERVICE_NOT_OFFERED: { status: 422, text: p.SERVICE_NOT_OFFERED, next: 'book' },
    LINK_INVALID: { status: 404, text: p.LINK_INVALID, next: 'home' },
    OFFER_EXPIRED: { status: 410, text: p.OFFER_EXPIRED, next: 'home' },
    OFFER_CLOSED: { status: 409, text: p.OFFER_CLOSED, next: 'mine' },
    OFFER_NOT_BOOKABLE: { status: 409, text: p.OFFER_NOT_BOOKABLE, next: 'home' },
  };
}

const NEXT: Record<Next, { href: string; label: string }> = {
  home: { href: '/', label: WEB.problems.home },
  mine: { href: '/citas', label: WEB.problems.mine },
  restart: { href: '/', label: WEB.problems.restart },
  book: { href: '/cita', label: WEB.problems.chooseOther },
  requests: { href: '/solicitudes', label: ALLOCATION_WEB.received.back },
  queue: { href: '/fila', label: QUEUE.problems.passRequired.queue },
};

const OVERLOAD_CODES = new Set(['OVERLOADED', 'RATE_LIMITED', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE']);
const DEFAULT_RETRY_SECONDS = 30;

/** Someone who is not signed in asked for a signed-in page: the error handler sends them to sign in. */
export const SIGN_IN_REQUIRED = 'SIGN_IN_REQUIRED' satisfies RefusalCode;

export function refusalPage(code: RefusalCode, tooLateMinutes: number) {
  const answer = REFUSALS[code];
  if (answer === 'too-late') {
    return problemPage({
      status: 422,
      code,
      title: WEB.problems.tooLate.title,
      body: WEB.problems.tooLate.body(WEB.hours(tooLateMinutes)),
      next: buttonLink(NEXT.mine.href, NEXT.mine.label),
    });
  }
  // Signing in and waiting are answered by the error handler before any page is made.
  const refusal = typeof answer === 'string' ? REFUSED : answer;
  const next = NEXT[refusal.next];
  return problemPage({
    status: refusal.status,
    code,
    title: refusal.text.title,
    body: refusal.text.body,
    next: buttonLink(next.href, next.label),
  });
}

/**
 * The calm page for overload (429/503 from load shedding or rate limits): how long to wait, and a
 * Retry-After header that browsers and proxies understand.
 */
export function sendBusyPage(
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: 429 | 503,
  seconds: number,
) {
  return sendWaitPage(context, request, reply, seconds, {
    status,
    code: status === 429 ? 'TOO_MANY_REQUESTS' : 'OVERLOADED',
    title: WEB.problems.busy.title,
    body: WEB.problems.busy.body(seconds),
    next: buttonLink(retryHref(request), WEB.problems.retry),
  });
}

/** The portal's own limits: too many attempts from here; nothing was done, come back in a while. */
const sendRateLimitedPage = (
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  seconds: number,
) =>
  sendWaitPage(context, request, reply, seconds, {
    status: 429,
    code: 'RATE_LIMITED',
    title: WEB.problems.rateLimited.title,
    body: WEB.problems.rateLimited.body(WEB.waitFor(seconds)),
    next: buttonLink('/', WEB.problems.home),
  });

/** A page that asks to come back later, with the Retry-After that browsers and proxies understand. */
function sendWaitPage(
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  seconds: number,
  page: Parameters<typeof problemPage>[0],
) {
  reply.header('retry-after', String(seconds));
  return sendPage(context, request, reply, problemPage(page));
}

/** Retry a GET where it was; after a failed POST, go back to the page the form was on. */
function retryHref(request: FastifyRequest): string {
  if (request.method === 'GET') return request.url;
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.host ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

function retrySeconds(
  error: FastifyError & { details?: Record<string, unknown> },
  reply: FastifyReply,
): number {
  const candidates = [
    reply.getHeader('retry-after'),
    error.details?.retryAfterSeconds,
    error.details?.retryAfter,
  ];
  for (const value of candidates) {
    const seconds = Number(value);
    if (Number.isInteger(seconds) && seconds > 0 && seconds <= 3600) return seconds;
  }
  return DEFAULT_RETRY_SECONDS;
}

/** Every failure in the portal becomes a page that says what happened and what to do next. */
export function registerWebErrors(scope: FastifyInstance, context: WebContext) {
  scope.setErrorHandler(async (error: FastifyError, request, reply) => {
    const code = isDomainError(error) ? error.code : (error.code ?? '');
    const answer = isDomainError(error) ? REFUSALS[error.code] : undefined;
    if (answer === 'sign-in') {
      const going = request.method === 'GET' ? returnPath(request.url.split('?')[0]) : null;
      return reply.code(303).redirect(withReturn('/entrar', going));
    }
    if (isDomainError(error) && answer === 'wait') {
      return sendRateLimitedPage(context, request, reply, Number(error.details?.retryAfterSeconds) || 60);
    }
    const status = error.statusCode ?? 0;
    if (status === 429 || status === 503 || OVERLOAD_CODES.has(code)) {
      return sendBusyPage(context, request, reply, status === 429 ? 429 : 503, retrySeconds(error, reply));
    }
    if (isDomainError(error)) {
      request.log.info({ code }, 'web request refused');
      return sendPage(context, request, reply, refusalPage(error.code, context.config.changeCutoffMinutes));
    }
    const refusal = frameworkRefusal(error);
    if (refusal) {
      request.log.info({ code, status }, 'web request refused by the framework');
      return sendPage(context, request, reply, frameworkRefusalPage(refusal));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      const seconds = context.config.overload.retryAfterSeconds;
      return sendWaitPage(context, request, reply, seconds, {
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        title: WEB.problems.unavailable.title,
        body: WEB.problems.unavailable.body(seconds),
        next: buttonLink(retryHref(request), WEB.problems.retry),
      });
    }
    // Not a 500: the person is told to try again shortly and where to check what happened.
    request.log.error({ err: error }, 'unexpected failure in the web portal');
    reply.header('retry-after', String(DEFAULT_RETRY_SECONDS));
    return sendPage(
      context,
      request,
      reply,
      problemPage({
        status: 503,
        code: 'UNEXPECTED',
        title: WEB.problems.unexpected.title,
        body: WEB.problems.unexpected.body,
        next: buttonLink('/citas', WEB.problems.mine),
      }),
    );
  });
}

/** The page for a refusal of the framework: plain Spanish, the way home, nothing of the request. */
function frameworkRefusalPage(refusal: FrameworkRefusal) {
  const text = isAddressRefusal(refusal)
    ? WEB.problems.notFound
    : refusal.code === 'HEADERS_TOO_LARGE'
      ? WEB.problems.headersTooLarge
      : WEB.problems.badRequest;
  return problemPage({
    status: refusal.status,
    code: refusal.code,
    title: text.title,
    body: text.body,
    next: buttonLink('/', WEB.problems.home),
  });
}

/** The portal's pages for refusals made outside its routes (unknown paths, malformed URLs, headers). */
export function portalRefusalPages(context: WebContext, production: boolean): RefusalPages {
  const headers = securityHeaders({ production });
  return {
    prefix: '/',
    async send(request, reply, refusal) {
      await headers(request, reply);
      request.session = null;
      return sendPage(context, request, reply, frameworkRefusalPage(refusal));
    },
    document: (refusal) => portalDocument(context, frameworkRefusalPage(refusal)),
  };
}
