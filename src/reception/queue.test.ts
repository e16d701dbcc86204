import { describe, expect, it } from 'vitest';
import { comeNowDue, isLate, orderQueue, paceMinutes, type QueueEntry, viewQueue } from './queue.js';

const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00-06:00`);
const person = (
  id: string,
  startsAt: string,
  arrived: string | null = null,
  comeNowSent = false,
): QueueEntry => ({
  appointmentId: id,
  folio: id.toUpperCase().padEnd(8, 'X'),
  startsAt: at(startsAt),
  checkedInAt: arrived ? at(arrived) : null,
  comeNowSent,
});
const ids = (entries: { appointmentId: string }[]) => entries.map((e) => e.appointmentId);
const times = (view: ReturnType<typeof viewQueue>) =>
  view.line.map((p) =>
    p.expectedAt.toLocaleTimeString('es-MX', {
      timeZone: 'America/Mexico_City',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }),
  );

describe('the consultorio’s line', () => {
  it('keeps the appointment’s place for anyone who arrives within the tolerance, early or a little late', () => {
    const line = orderQueue(
      [person('c', '08:40', '08:00'), person('a', '08:00', '08:10'), person('b', '08:20', '08:05')],
      15,
    );
    expect(ids(line)).toEqual(['a', 'b', 'c']);
    expect(isLate(at('08:00'), at('08:15'), 15)).toBe(false);
    expect(isLate(at('08:00'), at('08:16'), 15)).toBe(true);
  });

  it('queues a late arrival from the moment they arrived, behind those who kept their time', () => {
    const line = orderQueue(
      [person('late', '08:00', '08:30'), person('b', '08:20', '08:10'), person('c', '08:40', '08:35')],
      15,
    );
    expect(ids(line)).toEqual(['b', 'late', 'c']);
  });
});

describe('estimated call times', () => {
  it('promises nobody a time before now or before their appointment, one person per pace', () => {
    const view = viewQueue(
      [person('a', '08:00', '07:50'), person('b', '08:20', '08:00'), person('c', '09:40')],
      {
        now: at('08:30'),
        pace: 20,
        toleranceMinutes: 15,
      },
    );
    // a is called now, b after one pace; c's appointment is later than the line's pace reaches.
    expect(times(view)).toEqual(['08:30', '08:50', '09:40']);
    expect(view.line.map((p) => p.position)).toEqual([1, 2, 3]);
  });

  it('rounds up to five minutes, never down, so nobody arrives after their call', () => {
    const view = viewQueue([person('a', '08:00', '07:50'), person('b', '08:00', '07:55')], {
      now: at('08:01'),
      pace: 12,
      toleranceMinutes: 15,
    });
    expect(times(view)).toEqual(['08:05', '08:15']);
  });

  it('leaves out of the line whoever has not arrived past their tolerance, and names them', () => {
    const view = viewQueue(
      [person('gone', '08:00'), person('b', '08:20', '08:10'), person('soon', '08:40')],
      {
        now: at('08:30'),
        pace: 20,
        toleranceMinutes: 15,
      },
    );
    expect(ids(view.line.map((p) => p.entry))).toEqual(['b', 'soon']);
    expect(ids(view.missing)).toEqual(['gone']);
  });

  it('measures the pace from the day’s calls once there are three gaps, by their median', () => {
    expect(paceMinutes([], 20)).toBe(20);
    expect(paceMinutes([at('08:00'), at('08:10'), at('08:25')], 20)).toBe(20);
    // Gaps 10, 15, 12 and a 60-minute break: the median ignores the break.
    expect(paceMinutes([at('08:00'), at('08:10'), at('08:25'), at('08:37'), at('09:37')], 20)).toBe(14);
  });
});

describe('"ven ahora"', () => {
  it('tells only people close to the consultorio who are not at the clinic and were not told yet', () => {
    const view = viewQueue(
      [
        person('here', '08:00', '07:50'),
        person('told', '08:20', null, true),
        person('home', '08:40'),
        person('far', '09:00'),
      ],
      { now: at('08:00'), pace: 20, toleranceMinutes: 15 },
    );
    expect(ids(comeNowDue(view, 3))).toEqual(['home']);
    expect(ids(comeNowDue(view, 4))).toEqual(['home', 'far']);
  });
});
