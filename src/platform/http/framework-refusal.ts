import type { FastifyError } from 'fastify';

/** A request the HTTP layer itself turns away: malformed URL, body or media type, wrong method, too big. */
export interface FrameworkRefusal {
  status: number;
  code: string;
}

const BY_FASTIFY_CODE: Record<string, FrameworkRefusal> = {
  FST_ERR_BAD_URL: { status: 400, code: 'INVALID_URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG' },
};

const BY_STATUS: Record<number, string> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

/** The project's code for an error of the framework (a 4xx it raised), or null for a real failure. */
export function frameworkRefusal(error: Pick<FastifyError, 'code' | 'statusCode'>): FrameworkRefusal | null {
  const known = BY_FASTIFY_CODE[error.code ?? ''];
  if (known) return known;
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return null;
  if (status === 400 && (error instanceof SyntaxError || /JSON/i.test(error.code ?? ''))) {
    return { status, code: 'INVALID_JSON' };
  }
  return { status, code: BY_STATUS[status] ?? 'BAD_REQUEST' };
}

const ADDRESS_CODES = new Set(['NOT_FOUND', 'METHOD_NOT_ALLOWED', 'URI_TOO_LONG', 'INVALID_URL']);

/** A refusal that means "this address is wrong" rather than "this request could not be read". */
export const isAddressRefusal = (refusal: FrameworkRefusal) => ADDRESS_CODES.has(refusal.code);
