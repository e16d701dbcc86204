import { describe, expect, it } from 'vitest';
import { dueLead, isQuietHour } from './due.js';
import { DEFAULT_REMINDER_POLICY as policy } from './policy.js';

const start = new Date('2026-12-10T16:00:00Z');
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);
const booked = { startsAt: start, createdAt: hoursBefore(24 * 10), sent: [] as number[] };

describe('reminder timing', () => {
  it('sends the 72-hour reminder from 72 hours before, and the 24-hour one from 24 hours before', () => {
    expect(dueLead(booked, policy, hoursBefore(73), 10)).toBeNull();
    expect(dueLead(booked, policy, hoursBefore(72), 10)).toBe(72);
    expect(dueLead(booked, policy, hoursBefore(30), 10)).toBe(72);
    expect(dueLead(booked, policy, hoursBefore(24), 10)).toBe(24);
    expect(dueLead({ ...booked, sent: [72, 24] }, policy, hoursBefore(5), 10)).toBeNull();
  });

  it('never sends a reminder twice, nor a late long one once the short one is due', () => {
    expect(dueLead({ ...booked, sent: [72] }, policy, hoursBefore(40), 10)).toBeNull();
    expect(dueLead({ ...booked, sent: [] }, policy, hoursBefore(20), 10)).toBe(24);
  });

  it('waits for the morning at night on the unit clock', () => {
    expect(isQuietHour(21, policy)).toBe(true);
    expect(isQuietHour(3, policy)).toBe(true);
    expect(isQuietHour(8, policy)).toBe(false);
    expect(dueLead(booked, policy, hoursBefore(24), 23)).toBeNull();
  });

  it('skips reminders whose moment came before the appointment was booked', () => {
    const lateBooking = { ...booked, createdAt: hoursBefore(30) };
    expect(dueLead(lateBooking, policy, hoursBefore(29), 10)).toBeNull();
    expect(dueLead(lateBooking, policy, hoursBefore(24), 10)).toBe(24);
    expect(dueLead({ ...booked, createdAt: hoursBefore(10) }, policy, hoursBefore(9), 10)).toBeNull();
  });
});
