// Where a signed-out person was going when the portal asked them to sign in — an SMS's link to
// change or cancel one appointment, or Mis citas — so that signing in lands them there, not on the
// booking's first page. Only these paths are honoured: the parameter cannot send anyone elsewhere.
const RETURNABLE =
  /^\/citas(?:\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(?:cambiar|cancelar))?$/;

export const returnPath = (raw: unknown): string | null =>
  typeof raw === 'string' && RETURNABLE.test(raw) ? raw : null;

/** `path`, carrying the return path in `despues` when there is one. */
export const withReturn = (path: string, after: string | null): string =>
  after ? `${path}?despues=${encodeURIComponent(after)}` : path;
