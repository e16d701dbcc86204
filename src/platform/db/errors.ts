/** The constraint a unique violation (SQLSTATE 23505) hit, from pg or PGlite errors; else null. */
export function violatedUniqueConstraint(error: unknown): string | null {
  return violated(error, '23505', /unique constraint "([^"]+)"/);
}

/** The constraint a check violation (SQLSTATE 23514, also raised by triggers) hit; else null. */
export function violatedCheckConstraint(error: unknown): string | null {
  return violated(error, '23514', /check constraint "([^"]+)"/);
}

function violated(error: unknown, sqlState: string, inMessage: RegExp): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== sqlState) return null;
  if (typeof e.constraint === 'string') return e.constraint;
  const match = typeof e.message === 'string' ? inMessage.exec(e.message) : null;
  return match?.[1] ?? 'unknown';
}

/** Whether `error` is a foreign key violation (SQLSTATE 23503) from pg or PGlite. */
export function violatedForeignKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

// SQLSTATEs that say the database cannot serve now, not that the request is wrong: connection
// exceptions (class 08), too many connections, shutdowns and "cannot connect now" (a fail-over or a
// restart), and the timeouts that bound a frozen or overloaded server.
const UNAVAILABLE_SQLSTATES = new Set([
  '53300', // too_many_connections
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '25P03', // idle_in_transaction_session_timeout
]);
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres and its pool say these in messages only, without a code.
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed)/;

/**
 * Whether `error` means the database is unreachable, restarting, frozen or too slow (a 503 with
 * Retry-After, not a 500): the request may well succeed in a few seconds. Looks through `cause` and
 * AggregateError (a host name with several addresses refuses on each of them).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_SYSTEM_CODES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
