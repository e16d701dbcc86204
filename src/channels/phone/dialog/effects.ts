// What the dialog asks the rest of Citas to do, and what it hears back. The dialog stays pure: it
// returns an Effect, the channel performs it with the domain operations and feeds the Outcome back.
import type { SpokenInstant } from '../../../platform/i18n/phone-messages.js';
import type { RefusalCode } from '../../../platform/refusal-code.js';
import type { CallbackReason } from '../../../telephony/callbacks.js';
import type {
  AllocationChoice,
  AppointmentChoice,
  BookingChoice,
  Candidate,
  Identity,
  Person,
  ProposalChoice,
  ServiceChoice,
  SlotChoice,
} from './state.js';

export type Effect =
  | { kind: 'find-caller'; phone: string }
  | { kind: 'verify'; candidate: Candidate; birthDate: string }
  | { kind: 'list-services'; person: Person }
  /** Distinct times, earliest first; `after` (an instant) asks for the next page. */
  | { kind: 'find-slots'; person: Person; service: ServiceChoice; after: string | null }
  | { kind: 'book'; person: Person; slot: SlotChoice }
  | { kind: 'list-appointments'; purpose: 'consult' | 'cancel'; household: number[] }
  | { kind: 'cancel'; appointmentId: string }
  | { kind: 'check-agent-line' }
  | { kind: 'request-callback'; phone: string; personId: number | null; reason: CallbackReason }
  /** The next release of the person's unit taking requests, if any. */
  | { kind: 'find-allocation'; person: Person }
  | { kind: 'file-allocation-request'; person: Person; releaseId: number }
  | { kind: 'join-waitlist'; person: Person; service: ServiceChoice; shift: 'M' | 'V' | null }
  /** The household's open proposal of a replacement time that lapses first, if any. */
  | { kind: 'find-proposal'; household: number[] }
  | { kind: 'answer-proposal'; proposalId: number; answer: 'keep' | 'decline' }
  /** The household's appointment tomorrow on its unit's clock, if any. */
  | { kind: 'find-tomorrow'; household: number[] }
  /** The reminder's answers, as an SMS reply gives them. */
  | { kind: 'answer-tomorrow'; appointmentId: string; answer: 'confirm' | 'cancel' | 'change' };

export type Outcome =
  /** The holder the caller's number is on file for, when it is exactly one. */
  | { kind: 'caller-found'; holderId: number | null }
  | { kind: 'verified'; identity: Identity | null }
  | { kind: 'services'; person: Person; unit: string; services: ServiceChoice[] }
  | ({
      kind: 'slots';
      slots: SlotChoice[];
      more: boolean;
      after: string | null;
      /** The web line of a release is moving: the caller is told the phone has its own share. */
      rush: boolean;
    } & BookingChoice)
  | ({
      kind: 'booked';
      folio: string;
      smsTo: string | null;
      /** Who must come and show identification (booking/check-in.ts). */
      checkIn: 'none' | 'holder' | 'guardian';
    } & SpokenInstant)
  | {
      kind: 'booking-refused';
      code: RefusalCode;
      /** The next free slots, when the chosen one was taken. */
      alternatives: SlotChoice[];
      /** The appointment in the way, when the person already has one for the service. */
      existing: ({ service: string } & SpokenInstant) | null;
    }
  | { kind: 'appointments'; purpose: 'consult' | 'cancel'; appointments: AppointmentChoice[] }
  | { kind: 'cancelled' }
  | { kind: 'cancel-refused'; code: string; cutoffMinutes: number | null }
  /** `open`: transfer now; `canWait`: there is an agent line at all. */
  | { kind: 'agent-line'; open: boolean; canWait: boolean }
  | { kind: 'callback'; created: boolean; phone: string }
  | { kind: 'allocation-release'; release: AllocationChoice | null }
  | { kind: 'allocation-filed'; result: 'filed' | 'exists' | 'closed' }
  | { kind: 'waitlist-joined'; result: 'joined' | 'exists' | 'refused' }
  | { kind: 'proposal'; proposal: ProposalChoice | null }
  /** `kept`: the appointment's new time. */
  | { kind: 'proposal-answered'; answer: 'keep' | 'decline'; refused: boolean; kept: SpokenInstant | null }
  | { kind: 'tomorrow'; appointment: AppointmentChoice | null }
  | { kind: 'tomorrow-answered'; answer: 'confirm' | 'cancel' | 'change'; refused: boolean };
