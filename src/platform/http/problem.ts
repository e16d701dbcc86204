import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '../db/errors.js';
import { type DomainError, isDomainError } from '../domain-error.js';
import { API_PROBLEM_DETAILS, API_PROBLEM_TITLES } from '../i18n/api-messages.js';
import type { RefusalCode } from '../refusal-code.js';
import { type FrameworkRefusal, frameworkRefusal } from './framework-refusal.js';
import { type ValidationIssue, validationReason } from './validation-reason.js';

/** Every refusal's status: a code without one here does not compile. */
export const STATUS_OF_REFUSAL: Record<RefusalCode, number> = {
  BENEFICIARY_NOT_FOUND: 404,
  SLOT_NOT_FOUND: 404,
  APPOINTMENT_NOT_FOUND: 404,
  NOT_ELIGIBLE: 422,
  WRONG_UNIT: 422,
  REFERRAL_REQUIRED: 422,
  OUTSIDE_BOOKING_WINDOW: 422,
  SLOT_TAKEN: 409,
  SLOT_CLOSED: 409,
  QUOTA_EXHAUSTED: 409,
  ACTIVE_APPOINTMENT_EXISTS: 409,
  TOO_LATE_TO_CHANGE: 422,
  APPOINTMENT_NOT_ACTIVE: 409,
  SERVICE_MISMATCH: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  REBOOKING_LIMIT: 422,
  OPEN_APPOINTMENT_LIMIT: 409,
  PASS_REQUIRED: 422,
  REVIEW_REQUIRED: 422,
  PROPOSAL_EXPIRED: 410,
  PROPOSAL_CLOSED: 409,
  QUEUE_NOT_OPEN: 422,
  ARRIVAL_QUERY_INVALID: 422,
  ARRIVAL_NOT_FOUND: 404,
  ARRIVAL_NOT_TODAY: 409,
  ALREADY_CHECKED_IN: 409,
  ARRIVAL_NOT_ACTIVE: 409,
  ARRIVAL_NEEDS_REBOOKING: 409,
  QUEUE_EMPTY: 409,
  NOT_CALLED: 409,
  CONSULTORIO_NOT_FOUND: 404,
  REMINDER_LINK_INVALID: 404,
  REMINDER_LINK_EXPIRED: 410,
  REMINDER_LINK_USED: 409,
  REMINDER_APPOINTMENT_GONE: 409,
  ALREADY_WAITING: 409,
  HAS_APPOINTMENT: 409,
  NOT_WAITING: 404,
  LINK_INVALID: 404,
  OFFER_EXPIRED: 410,
  OFFER_CLOSED: 409,
  OFFER_NOT_BOOKABLE: 409,
  PLACE_EXISTS: 422,
  PLACE_NOT_FOUND: 422,
  PLACE_NOT_EXPIRED: 422,
  RELEASE_NOT_FOUND: 422,
  ALLOCATION_WINDOW_CLOSED: 422,
  PREFERENCES_INVALID: 422,
  REQUEST_NOT_FOUND: 422,
  CALLBACK_NOT_FOUND: 422,
  CALLBACK_NOT_PENDING: 422,
  CALLBACK_NOT_YOURS: 422,
  UNIT_NOT_FOUND: 404,
  SERVICE_NOT_FOUND: 404,
  SERVICE_NOT_OFFERED: 422,
  RESOURCE_NOT_FOUND: 404,
  CLOSURE_EXISTS: 409,
  INVALID_INTERVAL: 400,
  TEMPLATE_INVALID: 422,
  INVALID_CURP: 400,
  IMPORT_FILE_NOT_FOUND: 422,
  IMPORT_HEADER_INVALID: 422,
  NATIONAL_NETWORK_EXISTS: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OTHER_UNIT: 422,
  STAFF_NOT_FOUND: 422,
  STAFF_EMAIL_TAKEN: 422,
  STAFF_SELF_DEMOTION: 422,
  STAFF_SELF_DISABLE: 422,
  UNIT_REQUIRED: 422,
  PASSWORD_TOO_SHORT: 422,
  INVALID_EMAIL: 400,
  NOT_FOUND: 404,
  SIGN_IN_REQUIRED: 422,
  CONSOLE_SIGN_IN_REQUIRED: 422,
  CHANNEL_NOT_ALLOWED: 400,
  PHONE_REQUEST_UNVERIFIED: 403,
  CSRF_REJECTED: 403,
  FORM_FIELDS_UNEXPECTED: 422,
  RATE_LIMITED: 429,
};

/** The statuses of refusals made outside the domains: the framework's, and the server's own state. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  ...STATUS_OF_REFUSAL,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_OVERLOADED: 503,
  DATABASE_UNAVAILABLE: 503,
  NOT_READY: 503,
};

/** Retry-After when nothing else is configured: a restart or a fail-over takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [extra: string]: unknown;
}

/** Builds a problem document; codes without an explicit status are 422 (understood, but refused). */
export function problem(
  code: string,
  details: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const status = STATUS_OF_CODE[code] ?? (code.endsWith('_FAILED') || code.startsWith('INVALID') ? 400 : 422);
  const detail = (API_PROBLEM_DETAILS[code] ?? API_PROBLEM_DETAILS.BAD_REQUEST)?.(details) ?? '';
  return {
    type: `urn:citas:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: API_PROBLEM_TITLES[code] ?? 'Solicitud rechazada',
    status,
    code,
    detail,
    ...extra,
  } satisfies Problem;
}

/**
 * The API's answer when the database is unreachable, restarting, frozen or too slow: nothing was
 * done, and the same request may succeed in `retryAfterSeconds` (an idempotent POST may be retried
 * with its key).
 */
export function databaseUnavailableProblem(reply: FastifyReply, retryAfterSeconds: number) {
  const body = problem('DATABASE_UNAVAILABLE', { retryAfterSeconds }, { retryAfterSeconds });
  reply.header('retry-after', String(retryAfterSeconds));
  return sendProblem(reply, body);
}

/** The API's answer to a request shed under overload (see load-shedding.ts). */
export function overloadProblem(reply: FastifyReply, retryAfterSeconds: number) {
  const body = problem('SERVICE_OVERLOADED', { retryAfterSeconds }, { retryAfterSeconds });
  reply.code(body.status).type('application/problem+json; charset=utf-8');
  return body;
}

/** A refusal of the framework as a problem document (BAD_REQUEST stands for several 4xx statuses). */
export const refusalProblem = (refusal: FrameworkRefusal): Problem => ({
  ...problem(refusal.code),
  status: refusal.status,
});

export function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps every failure to application/problem+json once, for all routes. */
export function registerProblemHandling(
  app: FastifyInstance,
  present: (error: DomainError) => Record<string, unknown>,
  options: {
    /** What `Retry-After` says when the database is unavailable. */
    retryAfterSeconds?: number;
  } = {},
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const retryAfter = error.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, problem(error.code, error.details, present(error)));
    }
    if (error.validation) {
      const reason = validationReason(error.validation[0] as ValidationIssue, error.validationContext);
      return sendProblem(reply, problem('VALIDATION_FAILED', { reason }));
    }
    const refusal = frameworkRefusal(error);
    if (refusal) {
      request.log.info({ code: error.code }, 'request refused by the framework');
      return sendProblem(reply, refusalProblem(refusal));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return databaseUnavailableProblem(reply, options.retryAfterSeconds ?? DATABASE_RETRY_AFTER_SECONDS);
    }
    request.log.error({ err: error }, 'unexpected failure');
    return sendProblem(reply, problem('INTERNAL_ERROR'));
  });
}
