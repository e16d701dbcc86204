// The crowd, in a process of its own (`node crowd.js scenario.json result.json`): every participant
// arrives at their moment and plays their part over real HTTP from their own loopback address(es):
// people and scripts through the portal, callers through the TwiML webhooks, signed as Twilio.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { twilioSignature } from '../../src/channels/phone/verify.js';
import { SeededRandom } from '../../src/seed/random.js';
import { type Percentiles, percentiles } from '../percentiles.js';
import { Browser, type Exchange, send, type View } from './browser.js';
import { type CallerMemory, callerNext, readTwiml } from './caller-agent.js';
import { PhoneInbox } from './phone-inbox.js';
import type { Mode, MorningShape } from './plan.js';
import type { Participant } from './population.js';
import {
  type Act,
  csrfOf,
  type PersonMemory,
  personNext,
  queueOf,
  type Result,
  readPortal,
  type Step,
  scriptNext,
} from './portal-agents.js';

export interface CrowdScenario {
  mode: Mode;
  url: string;
  /** The origin the phone webhooks are signed for (PHONE_PUBLIC_URL of the server). */
  phoneOrigin: string;
  twilioToken: string;
  /** Where the crowd's fake SMS gateway listens (the server's SMS_HTTP_URL). */
  smsGatewayPort: number;
  /** Epoch milliseconds of the release, and of the end of the morning. */
  releaseAt: number;
  endAt: number;
  day: string;
  shape: MorningShape;
  participants: Participant[];
}

export interface Outcome {
  id: number;
  kind: Participant['kind'];
  atMs: number;
  result: Result | 'unfinished';
  note?: string;
}

export interface CrowdResult {
  outcomes: Outcome[];
  /** Latency of every page, by who asked: `person` (admitted people), `script`, `caller`. */
  pages: Record<string, Record<string, Percentiles>>;
  statuses: Record<string, number>;
  /** Answers by status and page (`503 GET /cita/fecha`); status 0 = no answer (time-out, reset). */
  byPage: Record<string, number>;
  requests: number;
  codeDelayMs: Percentiles;
}

class Stop extends Error {}

interface Ending {
  result: Result;
  note?: string | undefined;
}

const [scenarioFile, resultFile] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile as string, 'utf8')) as CrowdScenario;
const base = new URL(scenario.url);
const inbox = await PhoneInbox.listen(scenario.smsGatewayPort);
const latencies = new Map<string, number[]>();
const statuses: Record<string, number> = {};
const byPage: Record<string, number> = {};
let requests = 0;

const recorder = (who: string) => (e: Exchange) => {
  requests++;
  statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  byPage[`${e.status} ${e.page}`] = (byPage[`${e.status} ${e.page}`] ?? 0) + 1;
  const key = `${who}\t${e.page}`;
  const list = latencies.get(key) ?? latencies.set(key, []).get(key);
  list?.push(e.ms);
};
const sinceRelease = () => Date.now() - scenario.releaseAt;
/** Waits, unless the morning ends first. */
async function pause(ms: number) {
  const left = scenario.endAt - Date.now();
  if (left <= ms) {
    await sleep(Math.max(0, left));
    throw new Stop();
  }
  await sleep(ms);
}

/** One phone per person: a script's browsers wait for each other between asking for a code and typing it. */
const phones = new Map<number, Promise<unknown>>();

/** Carries out one step of a portal visitor; returns the page it leads to. */
async function act(browser: Browser, who: Participant, step: Step, view: View): Promise<View> {
  await pause(step.waitMs);
  const a = step.act as Exclude<Act, { stop: Result }>;
  const csrf = csrfOf(view.body);
  if ('get' in a) return browser.get(a.get);
  if ('again' in a) return browser.again();
  if ('post' in a && a.post !== '/entrar') return browser.post(a.post, { ...a.form, _csrf: csrf });
  // Asking for a code and typing it hold the person's phone.
  const held = phones.get(who.id) ?? Promise.resolve();
  const turn = held.then(async () => {
    const askedAt = performance.now();
    const codePage = 'post' in a ? await browser.post(a.post, { ...a.form, _csrf: csrf }) : view;
    if (readPortal(codePage).at !== 'code') return codePage;
    const code = await inbox.next(who.phone, askedAt);
    if (code === null) throw new Stop('no code arrived');
    await pause(2000); // typing it
    return browser.post('/entrar/codigo', { codigo: code, _csrf: csrfOf(codePage.body) });
  });
  phones.set(
    who.id,
    turn.catch(() => undefined),
  );
  return turn;
}

/** Where a visitor starts: the waiting room, the request window (before the release), or sign-in. */
const entry = (who: Participant) => {
  if (scenario.mode === 'queue') return queueOf(who.unit);
  if (scenario.mode === 'allocate' && sinceRelease() < 0) return '/solicitudes';
  return '/entrar';
};

async function person(who: Participant, random: SeededRandom): Promise<Ending> {
  let memory: PersonMemory = {
    personId: null,
    admitted: scenario.mode !== 'queue',
    taken: 0,
    emptyAfterRelease: 0,
  };
  const browser = new Browser(base, who.addresses[0] as string, (e) =>
    recorder(memory.admitted ? 'person' : 'person waiting')(e),
  );
  let view = await browser.get(entry(who));
  try {
    for (;;) {
      const [step, next] = personNext(readPortal(view), memory, who, {
        sinceReleaseMs: sinceRelease(),
        random: () => random.next(),
      });
      memory = next;
      if ('stop' in step.act) return { result: step.act.stop, note: step.act.note };
      view = await act(browser, who, step, view);
    }
  } finally {
    browser.close();
  }
}

/** A script: all its browsers at once, each with its own cookies and address; the first booking ends them all. */
async function script(who: Participant): Promise<Ending> {
  let won = false;
  let ended = false;
  const browse = async (address: string, i: number) => {
    const browser = new Browser(base, address, recorder('script'));
    let personId: number | null = null;
    try {
      let view = await browser.get(entry(who));
      // Scripts stop when the last people stop arriving.
      while (!won && sinceRelease() < scenario.shape.afterSeconds * 1000) {
        const page = readPortal(view);
        if (page.at === 'who' && page.personId) personId = page.personId;
        const step = scriptNext(page, {
          ...who,
          personId,
          browser: i,
          day: scenario.day,
          pollMs: scenario.shape.scriptPollMs,
        });
        if ('stop' in step.act) {
          won ||= step.act.stop === 'won';
          return;
        }
        try {
          view = await act(browser, who, step, view);
        } catch (error) {
          if (error instanceof Stop) throw error;
          await pause(scenario.shape.scriptPollMs); // retry everything
        }
      }
    } catch (error) {
      if (error instanceof Stop) ended = true;
    } finally {
      browser.close();
    }
  };
  await Promise.all(who.addresses.map(browse));
  if (won) return { result: 'won' };
  if (ended) throw new Stop();
  return { result: 'lost' };
}

async function caller(who: Participant, random: SeededRandom): Promise<Ending> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: who.addresses[0] as string });
  const record = recorder('caller');
  let memory: CallerMemory = { failures: 0, emptyAfterRelease: 0, taken: 0 };
  let calls = 0;
  const post = async (url: string, params: Record<string, string>) => {
    const target = new URL(url, scenario.phoneOrigin);
    const signed = `${scenario.phoneOrigin}${target.pathname}${target.search}`;
    const started = performance.now();
    const page = `POST ${target.pathname}`;
    const answer = await send(
      base,
      agent,
      'POST',
      target.pathname + target.search,
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(scenario.twilioToken, signed, params),
      },
      new URLSearchParams(params).toString(),
    ).catch((error) => {
      record({ page, status: 0, ms: performance.now() - started });
      throw error;
    });
    record({ page, status: answer.status, ms: performance.now() - started });
    return readTwiml(answer.status, answer.body);
  };
  try {
    for (;;) {
      const callSid = `CA${who.id.toString(16).padStart(8, '0')}${(calls++).toString(16).padStart(24, '0')}`;
      const params = {
        AccountSid: 'AC00000000000000000000000000000000',
        CallSid: callSid,
        From: `+52${who.phone}`,
        To: '+525540001000',
        CallStatus: 'in-progress',
        Direction: 'inbound',
      };
      let heard = await post('/phone/twiml/voice', params);
      for (;;) {
        const [next, memo] = callerNext(heard, memory, who, {
          sinceReleaseMs: sinceRelease(),
          random: () => random.next(),
        });
        memory = memo;
        if ('stop' in next) return { result: next.stop, note: next.note };
        await pause(next.waitMs);
        if ('redial' in next) break;
        heard = await post(heard.action as string, { ...params, Digits: next.press });
      }
    }
  } finally {
    agent.destroy();
  }
}

async function participate(who: Participant): Promise<Outcome> {
  const outcome: Outcome = { id: who.id, kind: who.kind, atMs: who.atMs, result: 'unfinished' };
  const random = new SeededRandom(scenario.shape.seed * 7919 + who.id);
  try {
    await pause(Math.max(0, scenario.releaseAt + who.atMs - Date.now()));
    const ending =
      who.kind === 'script'
        ? await script(who)
        : who.kind === 'caller'
          ? await caller(who, random)
          : await person(who, random);
    outcome.result = ending.result;
    if (ending.note) outcome.note = ending.note;
  } catch (error) {
    if (!(error instanceof Stop)) outcome.note = (error as Error).message;
    else if (error.message) outcome.note = error.message;
  }
  return outcome;
}

const outcomes = await Promise.all(scenario.participants.map(participate));
await inbox.close();
const pages: CrowdResult['pages'] = {};
for (const [key, values] of latencies) {
  const [who = '', page = ''] = key.split('\t');
  pages[who] = { ...pages[who], [page]: percentiles(values) };
}
const result: CrowdResult = {
  outcomes,
  pages,
  statuses,
  byPage,
  requests,
  codeDelayMs: percentiles(inbox.delays),
};
writeFileSync(resultFile as string, JSON.stringify(result));
