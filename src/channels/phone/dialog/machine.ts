// The telephone dialog as one pure state machine: (state, input, now) → step. It knows the menus,
// the keys and what to say; every fact and every change comes through an Effect performed by the
// channel with the domain operations, so the same rules answer here as on the web.
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import {
  afterAgentCall,
  agentQuestionFailed,
  onAgentKeys,
  onAgentOutcome,
  onCallbackDigits,
  toAgent,
} from './agent.js';
import { onAllocationKeys, onAllocationOutcome, startAllocation } from './allocation.js';
import { listAppointments, onAppointmentKeys, onAppointmentOutcome } from './appointments.js';
import { onBookingKeys, onBookingOutcome, startBooking } from './booking.js';
import type { Outcome } from './effects.js';
import { answer, identityFailed, onIdentityDigits, onIdentityOutcome } from './identify.js';
import { onProposalKeys, onProposalOutcome } from './proposal.js';
import type { CallState } from './state.js';
import { ask, askAgain, hangUp, type Step } from './step.js';
import { onTomorrowKeys, onTomorrowOutcome } from './tomorrow.js';
import { onWaitlistKeys, onWaitlistOutcome } from './waitlist.js';

export type Input =
  | { kind: 'call-started' }
  | { kind: 'keys'; digits: string }
  | { kind: 'silence' }
  | { kind: 'agent-call-ended'; connected: boolean }
  | { kind: 'outcome'; outcome: Outcome };

/** Failed answers to one question before the agent is offered. */
export const ATTEMPTS = 3;

export function advance(state: CallState, input: Input, now: Date): Step {
  switch (input.kind) {
    case 'call-started':
      return answer(state, now);
    case 'agent-call-ended':
      return afterAgentCall(state, input.connected);
    case 'outcome':
      return onOutcome(state, input.outcome);
    case 'silence':
      return onSilence(state);
    case 'keys':
      return onKeys(state, input.digits.replace(/\s+/g, ''), now);
  }
}

function onOutcome(state: CallState, outcome: Outcome): Step {
  const step =
    onIdentityOutcome(state, outcome) ??
    onBookingOutcome(state, outcome) ??
    onAppointmentOutcome(state, outcome) ??
    onAllocationOutcome(state, outcome) ??
    onWaitlistOutcome(state, outcome) ??
    onProposalOutcome(state, outcome) ??
    onTomorrowOutcome(state, outcome) ??
    onAgentOutcome(state, outcome);
  // An outcome that does not fit where the call is cannot happen; answering with the menu (or the
  // first question) keeps the caller in a known place if it ever does.
  return step ?? ask(state, state.identity ? { at: 'menu' } : { at: 'affiliation' });
}

function onSilence(state: CallState): Step {
  switch (state.node.at) {
    case 'done':
    case 'with-agent':
      return hangUp(state, [PHONE.goodbye]);
    default:
      return failed(state, isDigitEntry(state) ? PHONE.noDigits : PHONE.noInput);
  }
}

const isDigitEntry = (state: CallState) =>
  state.node.at === 'affiliation' || state.node.at === 'birth-date' || state.node.at === 'callback-number';

function onKeys(state: CallState, digits: string, now: Date): Step {
  const node = state.node;
  if (node.at === 'with-agent') return hangUp(state, [PHONE.goodbye]);
  if (node.at === 'affiliation' || node.at === 'birth-date')
    return onIdentityDigits(state, digits, now) ?? failed(state, PHONE.invalidOption);
  if (node.at === 'callback-number')
    return onCallbackDigits(state, digits) ?? failed(state, PHONE.callbackNumberInvalid);

  if (digits === '*') return askAgain(state, node.at === 'done' ? node.recap : []);
  if (digits === '0' && node.at !== 'callback-offer') return toAgent(state);
  const step =
    onMenuKey(state, digits) ??
    onBookingKeys(state, digits) ??
    onAppointmentKeys(state, digits) ??
    onAllocationKeys(state, digits) ??
    onWaitlistKeys(state, digits) ??
    onProposalKeys(state, digits) ??
    onTomorrowKeys(state, digits) ??
    onAgentKeys(state, digits);
  return step ?? failed(state, PHONE.invalidOption);
}

function onMenuKey(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'done' && key === '1') return ask(state, { at: 'menu' });
  if (node.at !== 'menu') return null;
  if (key === '1') return startBooking(state);
  if (key === '2') return listAppointments(state, 'consult');
  if (key === '3') return listAppointments(state, 'cancel');
  if (key === '4') return startAllocation(state);
  return null;
}

/** Silence or a wrong answer: say so and ask again; after ATTEMPTS, offer the agent. */
function failed(state: CallState, why: string): Step {
  const node = state.node;
  switch (node.at) {
    case 'affiliation':
    case 'birth-date':
      return identityFailed(state, why, node);
    case 'callback-offer':
    case 'callback-number':
      return agentQuestionFailed(state, why, ATTEMPTS);
    case 'offer-agent':
      return toAgent(state, [why]);
    default: {
      const tries = state.tries + 1;
      if (tries >= ATTEMPTS) return ask(state, { at: 'offer-agent', resume: node }, [why]);
      return askAgain({ ...state, tries }, [why]);
    }
  }
}
