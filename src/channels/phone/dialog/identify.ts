import { DateTime } from 'luxon';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import { isValidAffiliationNumber } from '../../../registry/affiliation.js';
import { toAgent } from './agent.js';
import type { Outcome } from './effects.js';
import type { CallState, Candidate, Node } from './state.js';
import { ask, askAgain, perform, type Step } from './step.js';

/** Failed identification attempts after which the caller is handed to an agent. */
export const IDENTITY_ATTEMPTS = 3;

/** The call begins: greeting, privacy notice, then who is calling. */
export function answer(state: CallState, now: Date): Step {
  const hour = DateTime.fromJSDate(now, { zone: 'America/Mexico_City' }).hour;
  const say = [PHONE.greeting(hour), PHONE.privacy];
  if (state.caller) return perform(state, { kind: 'find-caller', phone: state.caller }, say);
  return ask(state, { at: 'affiliation' }, say);
}

/**
 * A birth date keyed as DDMMAAAA, as 'YYYY-MM-DD', or null when it is not a real past date.
 * Pure: `now` bounds the year.
 */
export function parseKeyedBirthDate(digits: string, now: Date): string | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
  if (!match) return null;
  const [, day, month, year] = match;
  const date = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day) },
    { zone: 'America/Mexico_City' },
  );
  if (!date.isValid || date.year < 1900 || date.toJSDate() > now) return null;
  return date.toISODate();
}

/** One more failed attempt: say why and try again, or after the last one hand over to an agent. */
export function identityFailed(state: CallState, why: string, retry: Node): Step {
  const failures = state.identityFailures + 1;
  const next = { ...state, identityFailures: failures };
  if (failures >= IDENTITY_ATTEMPTS) return toAgent(next, [why, PHONE.identityFailed]);
  return retry.at === state.node.at
    ? askAgain({ ...next, tries: next.tries + 1 }, [why])
    : ask(next, retry, [why]);
}

export function onIdentityDigits(state: CallState, digits: string, now: Date): Step | null {
  const node = state.node;
  if (node.at === 'affiliation') {
    // The shape only: the registry lookup is the judge, and the format promises no check digit.
    if (!isValidAffiliationNumber(digits, { checkDigit: false }))
      return identityFailed(state, PHONE.affiliationInvalid, node);
    return ask(state, { at: 'birth-date', candidate: { affiliation: digits } });
  }
  if (node.at === 'birth-date') {
    const birthDate = parseKeyedBirthDate(digits, now);
    if (!birthDate) return identityFailed(state, PHONE.birthDateInvalid, node);
    return perform(state, { kind: 'verify', candidate: node.candidate, birthDate });
  }
  return null;
}

export function onIdentityOutcome(state: CallState, outcome: Outcome): Step | null {
  if (outcome.kind === 'caller-found') {
    const candidate: Candidate | null = outcome.holderId === null ? null : { holderId: outcome.holderId };
    return ask(state, candidate ? { at: 'birth-date', candidate } : { at: 'affiliation' });
  }
  if (outcome.kind === 'verified') {
    // Someone else of the household may be calling from the holder's phone: after a mismatch,
    // ask for an affiliation number, which identifies anyone.
    if (!outcome.identity) return identityFailed(state, PHONE.identityMismatch, { at: 'affiliation' });
    // A held replacement time is read out first (dialog/proposal.ts), then an appointment
    // tomorrow (dialog/tomorrow.ts), then the menu.
    return perform(
      { ...state, identity: outcome.identity },
      { kind: 'find-proposal', household: outcome.identity.household },
      [PHONE.hello(outcome.identity.person.name)],
    );
  }
  return null;
}
