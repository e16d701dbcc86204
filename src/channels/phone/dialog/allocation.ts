// Request and allocate on the phone line: the caller files a request for their own place in the
// next draw of their unit (any day, any shift); the result comes by SMS like on the web.
import { ALLOCATION_PHONE } from '../../../platform/i18n/allocation-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, perform, type Step } from './step.js';

export function startAllocation(state: CallState): Step | null {
  if (!state.identity) return null;
  return perform(state, { kind: 'find-allocation', person: state.identity.person });
}

export function onAllocationKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at !== 'allocation-offer' || !state.identity) return null;
  if (key === '1') {
    return perform(state, {
      kind: 'file-allocation-request',
      person: state.identity.person,
      releaseId: node.release.releaseId,
    });
  }
  if (key === '2') return ask(state, { at: 'menu' });
  return null;
}

const FILED: Record<'filed' | 'exists' | 'closed', string> = {
  filed: ALLOCATION_PHONE.filed,
  exists: ALLOCATION_PHONE.exists,
  closed: ALLOCATION_PHONE.closed,
};

export function onAllocationOutcome(state: CallState, outcome: Outcome): Step | null {
  switch (outcome.kind) {
    case 'allocation-release':
      if (!outcome.release) return ask(state, { at: 'menu' }, [ALLOCATION_PHONE.none]);
      return ask(state, { at: 'allocation-offer', release: outcome.release });
    case 'allocation-filed': {
      const recap = [FILED[outcome.result]];
      return ask(state, { at: 'done', recap }, recap);
    }
    default:
      return null;
  }
}
