import { describe, expect, it } from 'vitest';
import { admissionsDue, minutesToAdmit, paceFactor } from './admission.js';

const opensAt = new Date('2026-12-01T13:00:00Z');
const at = (seconds: number) => new Date(opensAt.getTime() + seconds * 1000);
const base = {
  opensAt,
  lastAdmissionAt: null,
  credit: 0,
  admitPerMinute: 60,
  factor: 1,
  freeSlots: 1000,
  openPasses: 0,
  waiting: 1000,
};

describe('admission pacing', () => {
  it('admits at the configured rate from the release moment', () => {
    expect(admissionsDue({ ...base, now: at(10) })).toEqual({ admit: 10, credit: 0 });
    expect(admissionsDue({ ...base, lastAdmissionAt: at(10), now: at(10.5) }).admit).toBe(0);
  });

  it('carries fractions of a person from one count to the next', () => {
    const first = admissionsDue({ ...base, admitPerMinute: 30, now: at(3) });
    expect(first.admit).toBe(1);
    const second = admissionsDue({
      ...base,
      admitPerMinute: 30,
      ...first,
      lastAdmissionAt: at(3),
      now: at(3.5),
    });
    expect(second.admit).toBe(0);
    expect(
      admissionsDue({ ...base, admitPerMinute: 30, ...second, lastAdmissionAt: at(3.5), now: at(5) }).admit,
    ).toBe(1);
  });

  it('slows down in proportion while latency is above the target', () => {
    expect(paceFactor(100, 250)).toBe(1);
    expect(paceFactor(500, 250)).toBe(0.5);
    expect(paceFactor(100_000, 250)).toBe(0.1);
    expect(admissionsDue({ ...base, factor: paceFactor(1000, 250), now: at(60) }).admit).toBe(15);
  });

  it('never admits more people than free web slots not already promised to open passes', () => {
    expect(admissionsDue({ ...base, freeSlots: 8, openPasses: 5, now: at(60) }).admit).toBe(3);
    expect(admissionsDue({ ...base, freeSlots: 8, openPasses: 9, now: at(60) }).admit).toBe(0);
  });

  it('builds up at most a minute of admissions while the line is idle', () => {
    const idle = admissionsDue({ ...base, waiting: 0, now: at(600) });
    expect(idle).toEqual({ admit: 0, credit: 60 });
    expect(admissionsDue({ ...base, ...idle, lastAdmissionAt: at(600), now: at(600) }).admit).toBe(60);
  });

  it('estimates the wait in whole minutes, rounded up', () => {
    expect(minutesToAdmit(0, 60)).toBe(0);
    expect(minutesToAdmit(1, 60)).toBe(1);
    expect(minutesToAdmit(121, 60)).toBe(3);
  });
});
