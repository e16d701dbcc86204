import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Outcome } from './effects.js';
import type { CallState } from './state.js';
import { ask, perform, type Step } from './step.js';

/** The most appointments a cancel menu reads, one key each. */
export const CANCEL_CHOICES = 8;

/** Menu options 2 (consult) and 3 (cancel): both start from the household's upcoming appointments. */
export const listAppointments = (state: CallState, purpose: 'consult' | 'cancel'): Step =>
  perform(state, { kind: 'list-appointments', purpose, household: state.identity?.household ?? [] });

export function onAppointmentKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  if (node.at === 'cancel-choice') {
    const appointment = /^[1-9]$/.test(key) ? node.appointments[Number(key) - 1] : undefined;
    return appointment ? ask(state, { at: 'confirm-cancel', appointment }) : null;
  }
  if (node.at === 'confirm-cancel') {
    if (key === '1') return perform(state, { kind: 'cancel', appointmentId: node.appointment.id });
    if (key === '2') return ask(state, { at: 'menu' }, [PHONE.kept]);
  }
  return null;
}

export function onAppointmentOutcome(state: CallState, outcome: Outcome): Step | null {
  switch (outcome.kind) {
    case 'appointments': {
      const { appointments } = outcome;
      if (appointments.length === 0) return ask(state, { at: 'menu' }, [PHONE.noAppointments]);
      if (outcome.purpose === 'cancel')
        return ask(state, { at: 'cancel-choice', appointments: appointments.slice(0, CANCEL_CHOICES) });
      const recap = [
        PHONE.appointmentsIntro(appointments.length),
        ...appointments.map((a, i) => PHONE.appointment(i, a)),
      ];
      return ask(state, { at: 'done', recap }, recap);
    }
    case 'cancelled':
      return ask(state, { at: 'done', recap: [PHONE.cancelled] }, [PHONE.cancelled]);
    case 'cancel-refused': {
      const words =
        outcome.code === 'TOO_LATE_TO_CHANGE' && outcome.cutoffMinutes !== null
          ? PHONE.tooLateToChange(outcome.cutoffMinutes)
          : outcome.code === 'APPOINTMENT_NOT_ACTIVE'
            ? PHONE.refused.APPOINTMENT_NOT_ACTIVE
            : PHONE.refused.OTHER;
      return ask(state, { at: 'menu' }, [words]);
    }
    default:
      return null;
  }
}
