import { describe, expect, it } from 'vitest';
import { placeView } from './place-view.js';

const now = new Date('2026-12-01T13:05:00Z');
const opensAt = new Date('2026-12-01T13:00:00Z');
const line = { ahead: 30, waitingTotal: 100, freeSlots: 40, openPasses: 5, perMinute: 60 };
const waiting = { status: 'waiting' as const, passExpiresAt: null, ordered: true, opensAt };

describe('what a place shows', () => {
  it('before the draw, only that the order is drawn at the release', () => {
    expect(placeView({ ...waiting, ordered: false }, line, now)).toEqual({
      state: 'pending',
      opensAt,
      waitingTotal: 100,
    });
  });

  it('after the draw, the position, the people ahead and an honest wait', () => {
    expect(placeView(waiting, line, now)).toEqual({
      state: 'waiting',
      position: 31,
      ahead: 30,
      waitMinutes: 1,
      mayRunOut: false,
      slotsLeft: 35,
    });
    expect(placeView(waiting, { ...line, ahead: 35 }, now)).toMatchObject({ mayRunOut: true });
  });

  it('a pass open until its end, expired after it', () => {
    const admitted = {
      ...waiting,
      status: 'admitted' as const,
      passExpiresAt: new Date(now.getTime() + 1000),
    };
    expect(placeView(admitted, line, now)).toEqual({
      state: 'admitted',
      passExpiresAt: admitted.passExpiresAt,
    });
    expect(placeView(admitted, line, new Date(now.getTime() + 1000)).state).toBe('expired');
  });

  it('closed when the release has no web slot left', () => {
    expect(placeView(waiting, { ...line, freeSlots: 0, openPasses: 0 }, now).state).toBe('closed');
  });
});
