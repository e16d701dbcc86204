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
