import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../domain-error.js';
import { API_PROBLEM_DETAILS, API_PROBLEM_TITLES } from '../i18n/api-messages.js';
import { type ValidationIssue, validationReason } from './validation-reason.js';

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
};

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
  options: { pageNotFound?: (request: FastifyRequest, reply: FastifyReply) => unknown } = {},
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const retryAfter = error.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, problem(error.code, error.details, present(error.details)));
    }
    if (error.validation) {
      const reason = validationReason(error.validation[0] as ValidationIssue, error.validationContext);
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
