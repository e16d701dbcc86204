import { describe, expect, it } from 'vitest';
import { distinctTimes } from './distinct-times.js';

const at = (iso: string, room: string) => ({ startsAt: new Date(iso), room });

describe('distinct times', () => {
  it('keeps one slot per start time, the first listed, in order', () => {
    const slots = [
      at('2030-01-07T14:00:00Z', 'Consultorio 1'),
      at('2030-01-07T14:00:00Z', 'Consultorio 2'),
      at('2030-01-07T14:20:00Z', 'Consultorio 2'),
      at('2030-01-07T14:20:00Z', 'Consultorio 1'),
    ];
    expect(distinctTimes(slots)).toEqual([slots[0], slots[2]]);
  });
});
