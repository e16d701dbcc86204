// The waitlist on the phone line: when nothing is left for the service, the caller may be put on
// the list; an offer then arrives by SMS, as for the web.
import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, perform, type Step } from './step.js';

export function onWaitlistKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at !== 'waitlist-offer') return null;
  if (key === '1')
    return perform(state, { kind: 'join-waitlist', person: node.person, service: node.service });
  if (key === '2') return ask(state, { at: 'menu' });
  return null;
}

const JOINED: Record<'joined' | 'exists' | 'refused', string> = {
  joined: LOOP_PHONE.joined,
  exists: LOOP_PHONE.alreadyWaiting,
  refused: LOOP_PHONE.refused,
};

export function onWaitlistOutcome(state: CallState, outcome: Outcome): Step | null {
  if (outcome.kind !== 'waitlist-joined') return null;
  const recap = [JOINED[outcome.result]];
  return ask(state, { at: 'done', recap }, recap);
}
