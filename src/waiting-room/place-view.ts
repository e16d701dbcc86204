import type { WaitingPlaceStatus } from '../platform/db/schema.js';
import { minutesToAdmit } from './admission.js';

/** What the waiting page shows; also sent as the Citas-Queue-State header. */
export type PlaceState = 'pending' | 'waiting' | 'admitted' | 'used' | 'expired' | 'closed';

export interface PlaceFacts {
  status: WaitingPlaceStatus;
  passExpiresAt: Date | null;
  /** True once the release's draw ran (or the place came after it). */
  ordered: boolean;
  opensAt: Date;
}

export interface LineFacts {
  /** People still waiting ahead of this place who can book at this release. */
  ahead: number;
  waitingTotal: number;
  freeSlots: number;
  openPasses: number;
  /** The admission rate now, after the latency factor. */
  perMinute: number;
}

export type PlaceView =
  | { state: 'pending'; opensAt: Date; waitingTotal: number }
  | {
      state: 'waiting';
      position: number;
      ahead: number;
      waitMinutes: number;
      /** More people ahead than web slots left: the page says so plainly. */
      mayRunOut: boolean;
      slotsLeft: number;
    }
  | { state: 'admitted'; passExpiresAt: Date }
  | { state: 'used' | 'expired' | 'closed' };

export function placeView(place: PlaceFacts, line: LineFacts, now: Date): PlaceView {
  if (place.status === 'used') return { state: 'used' };
  if (place.status === 'expired') return { state: 'expired' };
  if (place.status === 'admitted') {
    const until = place.passExpiresAt;
    if (!until || until <= now) return { state: 'expired' };
    return { state: 'admitted', passExpiresAt: until };
  }
  if (!place.ordered) return { state: 'pending', opensAt: place.opensAt, waitingTotal: line.waitingTotal };
  if (line.freeSlots === 0) return { state: 'closed' };
  const slotsLeft = Math.max(0, line.freeSlots - line.openPasses);
  return {
    state: 'waiting',
    position: line.ahead + 1,
    ahead: line.ahead,
    waitMinutes: minutesToAdmit(line.ahead + 1, line.perMinute),
    mayRunOut: line.ahead >= slotsLeft,
    slotsLeft,
  };
}
