import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import { ALLOCATION_PHONE } from '../../../platform/i18n/allocation-messages.js';
import { spokenDateTime } from '../../../platform/i18n/dates.js';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import { REBOOKING_PHONE } from '../../../platform/i18n/rebooking-messages.js';
import { proposalPrompt } from './proposal.js';
import type { Node } from './state.js';

/** What the caller may answer: one key of a menu, or a fixed number of digits. */
export type Expect = { kind: 'keys'; keys: string[] } | { kind: 'digits'; length: number };

export interface Question {
  prompt: string[];
  expect: Expect;
}

const AGENT_AND_REPEAT = ['0', '*'];
const numbered = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));
const keys = (...lists: string[][]): Expect => ({ kind: 'keys', keys: lists.flat() });

/** The question a node asks; also what "*" repeats. */
export function questionOf(node: Node): Question {
  switch (node.at) {
    case 'affiliation':
      return { prompt: [PHONE.askAffiliation], expect: { kind: 'digits', length: 10 } };
    case 'birth-date':
      return {
        prompt: ['holderId' in node.candidate ? PHONE.askBirthDateKnownCaller : PHONE.askBirthDate],
        expect: { kind: 'digits', length: 8 },
      };
    case 'menu':
      return {
        prompt: [PHONE.menu, ALLOCATION_PHONE.menuOption],
        expect: keys(['1', '2', '3', '4'], AGENT_AND_REPEAT),
      };
    case 'allocation-offer':
      return {
        prompt: [
          ALLOCATION_PHONE.offer(
            node.release.service,
            spokenDateTime(new Date(node.release.startsAt), node.release.timeZone),
          ),
        ],
        expect: keys(['1', '2'], AGENT_AND_REPEAT),
      };
    case 'proposal':
      return {
        prompt: [proposalPrompt(node.proposal), REBOOKING_PHONE.options],
        expect: keys(['1', '2', '9'], AGENT_AND_REPEAT),
      };
    case 'proposal-decline':
      return { prompt: [REBOOKING_PHONE.confirmDecline], expect: keys(['1', '2'], AGENT_AND_REPEAT) };
    case 'tomorrow':
      return {
        prompt: [LOOP_PHONE.tomorrow(node.appointment), LOOP_PHONE.tomorrowOptions],
        expect: keys(['1', '2', '3', '9'], AGENT_AND_REPEAT),
      };
    case 'tomorrow-cancel':
      return { prompt: [LOOP_PHONE.tomorrowConfirmCancel], expect: keys(['1', '2'], AGENT_AND_REPEAT) };
    case 'waitlist-offer':
      return { prompt: [LOOP_PHONE.offerWaitlist], expect: keys(['1', '2'], AGENT_AND_REPEAT) };
    case 'waitlist-shift':
      return { prompt: [LOOP_PHONE.chooseShift], expect: keys(['1', '2', '3'], AGENT_AND_REPEAT) };
    case 'person':
      return {
        prompt: [PHONE.choosePerson(node.people), PHONE.repeatHint],
        expect: keys(numbered(node.people.length), AGENT_AND_REPEAT),
      };
    case 'service':
      return {
        prompt: [PHONE.chooseService(node.services), PHONE.repeatHint],
        expect: keys(numbered(node.services.length), AGENT_AND_REPEAT),
      };
    case 'slot':
      return {
        prompt: [PHONE.slotOptions(node.slots, node.more), PHONE.repeatHint],
        expect: keys(numbered(node.slots.length), node.more ? ['9'] : [], AGENT_AND_REPEAT),
      };
    case 'confirm-booking':
      return {
        prompt: [
          PHONE.confirmBooking({
            ...node.slot,
            person: node.person,
            service: node.service.name,
            unit: node.unit,
          }),
        ],
        expect: keys(['1', '2'], AGENT_AND_REPEAT),
      };
    case 'done':
      return { prompt: [PHONE.afterAction], expect: keys(['1'], AGENT_AND_REPEAT) };
    case 'cancel-choice':
      return {
        prompt: [PHONE.chooseCancel(node.appointments), PHONE.repeatHint],
        expect: keys(numbered(node.appointments.length), AGENT_AND_REPEAT),
      };
    case 'confirm-cancel':
      return { prompt: [PHONE.confirmCancel(node.appointment)], expect: keys(['1', '2'], AGENT_AND_REPEAT) };
    case 'offer-agent':
      return { prompt: [PHONE.offerAgent], expect: keys(['0', '1']) };
    case 'callback-offer':
      return {
        prompt: [PHONE.offerCallback(node.canWait)],
        expect: keys(node.canWait ? ['1', '2'] : ['1'], ['*']),
      };
    case 'callback-number':
      return { prompt: [PHONE.askCallbackNumber], expect: { kind: 'digits', length: 10 } };
    case 'with-agent':
      return { prompt: [], expect: keys([]) };
  }
}
