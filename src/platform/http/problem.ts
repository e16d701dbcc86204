import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/errors.js';
import { isDomainError } from '../domain-error.js';
import { API_PROBLEM_DETAILS, API_PROBLEM_TITLES } from '../i18n/api-messages.js';

const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PHONE_REQUEST_UNVERIFIED: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  SERVICE_NOT_FOUND: 404,
  RESOURCE_NOT_FOUND: 404,
  BENEFICIARY_NOT_FOUND: 404,
  SLOT_NOT_FOUND: 404,
  APPOINTMENT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SLOT_TAKEN: 409,
  SLOT_CLOSED: 409,
  ACTIVE_APPOINTMENT_EXISTS: 409,
  OPEN_APPOINTMENT_LIMIT: 409,
  // Over-posting: a staff token naming a self-service channel is a malformed request.
  CHANNEL_NOT_ALLOWED: 400,
  QUOTA_EXHAUSTED: 409,
  APPOINTMENT_NOT_ACTIVE: 409,
  CLOSURE_EXISTS: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
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

export function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps every failure to application/problem+json once, for all routes. */
export function registerProblemHandling(
  app: FastifyInstance,
  present: (extra: Record<string, unknown>) => Record<string, unknown>,
  options: {
    pageNotFound?: (request: FastifyRequest, reply: FastifyReply) => unknown;
    /** What `Retry-After` says when the database is unavailable. */
    retryAfterSeconds?: number;
  } = {},
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const retryAfter = error.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, problem(error.code, error.details, present(error.details)));
    }
    if (error.validation) {
      const first = error.validation[0];
      const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
      const param = (first?.params as { additionalProperty?: string; missingProperty?: string }) ?? {};
      const reason = param.additionalProperty
        ? `el campo «${param.additionalProperty}» no se admite`
        : param.missingProperty
          ? `falta el campo «${param.missingProperty}»`
          : `el campo «${field || error.validationContext}» no tiene un valor válido`;
      return sendProblem(reply, problem('VALIDATION_FAILED', { reason }));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, problem('BODY_TOO_LARGE'));
    if (status === 415) return sendProblem(reply, problem('UNSUPPORTED_MEDIA_TYPE'));
    if (status === 400 && (error instanceof SyntaxError || /JSON/i.test(error.code ?? ''))) {
      return sendProblem(reply, problem('INVALID_JSON'));
    }
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code }, 'request refused by the framework');
      return sendProblem(reply, { ...problem('BAD_REQUEST'), status });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return databaseUnavailableProblem(reply, options.retryAfterSeconds ?? DATABASE_RETRY_AFTER_SECONDS);
    }
    request.log.error({ err: error }, 'unexpected failure');
    return sendProblem(reply, problem('INTERNAL_ERROR'));
  });
  // A browser asking for a page that does not exist gets a page; programs get problem+json.
  app.setNotFoundHandler((request, reply) =>
    options.pageNotFound && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')
      ? options.pageNotFound(request, reply)
      : sendProblem(reply, problem('NOT_FOUND')),
  );
}
