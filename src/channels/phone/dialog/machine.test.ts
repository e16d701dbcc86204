import { describe, expect, it } from 'vitest';
import { ALLOCATION_PHONE } from '../../../platform/i18n/allocation-messages.js';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import type { Effect, Outcome } from './effects.js';
import { parseKeyedBirthDate } from './identify.js';
import { advance } from './machine.js';
import { questionOf } from './questions.js';
import { type CallState, type Identity, type Node, newCall } from './state.js';
import type { Step } from './step.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const maria = { id: 1, name: 'María Guadalupe', self: true };
const ricardo = { id: 2, name: 'Ricardo', self: false };
const identity: Identity = { person: maria, bookable: [maria, ricardo], household: [1, 2, 3] };
const at = (node: Node, extra: Partial<CallState> = {}): CallState => ({
  ...newCall('5512345678'),
  identity,
  node,
  ...extra,
});
const press = (state: CallState, digits: string) => advance(state, { kind: 'keys', digits }, NOW);
const silence = (state: CallState) => advance(state, { kind: 'silence' }, NOW);
const outcome = (state: CallState, o: Outcome) => advance(state, { kind: 'outcome', outcome: o }, NOW);
const effectOf = (step: Step): Effect | undefined =>
  step.next.kind === 'perform' ? step.next.effect : undefined;

describe('the telephone dialog', () => {
  it('keeps the main menu keys fixed: 1 agendar, 2 consultar, 3 cancelar, 0 asesor, * repetir', () => {
    const menu = at({ at: 'menu' });
    expect(press(menu, '1').state.node).toEqual({ at: 'person', people: [maria, ricardo] });
    expect(effectOf(press(menu, '2'))).toMatchObject({ kind: 'list-appointments', purpose: 'consult' });
    expect(effectOf(press(menu, '3'))).toMatchObject({ kind: 'list-appointments', purpose: 'cancel' });
    expect(effectOf(press(menu, '0'))).toEqual({ kind: 'check-agent-line' });
    const repeated = press(menu, '*');
    expect(repeated).toMatchObject({ state: menu, say: [], next: { kind: 'ask' } });
    expect(questionOf(repeated.state.node).prompt).toEqual([PHONE.menu, ALLOCATION_PHONE.menuOption]);
  });

  it('asks only the birth date when the caller’s number belongs to one holder', () => {
    const greeted = advance(newCall('5512345678'), { kind: 'call-started' }, NOW);
    // The privacy notice is said right after the greeting, before any question, and stays short.
    expect(greeted.say).toEqual([PHONE.greeting(9), PHONE.privacy]);
    expect(PHONE.privacy.length).toBeLessThan(130);
    expect(effectOf(greeted)).toEqual({ kind: 'find-caller', phone: '5512345678' });
    const known = outcome(greeted.state, { kind: 'caller-found', holderId: 1 });
    expect(known.state.node).toEqual({ at: 'birth-date', candidate: { holderId: 1 } });
    const unknown = outcome(greeted.state, { kind: 'caller-found', holderId: null });
    expect(unknown.state.node).toEqual({ at: 'affiliation' });
    const withheld = advance(newCall(null), { kind: 'call-started' }, NOW);
    expect(withheld.state.node).toEqual({ at: 'affiliation' });
  });

  it('refuses an affiliation number whose check digit is wrong before asking anything else', () => {
    const asking = at({ at: 'affiliation' }, { identity: null });
    const wrong = press(asking, '0001000011');
    expect(wrong.say).toEqual([PHONE.affiliationInvalid]);
    expect(wrong.state.node).toEqual({ at: 'affiliation' });
    expect(press(asking, '0001000017').state.node).toEqual({
      at: 'birth-date',
      candidate: { affiliation: '0001000017' },
    });
  });

  it('hands the caller to an agent after three failed identifications', () => {
    let state = at({ at: 'birth-date', candidate: { holderId: 1 } }, { identity: null });
    const mismatch: Outcome = { kind: 'verified', identity: null };
    let step = outcome(state, mismatch);
    expect(step.state.identityFailures).toBe(1);
    step = silence({ ...step.state });
    expect(step.say).toEqual([PHONE.noDigits]);
    state = { ...step.state, node: { at: 'birth-date', candidate: { affiliation: '0001000017' } } };
    step = outcome(state, mismatch);
    expect(step.say).toEqual([PHONE.identityMismatch, PHONE.identityFailed]);
    expect(effectOf(step)).toEqual({ kind: 'check-agent-line' });
  });

  it('reads a birth date keyed DDMMAAAA only when it is a real past date', () => {
    expect(parseKeyedBirthDate('12041978', NOW)).toBe('1978-04-12');
    expect(parseKeyedBirthDate('31021990', NOW)).toBeNull();
    expect(parseKeyedBirthDate('01012030', NOW)).toBeNull();
    expect(parseKeyedBirthDate('1204197', NOW)).toBeNull();
    expect(parseKeyedBirthDate('01011850', NOW)).toBeNull();
  });

  it('re-prompts silence and wrong keys, then offers the agent, and transfers when the offer goes unanswered', () => {
    let step = silence(at({ at: 'menu' }));
    expect(step.say).toEqual([PHONE.noInput]);
    step = press(step.state, '8');
    expect(step.say).toEqual([PHONE.invalidOption]);
    step = silence(step.state);
    expect(step.state.node).toEqual({ at: 'offer-agent', resume: { at: 'menu' } });
    expect(questionOf(step.state.node).prompt).toEqual([PHONE.offerAgent]);
    expect(press(step.state, '1').state).toMatchObject({ node: { at: 'menu' }, tries: 0 });
    expect(effectOf(silence(step.state))).toEqual({ kind: 'check-agent-line' });
  });

  it('reads three slots with keys 1 to 3 and offers 9 only when more exist', () => {
    const choice = {
      person: maria,
      service: { code: 'medicina_familiar', name: 'Medicina familiar' },
      unit: 'CMF',
    };
    const slot = (slotId: number) => ({
      slotId,
      startsAt: '2026-11-24T14:20:00.000Z',
      timeZone: 'America/Mexico_City',
    });
    const asked = at({ at: 'menu' });
    const four = outcome(asked, {
      kind: 'slots',
      ...choice,
      slots: [1, 2, 3, 4].map(slot),
      more: true,
      after: null,
      rush: false,
    });
    expect(four.state.node).toMatchObject({ at: 'slot', more: true });
    expect((four.state.node as { slots: unknown[] }).slots).toHaveLength(3);
    const question = questionOf(four.state.node);
    expect(question.expect).toEqual({ kind: 'keys', keys: ['1', '2', '3', '9', '0', '*'] });
    expect(question.prompt[0]).toContain(
      'Para el martes veinticuatro de noviembre a las ocho veinte de la mañana, marca uno.',
    );
    expect(effectOf(press(four.state, '9'))).toMatchObject({ kind: 'find-slots', after: slot(3).startsAt });
    const two = outcome(asked, {
      kind: 'slots',
      ...choice,
      slots: [slot(5), slot(6)],
      more: false,
      after: null,
      rush: false,
    });
    expect(questionOf(two.state.node).expect).toEqual({ kind: 'keys', keys: ['1', '2', '0', '*'] });
    expect(press(two.state, '9').say).toEqual([PHONE.invalidOption]);
  });

  it("tells a caller during a release's rush that the phone keeps their turn and has its own slots", () => {
    const rush = outcome(at({ at: 'menu' }), {
      kind: 'slots',
      person: maria,
      service: { code: 'medicina_familiar', name: 'Medicina familiar' },
      unit: 'CMF',
      slots: [{ slotId: 7, startsAt: '2026-11-24T14:20:00.000Z', timeZone: 'America/Mexico_City' }],
      more: false,
      after: null,
      rush: true,
    });
    expect(rush.say.slice(0, 2)).toEqual([PHONE.rushKept, PHONE.slotsIntro('CMF')]);
  });

  it('lets a holder whose eligibility lapsed book only for the family, and says why', () => {
    const lapsed = at({ at: 'menu' }, { identity: { ...identity, bookable: [ricardo] } });
    const step = press(lapsed, '1');
    expect(step.say).toEqual([PHONE.onlyFamilyEligible]);
    expect(step.state.node).toEqual({ at: 'person', people: [ricardo] });
    const nobody = press(at({ at: 'menu' }, { identity: { ...identity, bookable: [] } }), '1');
    expect(nobody.say).toEqual([PHONE.refused.NOT_ELIGIBLE]);
  });

  it('says goodbye to a caller who stays quiet once an action is done', () => {
    expect(silence(at({ at: 'done', recap: ['x'] }))).toMatchObject({
      say: [PHONE.goodbye],
      next: { kind: 'hang-up' },
    });
  });

  it('offers a call-back when the agent line is over its threshold, to the caller’s own number', () => {
    const busy = outcome(at({ at: 'menu' }), { kind: 'agent-line', open: false, canWait: true });
    expect(busy.say).toEqual([PHONE.agentsBusy]);
    expect(effectOf(press(busy.state, '1'))).toEqual({
      kind: 'request-callback',
      phone: '5512345678',
      personId: 1,
      reason: 'busy',
    });
    expect(press(busy.state, '2').next).toEqual({ kind: 'dial' });
    const withheld = press({ ...busy.state, caller: null }, '1');
    expect(withheld.state.node).toEqual({ at: 'callback-number', reason: 'busy' });
    expect(effectOf(press(withheld.state, '5598765432'))).toMatchObject({ phone: '5598765432' });
  });

  it('files the caller’s request for the next draw of their unit with 4, then 1', () => {
    const menu = at({ at: 'menu' });
    expect(effectOf(press(menu, '4'))).toEqual({ kind: 'find-allocation', person: maria });
    const release = {
      releaseId: 7,
      service: 'Medicina familiar',
      startsAt: '2026-11-24T13:00:00.000Z',
      timeZone: 'America/Mexico_City',
    };
    const offered = outcome(menu, { kind: 'allocation-release', release });
    expect(offered.state.node).toEqual({ at: 'allocation-offer', release });
    expect(questionOf(offered.state.node).prompt[0]).toContain('a las siete en punto de la mañana');
    expect(effectOf(press(offered.state, '1'))).toEqual({
      kind: 'file-allocation-request',
      person: maria,
      releaseId: 7,
    });
    expect(press(offered.state, '2').state.node).toEqual({ at: 'menu' });
    const filed = outcome(offered.state, { kind: 'allocation-filed', result: 'filed' });
    expect(filed).toMatchObject({ say: [ALLOCATION_PHONE.filed], state: { node: { at: 'done' } } });
  });

  it('says so and returns to the menu when the caller’s unit has no draw taking requests', () => {
    const step = outcome(at({ at: 'menu' }), { kind: 'allocation-release', release: null });
    expect(step).toMatchObject({ say: [ALLOCATION_PHONE.none], state: { node: { at: 'menu' } } });
  });
});
