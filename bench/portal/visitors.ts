// The portal's visitors for the bench, in a process of their own (`node visitors.js scenario.json
// result.json`): whole journeys by beneficiaries of the seeded network, or a burst of sign-ins. Each
// visitor is one person on their own phone and address (a loopback address of their own, as the
// simulated morning does), signing in with the code the server's SMS worker hands to the fake
// gateway this process runs (bench/morning/phone-inbox.ts). Every page is timed.
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Browser, type Exchange, type View } from '../morning/browser.js';
import { PhoneInbox } from '../morning/phone-inbox.js';
import { SERVICE } from '../morning/population.js';
import { csrfOf, readPortal, signInForm } from '../morning/portal-agents.js';
import { type Percentiles, percentiles } from '../percentiles.js';

export interface Visitor {
  curp: string;
  birthDate: string;
  phone: string;
}

export type PortalScenario = { url: string; smsGatewayPort: number; people: Visitor[] } & (
  | { kind: 'journeys'; concurrency: number; seconds: number }
  | { kind: 'sign-in-burst'; perSecond: number; seconds: number }
);

export interface PortalResult {
  seconds: number;
  requests: number;
  statuses: Record<string, number>;
  /** Latency of every page by method and path (ids blanked), redirects timed as their own page. */
  pages: Record<string, Percentiles>;
  /** From the sign-in post to the code at the fake gateway. */
  codeDelayMs: Percentiles;
  /** Messages the gateway received again under an idempotency key it had already seen. */
  sentTwice: number;
  handedOver: number;
  /** Journeys: how each ended (`booked`, or where it stopped); burst: sign-ins whose code arrived or not. */
  endings: Record<string, number>;
  /** Sign-in posts per second as sent (the burst's achieved rate). */
  signInsPerSecond: number;
  createdIds: string[];
}

const [scenarioFile, resultFile] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile as string, 'utf8')) as PortalScenario;
const base = new URL(scenario.url);
const inbox = await PhoneInbox.listen(scenario.smsGatewayPort);
const latencies = new Map<string, number[]>();
const statuses: Record<string, number> = {};
const endings: Record<string, number> = {};
const createdIds: string[] = [];
const signInPosts: number[] = [];
let requests = 0;
const CODE_TIMEOUT_MS = 30_000;

const record = (e: Exchange) => {
  requests++;
  statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  const list = latencies.get(e.page) ?? latencies.set(e.page, []).get(e.page);
  list?.push(e.ms);
};
const end = (how: string) => {
  endings[how] = (endings[how] ?? 0) + 1;
};
/** Visitor i's own source address: 127.3.0.1, 127.3.0.2, … (every 127/8 address is loopback). */
const addressOf = (i: number) => `127.3.${Math.floor(i / 254) % 256}.${(i % 254) + 1}`;
const stoppedAt = (view: View) => {
  const page = readPortal(view);
  return `stopped at ${page.at}${page.at === 'other' ? ` ${page.status} ${page.code || page.path}` : ''}`;
};

/**
 * A page, asked again after the wait a 503 or 429 names (Retry-After), as a person would, up to
 * three times; the refusals stay in the figures.
 */
async function patiently(browser: Browser, view: View): Promise<View> {
  let shown = view;
  for (let tries = 0; tries < 3; tries++) {
    const page = readPortal(shown);
    if (page.at !== 'busy') return shown;
    await sleep(page.retryAfterMs);
    shown = await browser.again();
  }
  return shown;
}

/** Start page and sign-in; the code page once the code was typed, or why not. */
async function signIn(browser: Browser, who: Visitor, patient: boolean): Promise<View | string> {
  const wait = (view: View) => (patient ? patiently(browser, view) : view);
  const start = await wait(await browser.get('/entrar'));
  if (readPortal(start).at !== 'sign-in') return stoppedAt(start);
  const askedAt = performance.now();
  signInPosts.push(askedAt);
  const codePage = await wait(
    await browser.post('/entrar', { ...signInForm(who), _csrf: csrfOf(start.body) }),
  );
  if (readPortal(codePage).at !== 'code') return stoppedAt(codePage);
  const code = await inbox.next(who.phone, askedAt, CODE_TIMEOUT_MS);
  if (code === null) return 'no code arrived';
  return wait(await browser.post('/entrar/codigo', { codigo: code, _csrf: csrfOf(codePage.body) }));
}

/** Start, sign-in, person, service, day, time, review, confirm, Mis citas: how it ended. */
async function journey(who: Visitor, i: number): Promise<string> {
  const browser = new Browser(base, addressOf(i), record);
  const get = async (path: string) => patiently(browser, await browser.get(path));
  const post = async (path: string, form: Record<string, string>) =>
    patiently(browser, await browser.post(path, form));
  try {
    const signedIn = await signIn(browser, who, true);
    if (typeof signedIn === 'string') return signedIn;
    const person = readPortal(signedIn);
    if (person.at !== 'who' || !person.personId) return stoppedAt(signedIn);
    const service = await get(`/cita/servicio?persona=${person.personId}`);
    if (readPortal(service).at !== 'service') return stoppedAt(service);
    const dates = await get(`/cita/fecha?persona=${person.personId}&servicio=${SERVICE}`);
    const day = readPortal(dates);
    if (day.at !== 'dates' || !day.days[0]) return stoppedAt(dates);
    const times = await get(day.days[0]);
    const time = readPortal(times);
    if (time.at !== 'times' || time.reviews.length === 0) return stoppedAt(times);
    // One of the day's first four times, as people choose, so that journeys at one unit rarely collide.
    let review = time.reviews[i % Math.min(4, time.reviews.length)] as string;
    for (let taken = 0; taken < 5; taken++) {
      const reviewPage = await get(review);
      const form = readPortal(reviewPage);
      if (form.at !== 'review') return stoppedAt(reviewPage);
      const answer = await post('/cita', { ...form.form, _csrf: csrfOf(reviewPage.body) });
      const outcome = readPortal(answer);
      if (outcome.at === 'booked') {
        createdIds.push(answer.path.split('/')[2] as string);
        const mine = await get('/citas');
        return mine.status === 200 ? 'booked' : stoppedAt(mine);
      }
      if (outcome.at !== 'taken' || !outcome.reviews[0]) return stoppedAt(answer);
      review = outcome.reviews[0];
    }
    return 'taken five times';
  } finally {
    browser.close();
  }
}

/** `concurrency` people at a time, each journey followed at once by the next person's, for `seconds`. */
async function journeys(concurrency: number, seconds: number) {
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const walker = async () => {
    while (performance.now() < until && next < scenario.people.length) {
      const i = next++;
      end(await journey(scenario.people[i] as Visitor, i).catch((e: Error) => `error: ${e.message}`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, walker));
}

/** A new person signing in every 1/`perSecond` s for `seconds`, whatever the server's pace. */
async function burst(perSecond: number, seconds: number) {
  const started = performance.now();
  const count = Math.min(scenario.people.length, Math.round(perSecond * seconds));
  const visits: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const browser = new Browser(base, addressOf(i), record);
    visits.push(
      // The burst measures the first try: a sign-in turned away is counted, not retried.
      signIn(browser, scenario.people[i] as Visitor, false)
        .then(
          (view) => end(typeof view === 'string' ? view : 'code arrived'),
          (e: Error) => end(`error: ${e.message}`),
        )
        .finally(() => browser.close()),
    );
  }
  await Promise.all(visits);
}

const started = performance.now();
if (scenario.kind === 'journeys') await journeys(scenario.concurrency, scenario.seconds);
else await burst(scenario.perSecond, scenario.seconds);
const seconds = (performance.now() - started) / 1000;
// The gateway may still get a message twice after the last code arrived (a lease that ran out).
await sleep(1000);
await inbox.close();
const posted = signInPosts.sort((a, b) => a - b);
const span = ((posted.at(-1) ?? 0) - (posted[0] ?? 0)) / 1000;
const result: PortalResult = {
  seconds,
  requests,
  statuses,
  pages: Object.fromEntries([...latencies].map(([page, values]) => [page, percentiles(values)])),
  codeDelayMs: percentiles(inbox.delays),
  sentTwice: inbox.sentTwice,
  handedOver: inbox.handedOver,
  endings,
  signInsPerSecond: span > 0 ? (posted.length - 1) / span : 0,
  createdIds,
};
writeFileSync(resultFile as string, JSON.stringify(result));
