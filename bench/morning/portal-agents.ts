// The portal's visitors as pure decisions: what a page says (readPortal), and what a person or a
// script does next given what they see (personNext, scriptNext). The crowd runs the steps.
import { SERVICE } from './population.js';

/** Where a place in the waiting room stands (header Citas-Queue-State). */
export type PlaceState = 'pending' | 'waiting' | 'admitted' | 'used' | 'expired' | 'closed';

export type Portal =
  | { at: 'sign-in' }
  | { at: 'code' }
  | { at: 'who'; personId: number | null }
  | { at: 'service' }
  | { at: 'dates'; first: string | null; days: string[] }
  | { at: 'times'; reviews: string[] }
  | { at: 'review'; form: Record<string, string> }
  | { at: 'booked' }
  | { at: 'taken'; reviews: string[] }
  | { at: 'has-one' }
  | { at: 'review-required'; review: string | null }
  | { at: 'queue-join'; path: string }
  /** Before the pre-window (the clocks of the crowd and the server may differ by a few ms). */
  | { at: 'queue-not-open' }
  | { at: 'place'; path: string; state: PlaceState; refreshMs: number }
  /** Request and allocate: the open request windows (by unit name), a window's form, a request filed. */
  | { at: 'requests'; windows: Record<string, string> }
  | { at: 'request-form'; path: string }
  | { at: 'request-filed' }
  | { at: 'window-closed' }
  | { at: 'busy'; retryAfterMs: number }
  | { at: 'other'; status: number; code: string; path: string };

/** `filed`: a request for the allocation is in; the draw decides. */
export type Result = 'won' | 'lost' | 'gave-up' | 'filed';

export type Act =
  | { get: string }
  | { post: string; form: Record<string, string> }
  /** Read the sign-in code off the phone, then type it. */
  | { code: true }
  /** Send the last request again. */
  | { again: true }
  | { stop: Result; note?: string };

export interface Step {
  /** Milliseconds to think (or wait) before acting. */
  waitMs: number;
  act: Act;
}

const decodeEntities = (href: string) => href.replaceAll('&amp;', '&');
const hrefs = (body: string, prefix: string) =>
  [...body.matchAll(/href="([^"]+)"/g)]
    .map((m) => decodeEntities(m[1] ?? ''))
    .filter((h) => h.startsWith(prefix));
const field = (body: string, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1] ?? '';

export const csrfOf = (body: string) => field(body, '_csrf');
/** Each open window's link, by the name of its unit as the list shows it. */
const requestWindows = (body: string) =>
  Object.fromEntries(
    [...body.matchAll(/<span class="muted">([^<]+)<\/span>[\s\S]*?href="(\/solicitudes\/[0-9]+)"/g)].map(
      (m) => [m[1] ?? '', m[2] ?? ''],
    ),
  );
export const slotOf = (review: string) => /horario=([0-9]+)/.exec(review)?.[1] ?? '';
/** The waiting room's page of a unit's release of the service. */
export const queueOf = (unit: string) => `/fila/${unit}/${SERVICE}`;

/** What the page shown says, by its path, status, headers and error code. */
export function readPortal(view: {
  status: number;
  path: string;
  body: string;
  headers: Record<string, unknown>;
}): Portal {
  const code = String(view.headers['citas-error-code'] ?? '');
  const path = view.path.split('?')[0] ?? '';
  const state = view.headers['citas-queue-state'];
  if (view.status === 429 || view.status === 503)
    return { at: 'busy', retryAfterMs: Number(view.headers['retry-after'] ?? 5) * 1000 };
  if (code === 'SLOT_TAKEN') return { at: 'taken', reviews: hrefs(view.body, '/cita/revisar') };
  if (code === 'ACTIVE_APPOINTMENT_EXISTS') return { at: 'has-one' };
  if (code === 'REVIEW_REQUIRED')
    return { at: 'review-required', review: hrefs(view.body, '/cita/revisar')[0] ?? null };
  if (code === 'QUEUE_NOT_OPEN') return { at: 'queue-not-open' };
  if (code === 'ALLOCATION_WINDOW_CLOSED') return { at: 'window-closed' };
  if (typeof state === 'string' && path.startsWith('/fila/lugar/')) {
    const refresh = Number.parseInt(String(view.headers.refresh ?? '20'), 10);
    return { at: 'place', path: view.path, state: state as PlaceState, refreshMs: refresh * 1000 };
  }
  // A code refused on its form (a later code replaced it): wait for the newest SMS.
  if (path === '/entrar/codigo' && view.status === 422 && !code) return { at: 'code' };
  if (view.status >= 400 || code) return { at: 'other', status: view.status, code, path };
  if (/^\/citas\/[^/]+\/confirmacion$/.test(path)) return { at: 'booked' };
  if (/^\/fila\/[A-Z0-9]+\/[a-z_]+$/.test(path)) return { at: 'queue-join', path };
  if (/^\/solicitudes\/[0-9]+$/.test(path)) return { at: 'request-form', path };
  if (/^\/solicitudes\/[0-9]+\/recibida$/.test(path)) return { at: 'request-filed' };
  if (path === '/solicitudes') return { at: 'requests', windows: requestWindows(view.body) };
  switch (path) {
    case '/entrar':
      return { at: 'sign-in' };
    case '/entrar/codigo':
      return { at: 'code' };
    case '/cita':
      return { at: 'who', personId: Number(field(view.body, 'persona')) || null };
    case '/cita/servicio':
      return { at: 'service' };
    case '/cita/fecha':
      return {
        at: 'dates',
        first: hrefs(view.body, '/cita/revisar')[0] ?? null,
        days: hrefs(view.body, '/cita/hora'),
      };
    case '/cita/hora':
      return { at: 'times', reviews: hrefs(view.body, '/cita/revisar') };
    case '/cita/revisar':
      return {
        at: 'review',
        form: {
          persona: field(view.body, 'persona'),
          horario: field(view.body, 'horario'),
          clave: field(view.body, 'clave'),
        },
      };
    default:
      return { at: 'other', status: view.status, code, path };
  }
}

export interface Who {
  curp: string;
  birthDate: string;
  /** The name of the person's unit, as pages show it. */
  unitName: string;
}

export const signInForm = (who: Pick<Who, 'curp' | 'birthDate'>): Record<string, string> => {
  const [year = '', month = '', day = ''] = who.birthDate.split('-');
  return { curp: who.curp, 'nacimiento-day': day, 'nacimiento-month': month, 'nacimiento-year': year };
};

/** What a person remembers along the way. */
export interface PersonMemory {
  personId: number | null;
  /** Let through by the waiting room (or there is none): from here on their pages are timed. */
  admitted: boolean;
  /** Confirmations that met "someone took it". */
  taken: number;
  /** Date pages seen empty after the release. */
  emptyAfterRelease: number;
}

export interface Moment {
  /** Milliseconds since the release (negative before it). */
  sinceReleaseMs: number;
  /** A random float in [0, 1): the person's own whims. */
  random: () => number;
}

/** Seconds a person takes on a page, between `low` and `high`. */
const think = (m: Moment, low: number, high: number) => Math.round((low + (high - low) * m.random()) * 1000);
const datesOf = (personId: number | null) => `/cita/fecha?persona=${personId}&servicio=${SERVICE}`;

/**
 * A person at human pace. With a waiting room they take a place and wait on its page (reloading as
 * it says) until admitted; then, as without one, they sign in, go to the dates page (reloading it
 * now and then before the release), take the first time offered or pick a day and one of its early
 * times, confirm, try the first alternative after "taken", and give up when nothing is left.
 */
export function personNext(page: Portal, me: PersonMemory, who: Who, m: Moment): [Step, PersonMemory] {
  const step = (waitMs: number, act: Act, memory = me): [Step, PersonMemory] => [{ waitMs, act }, memory];
  switch (page.at) {
    case 'queue-join':
      return step(think(m, 4, 9), { post: page.path, form: signInForm(who) });
    case 'queue-not-open':
      return step(think(m, 1, 3), { again: true });
    case 'place':
      switch (page.state) {
        case 'admitted':
          return step(think(m, 1, 3), { get: '/entrar' }, { ...me, admitted: true });
        case 'used':
          return step(0, { stop: 'won' });
        case 'closed':
          return step(0, { stop: 'lost', note: 'queue closed: nothing left' });
        case 'expired':
          // Their pass ran out: back to the end of the line with the same place.
          return step(think(m, 2, 5), { post: `${page.path.split('?')[0]}/volver`, form: {} });
        default:
          return step(page.refreshMs, { get: page.path });
      }
    case 'requests': {
      const link = page.windows[who.unitName];
      if (link) return step(think(m, 2, 5), { get: link });
      if (m.sinceReleaseMs < 0) return step(think(m, 3, 6), { again: true });
      return step(think(m, 1, 3), { get: '/entrar' });
    }
    case 'request-form':
      return step(think(m, 4, 9), { post: page.path, form: { ...signInForm(who), turno: 'cualquiera' } });
    case 'request-filed':
      return step(0, { stop: 'filed' });
    case 'window-closed':
      return step(think(m, 1, 3), { get: '/entrar' });
    case 'sign-in':
      return step(think(m, 4, 9), { post: '/entrar', form: signInForm(who) }, { ...me, admitted: true });
    case 'code':
      return step(0, { code: true });
    case 'who':
      return step(
        think(m, 1, 3),
        { get: `/cita/servicio?persona=${page.personId}` },
        { ...me, personId: page.personId },
      );
    case 'service':
      return step(think(m, 1, 3), { get: datesOf(me.personId) });
    case 'dates': {
      if (page.first) {
        const act = m.random() < 0.5 || page.days.length === 0 ? page.first : (page.days[0] as string);
        return step(think(m, 2, 5), { get: act });
      }
      if (m.sinceReleaseMs < 0) return step(think(m, 3, 10), { get: datesOf(me.personId) });
      const seen = me.emptyAfterRelease + 1;
      if (seen >= 3) return step(0, { stop: 'lost', note: 'nothing left' });
      return step(think(m, 2, 4), { get: datesOf(me.personId) }, { ...me, emptyAfterRelease: seen });
    }
    case 'times': {
      const early = page.reviews.slice(0, 4);
      if (early.length === 0) return step(think(m, 1, 3), { get: datesOf(me.personId) });
      return step(think(m, 2, 5), { get: early[Math.floor(m.random() * early.length)] as string });
    }
    case 'review':
      return step(think(m, 2, 5), { post: '/cita', form: page.form });
    case 'booked':
    case 'has-one':
      return step(0, { stop: 'won' });
    case 'taken': {
      const taken = me.taken + 1;
      if (taken > 5) return step(0, { stop: 'gave-up', note: 'taken too often' }, { ...me, taken });
      const next = page.reviews[0] ?? datesOf(me.personId);
      return step(think(m, 2, 4), { get: next }, { ...me, taken });
    }
    case 'review-required':
      return step(think(m, 1, 3), { get: page.review ?? datesOf(me.personId) });
    case 'busy':
      if (page.retryAfterMs > 60_000) return step(0, { stop: 'gave-up', note: 'told to come back later' });
      return step(page.retryAfterMs, { again: true });
    case 'other':
      return step(0, { stop: 'lost', note: `${page.status} ${page.code || page.path}` });
  }
}

/**
 * One browser of a script: takes a place if there is a waiting room (the first browser to ask gets
 * it) and reloads it without pause; every browser signs in and polls the released day's times page
 * without pause, books straight from whatever slot id it sees (its own pick per browser, so its
 * browsers do not collide), re-books the first alternative of a "taken" page at once, goes through
 * the review page only when told to, ignores Retry-After and retries everything.
 */
export function scriptNext(
  page: Portal,
  who: Who & { personId: number | null; browser: number; day: string; pollMs: number },
): Step {
  const times = `/cita/hora?persona=${who.personId}&servicio=${SERVICE}&dia=${who.day}`;
  const book = (review: string): Act => ({
    post: '/cita',
    form: { persona: String(who.personId), horario: slotOf(review), clave: '' },
  });
  const now = (act: Act): Step => ({ waitMs: 0, act });
  switch (page.at) {
    case 'queue-join':
      return now({ post: page.path, form: signInForm(who) });
    case 'queue-not-open':
      return { waitMs: who.pollMs, act: { again: true } };
    case 'place':
      if (page.state === 'admitted') return now({ get: '/entrar' });
      if (page.state === 'used') return now({ stop: 'won' });
      if (page.state === 'closed' || page.state === 'expired') return now({ get: times });
      return { waitMs: who.pollMs, act: { get: page.path } };
    case 'requests': {
      const link = page.windows[who.unitName];
      return link ? now({ get: link }) : { waitMs: who.pollMs, act: { again: true } };
    }
    case 'request-form':
      return now({ post: page.path, form: { ...signInForm(who), turno: 'cualquiera' } });
    case 'request-filed':
    case 'window-closed':
      return now({ get: '/entrar' });
    case 'sign-in':
      return now({ post: '/entrar', form: signInForm(who) });
    case 'code':
      return now({ code: true });
    case 'booked':
    case 'has-one':
      return now({ stop: 'won' });
    case 'times': {
      const pick = page.reviews[who.browser % Math.max(1, page.reviews.length)];
      return pick ? now(book(pick)) : { waitMs: who.pollMs, act: { get: times } };
    }
    case 'taken': {
      const [first] = page.reviews;
      return first ? now(book(first)) : now({ get: times });
    }
    case 'review-required':
      return now({ get: page.review ?? times });
    case 'review':
      return now({ post: '/cita', form: page.form });
    case 'busy':
      return { waitMs: who.pollMs, act: { again: true } };
    default:
      return { waitMs: who.pollMs, act: { get: who.personId === null ? '/entrar' : times } };
  }
}
