/**
 * The 10-digit Mexican number of a caller as telephony platforms send it ("+525512345678",
 * "tel:+52…", "sip:5512345678@…", the old mobile prefix "+521…"), or null for anonymous, foreign or
 * unparseable callers, who then identify by affiliation number.
 */
export function callerNumber(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const user = raw.replace(/^(tel|sip|sips):/i, '').split('@')[0] ?? '';
  if (!/^\+?[0-9][0-9\s().-]*$/.test(user)) return null;
  const digits = user.replace(/[^0-9]/g, '');
  if (/^[0-9]{10}$/.test(digits) && !user.startsWith('+')) return digits;
  const national = /^52(?:1)?([0-9]{10})$/.exec(digits);
  return national?.[1] ?? null;
}
