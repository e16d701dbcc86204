// The state of one call as the dialog sees it. Plain JSON (instants as ISO strings), because it is
// kept in the database between the steps of a call.
import type { SpokenAppointment, SpokenInstant } from '../../../platform/i18n/phone-messages.js';
import type { CallbackReason } from '../../../telephony/callbacks.js';

export interface Person {
  id: number;
  /** Given names, as the menu says them. */
  name: string;
  /** The caller themselves ("para ti"). */
  self: boolean;
}

export interface ServiceChoice {
  code: string;
  name: string;
}

export interface SlotChoice extends SpokenInstant {
  slotId: number;
}

export interface AppointmentChoice extends SpokenAppointment {
  id: string;
}

/** The time a closure proposed and holds for an appointment it took away (booking/replacement.ts). */
export interface ProposalChoice {
  id: number;
  /** The appointment as it was, at the time the closure took. */
  appointment: AppointmentChoice;
  /** The held time and the end of the hold, ISO instants. */
  startsAt: string;
  expiresAt: string;
}

/** A release of the caller's unit taking requests (request and allocate). */
export interface AllocationChoice extends SpokenInstant {
  releaseId: number;
  service: string;
}

/** Who the caller proved to be, and whom they may act for. */
export interface Identity {
  person: Person;
  /** Eligible people the caller may book for: themselves first, then their family. */
  bookable: Person[];
  /** Everyone whose appointments the caller may hear and cancel. */
  household: number[];
}

/** Whose birth date the caller must key in: the holder their number is on file for, or the owner of an affiliation number. */
export type Candidate = { holderId: number } | { affiliation: string };

export interface BookingChoice {
  person: Person;
  service: ServiceChoice;
  unit: string;
}

/** Where the call is: each node is one question, and holds what its answer needs. */
export type Node =
  | { at: 'affiliation' }
  | { at: 'birth-date'; candidate: Candidate }
  | { at: 'menu' }
  | { at: 'person'; people: Person[] }
  | { at: 'service'; person: Person; services: ServiceChoice[] }
  | ({ at: 'slot'; slots: SlotChoice[]; more: boolean } & BookingChoice)
  | ({ at: 'confirm-booking'; slot: SlotChoice } & BookingChoice)
  | { at: 'done'; recap: string[] }
  | { at: 'cancel-choice'; appointments: AppointmentChoice[] }
  | { at: 'confirm-cancel'; appointment: AppointmentChoice }
  | { at: 'offer-agent'; resume: Node }
  | { at: 'callback-offer'; canWait: boolean; reason: CallbackReason }
  | { at: 'callback-number'; reason: CallbackReason }
  | { at: 'allocation-offer'; release: AllocationChoice }
  /** Nothing left for the service: the waitlist is offered (dialog/waitlist.ts). */
  | ({ at: 'waitlist-offer' } & BookingChoice)
  /** Which shift the caller can come in (weekdays are left to the portal and agents). */
  | ({ at: 'waitlist-shift' } & BookingChoice)
  /** A held replacement time, read before anything else (dialog/proposal.ts). */
  | { at: 'proposal'; proposal: ProposalChoice }
  | { at: 'proposal-decline'; proposal: ProposalChoice }
  /** An appointment tomorrow, read before the menu (dialog/tomorrow.ts). */
  | { at: 'tomorrow'; appointment: AppointmentChoice }
  | { at: 'tomorrow-cancel'; appointment: AppointmentChoice }
  | { at: 'with-agent' };

export interface CallState {
  /** The caller's 10-digit number, when the network gave it. */
  caller: string | null;
  node: Node;
  /** Failed answers (silence or a wrong key) to the current question. */
  tries: number;
  /** Failed attempts to identify, over the whole call. */
  identityFailures: number;
  identity: Identity | null;
}

export const newCall = (caller: string | null): CallState => ({
  caller,
  node: { at: 'affiliation' },
  tries: 0,
  identityFailures: 0,
  identity: null,
});
