// An identified caller whose appointment a closure took away, and who holds a replacement time
// (booking/replacement.ts), hears it first: 1 keeps it, 2 gives it back (asked once more: a key
// pressed by mistake must not lose the time), 9 goes on to the rest of the call. Nothing else is
// read before it: the hold lapses, the appointment tomorrow does not.
import { spokenDateTime } from '../../../platform/i18n/dates.js';
import { REBOOKING_PHONE } from '../../../platform/i18n/rebooking-messages.js';
import type { Outcome } from './effects.js';
import type { CallState, ProposalChoice } from './state.js';
import { ask, perform, type Step } from './step.js';

export function onProposalKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'proposal') {
    if (key === '1')
      return perform(state, { kind: 'answer-proposal', proposalId: node.proposal.id, answer: 'keep' });
    if (key === '2') return ask(state, { at: 'proposal-decline', proposal: node.proposal });
    if (key === '9') return findTomorrow(state);
  }
  if (node.at === 'proposal-decline') {
    if (key === '1')
      return perform(state, { kind: 'answer-proposal', proposalId: node.proposal.id, answer: 'decline' });
    if (key === '2') return ask(state, { at: 'proposal', proposal: node.proposal });
  }
  return null;
}

export function onProposalOutcome(state: CallState, outcome: Outcome): Step | null {
  if (outcome.kind === 'proposal') {
    if (!outcome.proposal) return findTomorrow(state);
    return ask(state, { at: 'proposal', proposal: outcome.proposal });
  }
  if (outcome.kind === 'proposal-answered') {
    const { kept } = outcome;
    const recap = [
      outcome.refused
        ? REBOOKING_PHONE.refused
        : kept
          ? REBOOKING_PHONE.kept(spokenDateTime(new Date(kept.startsAt), kept.timeZone))
          : REBOOKING_PHONE.declined,
    ];
    return ask(state, { at: 'done', recap }, recap);
  }
  return null;
}

const findTomorrow = (state: CallState): Step =>
  perform(state, { kind: 'find-tomorrow', household: state.identity?.household ?? [] });

/** The words that read a held time to the caller. */
export function proposalPrompt(p: ProposalChoice): string {
  const zone = p.appointment.timeZone;
  return REBOOKING_PHONE.proposal({
    service: p.appointment.service,
    person: p.appointment.person,
    unit: p.appointment.unit,
    lost: spokenDateTime(new Date(p.appointment.startsAt), zone),
    proposed: spokenDateTime(new Date(p.startsAt), zone),
    until: spokenDateTime(new Date(p.expiresAt), zone),
  });
}
