import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SecurityHeaderOptions {
  /** Adds Strict-Transport-Security: only behind HTTPS, or browsers would pin a broken origin. */
  production: boolean;
}

// Pages load only their own stylesheet (and, if ever, scripts) from this origin: no inline script or
// style, no framing, forms post only here.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** onRequest hook for HTML channels: sets the headers before any reply, errors included. */
export function securityHeaders(options: SecurityHeaderOptions) {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.production) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}
