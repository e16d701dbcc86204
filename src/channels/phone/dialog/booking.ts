import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Outcome } from './effects.js';
import { BOOKING_REFUSALS } from './refusals.js';
import type { BookingChoice, CallState, Person, ServiceChoice, SlotChoice } from './state.js';
import { ask, perform, type Step } from './step.js';

/** Slots read per page: three, each with its key; 9 reads the next three. */
export const SLOTS_PER_PAGE = 3;

const chosen = (key: string, count: number): number | null => {
  const n = Number(key);
  return /^[1-9]$/.test(key) && n <= count ? n - 1 : null;
};

/** Menu option 1. */
export function startBooking(state: CallState): Step {
  const people = state.identity?.bookable ?? [];
  const [only] = people;
  if (!only) return ask(state, { at: 'menu' }, [PHONE.refused.NOT_ELIGIBLE]);
  if (people.length === 1 && only.self) return perform(state, { kind: 'list-services', person: only });
  // Whoever the appointment is for is always said before slots are read.
  const selfIncluded = people.some((p) => p.self);
  return ask(state, { at: 'person', people }, selfIncluded ? [] : [PHONE.onlyFamilyEligible]);
}

const findSlots = (
  state: CallState,
  person: Person,
  service: ServiceChoice,
  after: string | null = null,
  say: string[] = [],
) => perform(state, { kind: 'find-slots', person, service, after }, say);

function offerSlots(state: CallState, choice: BookingChoice, slots: SlotChoice[], say: string[]): Step {
  const page = slots.slice(0, SLOTS_PER_PAGE);
  return ask(state, { at: 'slot', ...choice, slots: page, more: slots.length > SLOTS_PER_PAGE }, say);
}

export function onBookingKeys(state: CallState, key: string): Step | null {
  const node = state.node;
  switch (node.at) {
    case 'person': {
      const i = chosen(key, node.people.length);
      const person = i === null ? undefined : node.people[i];
      return person ? perform(state, { kind: 'list-services', person }) : null;
    }
    case 'service': {
      const i = chosen(key, node.services.length);
      const service = i === null ? undefined : node.services[i];
      return service ? findSlots(state, node.person, service) : null;
    }
    case 'slot': {
      const last = node.slots.at(-1);
      if (key === '9' && node.more && last) return findSlots(state, node.person, node.service, last.startsAt);
      const i = chosen(key, node.slots.length);
      const slot = i === null ? undefined : node.slots[i];
      if (!slot) return null;
      return ask(state, {
        at: 'confirm-booking',
        person: node.person,
        service: node.service,
        unit: node.unit,
        slot,
      });
    }
    case 'confirm-booking':
      if (key === '1') return perform(state, { kind: 'book', person: node.person, slot: node.slot });
      // Another slot: read the list afresh, as it may have changed while the caller listened.
      if (key === '2') return findSlots(state, node.person, node.service);
      return null;
    default:
      return null;
  }
}

export function onBookingOutcome(state: CallState, outcome: Outcome): Step | null {
  const node = state.node;
  switch (outcome.kind) {
    case 'services': {
      const [first] = outcome.services;
      if (!first) return ask(state, { at: 'menu' }, [PHONE.noServices]);
      if (outcome.services.length === 1) return findSlots(state, outcome.person, first);
      return ask(state, { at: 'service', person: outcome.person, services: outcome.services });
    }
    case 'slots': {
      const choice = { person: outcome.person, service: outcome.service, unit: outcome.unit };
      if (outcome.slots.length > 0) {
        const intro =
          outcome.after === null
            ? [...(outcome.rush ? [PHONE.rushKept] : []), PHONE.slotsIntro(outcome.unit)]
            : [];
        return offerSlots(state, choice, outcome.slots, intro);
      }
      if (outcome.after !== null)
        return findSlots(state, outcome.person, outcome.service, null, [PHONE.noMoreSlots]);
      return ask(state, { at: 'waitlist-offer', ...choice }, [PHONE.noSlots]);
    }
    case 'booked': {
      if (node.at !== 'confirm-booking') return null;
      const recap = [
        PHONE.booked,
        PHONE.bookedSummary({ ...outcome, person: node.person, service: node.service.name, unit: node.unit }),
        PHONE.folio(outcome.folio),
        outcome.smsTo ? PHONE.folioBySms(outcome.smsTo) : PHONE.folioNoSms,
        PHONE.checkIn[outcome.checkIn],
      ];
      return ask(state, { at: 'done', recap }, recap);
    }
    case 'booking-refused':
      if (node.at !== 'confirm-booking') return null;
      return bookingRefused(state, { person: node.person, service: node.service, unit: node.unit }, outcome);
    default:
      return null;
  }
}

function bookingRefused(
  state: CallState,
  choice: BookingChoice,
  refusal: Extract<Outcome, { kind: 'booking-refused' }>,
): Step {
  const { next, say } = BOOKING_REFUSALS[refusal.code];
  const said = PHONE.refused[say];
  switch (next) {
    case 'read-alternatives':
      if (refusal.alternatives.length === 0) return ask(state, { at: 'menu' }, [said, PHONE.noSlots]);
      return offerSlots(state, choice, refusal.alternatives, [said, PHONE.nextFreeSlots]);
    case 'read-other-times':
      return findSlots(state, choice.person, choice.service, null, [said]);
    case 'say-existing':
      return ask(state, { at: 'menu' }, [
        refusal.existing ? PHONE.activeAppointmentExists(refusal.existing) : PHONE.refused.OTHER,
      ]);
    case 'back-to-menu':
      return ask(state, { at: 'menu' }, [said]);
  }
}
