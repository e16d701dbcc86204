import { describe, expect, it } from 'vitest';
import { LOOP_PHONE } from '../../../platform/i18n/access-loop-messages.js';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import { advance } from './machine.js';
import { questionOf } from './questions.js';
import { type CallState, type Identity, type Node, newCall } from './state.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const maria = { id: 1, name: 'María Guadalupe', self: true };
const identity: Identity = { person: maria, bookable: [maria], household: [1] };
const service = { code: 'medicina_familiar', name: 'Medicina familiar' };
const at = (node: Node): CallState => ({ ...newCall('5512345678'), identity, node });

describe('the waitlist on the phone line', () => {
  it('offers the waitlist when no slot is left, and joins it with 1 for the shift the caller keys', () => {
    const searching = at({ at: 'service', person: maria, services: [service] });
    const none = advance(
      searching,
      {
        kind: 'outcome',
        outcome: {
          kind: 'slots',
          slots: [],
          more: false,
          after: null,
          rush: false,
          person: maria,
          service,
          unit: 'UMF 1',
        },
      },
      NOW,
    );
    expect(none.say).toEqual([PHONE.noSlots]);
    expect(none.state.node).toEqual({ at: 'waitlist-offer', person: maria, service, unit: 'UMF 1' });
    expect(questionOf(none.state.node).prompt).toEqual([LOOP_PHONE.offerWaitlist]);
    const shift = advance(none.state, { kind: 'keys', digits: '1' }, NOW);
    expect(shift.state.node).toEqual({ at: 'waitlist-shift', person: maria, service, unit: 'UMF 1' });
    expect(questionOf(shift.state.node).prompt).toEqual([LOOP_PHONE.chooseShift]);
    const afternoons = advance(shift.state, { kind: 'keys', digits: '3' }, NOW);
    expect(afternoons.next).toEqual({
      kind: 'perform',
      effect: { kind: 'join-waitlist', person: maria, service, shift: 'V' },
    });
    const join = advance(shift.state, { kind: 'keys', digits: '1' }, NOW);
    expect(join.next).toEqual({
      kind: 'perform',
      effect: { kind: 'join-waitlist', person: maria, service, shift: null },
    });
    const joined = advance(
      join.state,
      { kind: 'outcome', outcome: { kind: 'waitlist-joined', result: 'joined' } },
      NOW,
    );
    expect(joined.say).toEqual([LOOP_PHONE.joined]);
    expect(advance(none.state, { kind: 'keys', digits: '2' }, NOW).state.node).toEqual({ at: 'menu' });
  });
});
