import { describe, expect, it } from 'vitest';
import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Outcome } from './effects.js';
import { advance } from './machine.js';
import { questionOf } from './questions.js';
import { type AppointmentChoice, type CallState, type Identity, type Node, newCall } from './state.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const maria = { id: 1, name: 'María Guadalupe', self: true };
const identity: Identity = { person: maria, bookable: [maria], household: [1, 2] };
const appointment: AppointmentChoice = {
  id: '00000000-0000-4000-8000-000000000001',
  person: 'Ricardo',
  service: 'Medicina familiar',
  unit: 'UMF 1',
  folio: 'AB12CD',
  startsAt: '2026-11-24T15:00:00Z',
  timeZone: 'America/Mexico_City',
};
const at = (node: Node): CallState => ({ ...newCall('5512345678'), identity, node });
const outcome = (state: CallState, o: Outcome) => advance(state, { kind: 'outcome', outcome: o }, NOW);
const keys = (state: CallState, digits: string) => advance(state, { kind: 'keys', digits }, NOW);

describe('an appointment tomorrow is read out before the menu', () => {
  it('looks for the household appointment tomorrow once no held replacement time is pending', () => {
    const step = outcome(at({ at: 'birth-date', candidate: { holderId: 1 } }), {
      kind: 'verified',
      identity,
    });
    expect(step.say).toEqual([PHONE.hello('María Guadalupe')]);
    expect(step.next).toEqual({ kind: 'perform', effect: { kind: 'find-proposal', household: [1, 2] } });
    expect(outcome(step.state, { kind: 'proposal', proposal: null }).next).toEqual({
      kind: 'perform',
      effect: { kind: 'find-tomorrow', household: [1, 2] },
    });
  });

  it('goes straight to the menu when there is none', () => {
    const step = outcome(at({ at: 'menu' }), { kind: 'tomorrow', appointment: null });
    expect(step.state.node).toEqual({ at: 'menu' });
  });

  it('reads it and offers confirm, cancel, change and the menu', () => {
    const step = outcome(at({ at: 'menu' }), { kind: 'tomorrow', appointment });
    expect(step.state.node).toEqual({ at: 'tomorrow', appointment });
    const question = questionOf(step.state.node);
    expect(question.prompt).toEqual([LOOP_PHONE.tomorrow(appointment), LOOP_PHONE.tomorrowOptions]);
    expect(question.prompt[0]).toContain(
      'Medicina familiar para Ricardo, el martes veinticuatro de noviembre',
    );
    expect(question.expect).toEqual({ kind: 'keys', keys: ['1', '2', '3', '9', '0', '*'] });
  });

  it('confirms with 1 and changes with 3 through the reminder answers', () => {
    const reading = at({ at: 'tomorrow', appointment });
    expect(keys(reading, '1').next).toEqual({
      kind: 'perform',
      effect: { kind: 'answer-tomorrow', appointmentId: appointment.id, answer: 'confirm' },
    });
    expect(keys(reading, '3').next).toEqual({
      kind: 'perform',
      effect: { kind: 'answer-tomorrow', appointmentId: appointment.id, answer: 'change' },
    });
    const confirmed = outcome(reading, { kind: 'tomorrow-answered', answer: 'confirm', refused: false });
    expect(confirmed.say).toEqual([LOOP_PHONE.tomorrowConfirmed]);
    expect(confirmed.state.node).toEqual({ at: 'done', recap: [LOOP_PHONE.tomorrowConfirmed] });
    expect(outcome(reading, { kind: 'tomorrow-answered', answer: 'change', refused: false }).say).toEqual([
      LOOP_PHONE.tomorrowChange,
    ]);
  });

  it('asks again before cancelling with 2, and keeps the appointment on a second thought', () => {
    const asked = keys(at({ at: 'tomorrow', appointment }), '2');
    expect(asked.state.node).toEqual({ at: 'tomorrow-cancel', appointment });
    expect(keys(asked.state, '1').next).toEqual({
      kind: 'perform',
      effect: { kind: 'answer-tomorrow', appointmentId: appointment.id, answer: 'cancel' },
    });
    const kept = keys(asked.state, '2');
    expect(kept.say).toEqual([PHONE.kept]);
    expect(kept.state.node).toEqual({ at: 'menu' });
  });

  it('says so when the answer is refused, and 9 leads to the menu', () => {
    const reading = at({ at: 'tomorrow', appointment });
    const refused = outcome(reading, { kind: 'tomorrow-answered', answer: 'cancel', refused: true });
    expect(refused.say).toEqual([LOOP_PHONE.tomorrowRefused]);
    expect(keys(reading, '9').state.node).toEqual({ at: 'menu' });
    expect(keys(reading, '5').say).toEqual([PHONE.invalidOption]);
  });
});
