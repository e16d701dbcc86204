// One webhook request → one turn of the call: load the call's state, advance the dialog, perform
// its effects, save the new state over the one it came from, and say what to render.
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { endCall, findCall, saveCallStep, startCall } from '../../telephony/calls.js';
import { advance, type Input } from './dialog/machine.js';
import { type Expect, questionOf } from './dialog/questions.js';
import { type CallState, newCall } from './dialog/state.js';
import type { Step } from './dialog/step.js';
import { performEffect } from './perform.js';

export interface PhoneDeps {
  db: Db;
  /** Availability: may lag `db` by a moment (a read replica). */
  reads: Db;
  config: Config;
  clock: () => Date;
}

export interface CallRequest {
  platform: 'twiml' | 'vxml';
  callId: string;
  caller: string | null;
  /** The step the platform answers (`s` in our URLs); null on a call's first request. */
  seq: number | null;
  /** The call's key from the step URL (`k`); null on a call's first request. */
  key: string | null;
  /**
   * What the caller did; null on a call's first request. `junk`: keys no telephone sends (letters,
   * thousands of keys), answered with the same question again.
   */
  input: Extract<Input, { kind: 'keys' | 'silence' | 'agent-call-ended' }> | { kind: 'junk' } | null;
}

/**
 * What the renderers turn into TwiML or VoiceXML. `seq` and `key` go into the URLs the platform
 * calls next.
 */
export type Turn =
  | { kind: 'ask'; seq: number; key: string; say: string[]; expect: Expect }
  /** seq null: a transfer after a failure, with no way back into the dialog. */
  | { kind: 'dial'; seq: number | null; key: string; say: string[]; number: string }
  | { kind: 'hang-up'; say: string[] };

// A dialog step needs at most three effects in a row (e.g. identify, then list services, then
// slots); more means a loop, which must end the call rather than the server.
const MAX_EFFECTS_PER_TURN = 6;

export async function conductTurn(deps: PhoneDeps, request: CallRequest): Promise<Turn> {
  const { db } = deps;
  const now = deps.clock();
  const call = await findCall(db, request.callId, now);

  if (!call) {
    // A step of a call that ended or expired (a late retry, or a replay): nothing to continue.
    if (request.seq !== null) return { kind: 'hang-up', say: [PHONE.callOver, PHONE.callAgain] };
    const state = newCall(request.caller);
    const step = await settle(deps, request.callId, 0, advance(state, { kind: 'call-started' }, now), now);
    if (step.next.kind === 'hang-up') return turnOf(deps, step, 1, '');
    const key = await startCall(
      db,
      { callId: request.callId, platform: request.platform, caller: request.caller, ...saved(step) },
      now,
    );
    return key ? turnOf(deps, step, 1, key) : repeatCurrent(deps, request.callId, now);
  }

  const state = call.state as CallState;
  // A retried, out-of-date or replayed request changes nothing: the caller hears the current
  // question again.
  if (request.input === null || request.seq !== call.seq || request.key !== call.key) {
    return turnOf(deps, current(state), call.seq, call.key);
  }
  if (request.input.kind === 'junk') {
    return turnOf(deps, { ...current(state), say: [PHONE.invalidOption] }, call.seq, call.key);
  }

  const step = await settle(deps, request.callId, call.seq, advance(state, request.input, now), now);
  if (step.next.kind === 'hang-up') {
    await endCall(db, request.callId);
    return turnOf(deps, step, call.seq + 1, call.key);
  }
  const stored = await saveCallStep(db, request.callId, call.seq, saved(step), now);
  return stored ? turnOf(deps, step, call.seq + 1, call.key) : repeatCurrent(deps, request.callId, now);
}

/** The platform reports that the call is over: forget it (it would expire anyway). */
export const callEnded = (deps: PhoneDeps, callId: string) => endCall(deps.db, callId);

/** What to answer a request that cannot be followed at all (no call id, an unreadable body). */
export const unreadableTurn = (): Turn => ({
  kind: 'hang-up',
  say: [PHONE.technicalFailure, PHONE.callAgain],
});

/** What to answer when something failed unexpectedly: an apology, then a person if there is one. */
export function failureTurn(config: Config): Turn {
  const number = config.phone.agentNumber;
  if (number)
    return { kind: 'dial', seq: null, key: '', say: [PHONE.technicalFailure, PHONE.connecting], number };
  return { kind: 'hang-up', say: [PHONE.technicalFailure, PHONE.callAgain] };
}

/**
 * What to answer when the database cannot be reached: never an HTTP error (the platform would drop
 * the call with "an application error has occurred"), but an apology, then a person if there is
 * one, else the invitation to call again shortly.
 */
export function unavailableTurn(config: Config): Turn {
  const number = config.phone.agentNumber;
  if (number)
    return { kind: 'dial', seq: null, key: '', say: [PHONE.agendaUnavailable, PHONE.connecting], number };
  return { kind: 'hang-up', say: [PHONE.agendaUnavailable, PHONE.callAgainShortly] };
}

async function settle(deps: PhoneDeps, callId: string, seq: number, first: Step, now: Date): Promise<Step> {
  let step = first;
  const say = [...first.say];
  for (let i = 0; step.next.kind === 'perform'; i++) {
    if (i >= MAX_EFFECTS_PER_TURN) throw new Error('the dialog asked for too many effects in one turn');
    const outcome = await performEffect(step.next.effect, {
      db: deps.db,
      reads: deps.reads,
      config: deps.config,
      now,
      callId,
      seq,
    });
    step = advance(step.state, { kind: 'outcome', outcome }, now);
    say.push(...step.say);
  }
  return { ...step, say };
}

const saved = (step: Step) => ({ state: step.state, waitingForAgent: step.next.kind === 'dial' });

/** The current question again (or the agent line again, for a caller who is being transferred). */
const current = (state: CallState): Step => ({
  state,
  say: [],
  next: state.node.at === 'with-agent' ? { kind: 'dial' } : { kind: 'ask' },
});

/** Another request for the same call won the race: answer with where that one left the call. */
async function repeatCurrent(deps: PhoneDeps, callId: string, now: Date): Promise<Turn> {
  const call = await findCall(deps.db, callId, now);
  if (!call) return failureTurn(deps.config);
  return turnOf(deps, current(call.state as CallState), call.seq, call.key);
}

function turnOf(deps: PhoneDeps, step: Step, seq: number, key: string): Turn {
  switch (step.next.kind) {
    case 'ask': {
      const question = questionOf(step.state.node);
      return { kind: 'ask', seq, key, say: [...step.say, ...question.prompt], expect: question.expect };
    }
    case 'dial': {
      const number = deps.config.phone.agentNumber;
      return number ? { kind: 'dial', seq, key, say: step.say, number } : failureTurn(deps.config);
    }
    case 'hang-up':
    case 'perform':
      return { kind: 'hang-up', say: step.say };
  }
}
