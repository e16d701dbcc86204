import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, askAgain, dial, hangUp, perform, type Step } from './step.js';

/** The caller wants (or needs) a person: first see whether the agent line can take them. */
export const toAgent = (state: CallState, say: string[] = []): Step =>
  perform(state, { kind: 'check-agent-line' }, say);

function requestCallback(state: CallState, phone: string, reason: 'busy' | 'unanswered'): Step {
  return perform(state, {
    kind: 'request-callback',
    phone,
    personId: state.identity?.person.id ?? null,
    reason,
  });
}

export function onAgentKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'offer-agent') {
    if (key === '1') return ask(state, node.resume);
    return null;
  }
  if (node.at === 'callback-offer') {
    if (key === '1') {
      if (state.caller) return requestCallback(state, state.caller, node.reason);
      return ask(state, { at: 'callback-number', reason: node.reason });
    }
    if (key === '2' && node.canWait) return dial(state, [PHONE.connecting]);
  }
  return null;
}

export function onCallbackDigits(state: CallState, digits: string): Step | null {
  const node = state.node;
  if (node.at !== 'callback-number') return null;
  if (!/^[0-9]{10}$/.test(digits)) return null;
  return requestCallback(state, digits, node.reason);
}

export function onAgentOutcome(state: CallState, outcome: Outcome): Step | null {
  if (outcome.kind === 'agent-line') {
    if (outcome.open) return dial(state, [PHONE.connecting]);
    return ask(state, { at: 'callback-offer', canWait: outcome.canWait, reason: 'busy' }, [PHONE.agentsBusy]);
  }
  if (outcome.kind === 'callback') {
    const words = outcome.created ? PHONE.callbackStored(outcome.phone.slice(-2)) : PHONE.callbackAlreadyOpen;
    return hangUp(state, [words]);
  }
  return null;
}

/** Back from the agent line: the conversation happened, or nobody answered. */
export function afterAgentCall(state: CallState, connected: boolean): Step {
  if (connected) return hangUp(state, [PHONE.goodbye]);
  return ask(state, { at: 'callback-offer', canWait: false, reason: 'unanswered' }, [PHONE.agentUnanswered]);
}

/** Failing the call-back questions ends the call kindly rather than looping. */
export function agentQuestionFailed(state: CallState, why: string, attempts: number): Step {
  const tries = state.tries + 1;
  if (tries >= attempts) return hangUp(state, [why, PHONE.callLater, PHONE.goodbye]);
  return askAgain({ ...state, tries }, [why]);
}
