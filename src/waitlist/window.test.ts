import { describe, expect, it } from 'vitest';
import { waitWindowOf } from './window.js';

describe('the window a person chooses to wait in', () => {
  it('keeps the weekdays ticked, once each, in order, and the shift', () => {
    expect(waitWindowOf({ days: ['5', '1', '5'], shift: 'V' })).toEqual({ weekdays: [1, 5], shift: 'V' });
  });

  it('means any day when no box is ticked, and any shift unless M or V', () => {
    expect(waitWindowOf({ days: [], shift: '' })).toEqual({ weekdays: null, shift: null });
    expect(waitWindowOf({ days: ['1', '2', '3', '4', '5'], shift: 'x' })).toEqual({
      weekdays: [1, 2, 3, 4, 5],
      shift: null,
    });
  });

  it('drops what is not a weekday', () => {
    expect(waitWindowOf({ days: ['0', '8', 'lunes', '6'], shift: 'M' })).toEqual({
      weekdays: [6],
      shift: 'M',
    });
  });
});
