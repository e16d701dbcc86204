/**
 * How a typed search reads: staff type what the caller says or what a screen shows ("maria
 * hernandez", "Sofía Castro", "55 1234 5678", a CURP). Pure, so the rule is tested without a database.
 */
export type RegistryQuery =
  | { by: 'phone'; phone: string }
  | { by: 'curp'; prefix: string }
  | { by: 'name'; fragments: string[] }
  | { by: 'nothing' };

/** Name fragments looked for at most; each must appear somewhere in the full name. */
const MAX_FRAGMENTS = 4;
/** A phone typed with spaces, dashes, dots, brackets or a leading + (+52 …). */
const PHONE_LIKE = /^\+?[0-9 ().-]+$/;

/**
 * A name as the database's `name_key` holds it (migration 0120): accents and Ñ plain, lower case.
 * "Hernández Muñoz" → "hernandez munoz".
 */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Ten national digits from a phone in any usual format, or null ("+52 1 55…", "(55) 1234-5678"). */
export function nationalPhone(typed: string): string | null {
  if (!PHONE_LIKE.test(typed.trim())) return null;
  const digits = typed.replace(/[^0-9]/g, '');
  if (digits.length === 10) return digits;
  // The country code, and the old mobile prefix 1 after it.
  if (digits.length === 12 && digits.startsWith('52')) return digits.slice(2);
  if (digits.length === 13 && digits.startsWith('521')) return digits.slice(3);
  return null;
}

export function readRegistryQuery(typed: string): RegistryQuery {
  const q = typed.trim();
  if (q === '') return { by: 'nothing' };
  const phone = nationalPhone(q);
  if (phone) return { by: 'phone', phone };
  const compact = q.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{4}[0-9][0-9A-Z]*$/.test(compact)) return { by: 'curp', prefix: compact };
  const fragments = foldName(q)
    .split(/[^a-z0-9]+/)
    .filter((f) => f !== '');
  if (fragments.length === 0) return { by: 'nothing' };
  // Longest first: with a cap, the most telling fragments are kept.
  const kept = [...new Set(fragments)].sort((a, b) => b.length - a.length).slice(0, MAX_FRAGMENTS);
  return { by: 'name', fragments: kept };
}
