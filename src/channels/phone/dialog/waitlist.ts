// The waitlist on the phone line: when nothing is left for the service, the caller may be put on
// the list, for any shift, mornings or afternoons; an offer then arrives by SMS, as for the web.
// Weekdays are chosen in the portal or with an agent: a list of days is too long to key in.
import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, perform, type Step } from './step.js';

const SHIFT_OF_KEY: Record<string, 'M' | 'V' | null> = { '1': null, '2': 'M', '3': 'V' };

export function onWaitlistKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'waitlist-offer') {
    if (key === '1') return ask(state, { ...node, at: 'waitlist-shift' });
    if (key === '2') return ask(state, { at: 'menu' });
  }
  if (node.at === 'waitlist-shift' && key in SHIFT_OF_KEY) {
    const shift = SHIFT_OF_KEY[key] ?? null;
    return perform(state, { kind: 'join-waitlist', person: node.person, service: node.service, shift });
  }
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
