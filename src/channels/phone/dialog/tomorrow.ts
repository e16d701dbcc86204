// An identified caller with an appointment tomorrow hears it first and answers it as they would
// answer the reminder's SMS: 1 confirm, 2 cancel (asked twice: a key pressed by mistake must not
// lose the appointment), 3 change (the link comes by SMS), 9 the menu.
import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, perform, type Step } from './step.js';

export function onTomorrowKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'tomorrow') {
    const appointmentId = node.appointment.id;
    if (key === '1') return perform(state, { kind: 'answer-tomorrow', appointmentId, answer: 'confirm' });
    if (key === '2') return ask(state, { at: 'tomorrow-cancel', appointment: node.appointment });
    if (key === '3') return perform(state, { kind: 'answer-tomorrow', appointmentId, answer: 'change' });
    if (key === '9') return ask(state, { at: 'menu' });
  }
  if (node.at === 'tomorrow-cancel') {
    if (key === '1')
      return perform(state, {
        kind: 'answer-tomorrow',
        appointmentId: node.appointment.id,
        answer: 'cancel',
      });
    if (key === '2') return ask(state, { at: 'menu' }, [PHONE.kept]);
  }
  return null;
}

const ANSWERED = {
  confirm: LOOP_PHONE.tomorrowConfirmed,
  cancel: LOOP_PHONE.tomorrowCancelled,
  change: LOOP_PHONE.tomorrowChange,
} as const;

export function onTomorrowOutcome(state: CallState, outcome: Outcome): Step | null {
  if (outcome.kind === 'tomorrow') {
    if (!outcome.appointment) return ask(state, { at: 'menu' });
    return ask(state, { at: 'tomorrow', appointment: outcome.appointment });
  }
  if (outcome.kind === 'tomorrow-answered') {
    const recap = [outcome.refused ? LOOP_PHONE.tomorrowRefused : ANSWERED[outcome.answer]];
    return ask(state, { at: 'done', recap }, recap);
  }
  return null;
}
