import { describe, expect, it } from 'vitest';
import { REBOOKING_PHONE } from '../../../platform/i18n/rebooking-messages.js';
import type { Outcome } from './effects.js';
import { advance } from './machine.js';
import { questionOf } from './questions.js';
import { type CallState, type Identity, type Node, newCall, type ProposalChoice } from './state.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const maria = { id: 1, name: 'María Guadalupe', self: true };
const identity: Identity = { person: maria, bookable: [maria], household: [1, 2] };
const proposal: ProposalChoice = {
  id: 41,
  appointment: {
    id: '00000000-0000-4000-8000-000000000001',
    person: 'Ricardo',
    service: 'Medicina familiar',
    unit: 'UMF 1',
    folio: 'AB12CD',
    startsAt: '2026-11-30T15:00:00Z',
    timeZone: 'America/Mexico_City',
  },
  startsAt: '2026-12-01T15:20:00Z',
  expiresAt: '2026-11-24T15:00:00Z',
};
const at = (node: Node): CallState => ({ ...newCall('5512345678'), identity, node });
const outcome = (state: CallState, o: Outcome) => advance(state, { kind: 'outcome', outcome: o }, NOW);
const keys = (state: CallState, digits: string) => advance(state, { kind: 'keys', digits }, NOW);

describe('a replacement time held after a closure is read before anything else', () => {
  it('reads the lost and the held time, and until when it is held', () => {
    const step = outcome(at({ at: 'menu' }), { kind: 'proposal', proposal });
    expect(step.state.node).toEqual({ at: 'proposal', proposal });
    const question = questionOf(step.state.node);
    expect(question.prompt[0]).toBe(
      'UMF 1 no dará la consulta de Medicina familiar para Ricardo del lunes treinta de noviembre a las nueve en punto de la mañana. Te apartamos el martes primero de diciembre a las nueve veinte de la mañana, hasta el martes veinticuatro de noviembre a las nueve en punto de la mañana.',
    );
    expect(question.prompt[1]).toBe(REBOOKING_PHONE.options);
    expect(question.expect).toEqual({ kind: 'keys', keys: ['1', '2', '9', '0', '*'] });
  });

  it('keeps it with 1, gives it back with 2 once confirmed, and goes on to the rest of the call with 9', () => {
    const reading = at({ at: 'proposal', proposal });
    expect(keys(reading, '1').next).toEqual({
      kind: 'perform',
      effect: { kind: 'answer-proposal', proposalId: 41, answer: 'keep' },
    });
    const asked = keys(reading, '2');
    expect(asked.state.node).toEqual({ at: 'proposal-decline', proposal });
    expect(questionOf(asked.state.node).prompt).toEqual([REBOOKING_PHONE.confirmDecline]);
    expect(keys(asked.state, '1').next).toEqual({
      kind: 'perform',
      effect: { kind: 'answer-proposal', proposalId: 41, answer: 'decline' },
    });
    expect(keys(asked.state, '2').state.node).toEqual({ at: 'proposal', proposal });
    expect(keys(reading, '9').next).toEqual({
      kind: 'perform',
      effect: { kind: 'find-tomorrow', household: [1, 2] },
    });
  });

  it('says the new time once kept, what to do once given back, and offers an agent when refused', () => {
    const reading = at({ at: 'proposal', proposal });
    const kept = outcome(reading, {
      kind: 'proposal-answered',
      answer: 'keep',
      refused: false,
      kept: { startsAt: proposal.startsAt, timeZone: 'America/Mexico_City' },
    });
    expect(kept.say).toEqual([
      REBOOKING_PHONE.kept('martes primero de diciembre a las nueve veinte de la mañana'),
    ]);
    expect(kept.state.node.at).toBe('done');
    const declined = outcome(reading, {
      kind: 'proposal-answered',
      answer: 'decline',
      refused: false,
      kept: null,
    });
    expect(declined.say).toEqual([REBOOKING_PHONE.declined]);
    const refused = outcome(reading, {
      kind: 'proposal-answered',
      answer: 'keep',
      refused: true,
      kept: null,
    });
    expect(refused.say).toEqual([REBOOKING_PHONE.refused]);
  });
});
