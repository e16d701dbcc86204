// The virtual queue of one consultorio for one day, as pure decisions: who goes next, when each
// person can expect to be called, and whom to tell "ven ahora". Times in, answers out; the database
// side (consultorio-queue.ts) only loads the day and records what these decide.

const MINUTE = 60_000;

export interface QueueEntry {
  appointmentId: string;
  folio: string;
  startsAt: Date;
  /** Arrival at the counter; null while the person is on their way (or at home, waiting for the SMS). */
  checkedInAt: Date | null;
  /** Whether the "ven ahora" SMS was already queued. */
  comeNowSent: boolean;
}

export interface QueuePolicy {
  /** Minutes after the appointment's time an arrival still keeps its place. */
  lateToleranceMinutes: number;
  /** The "ven ahora" SMS goes to people this many places (or fewer) from the consultorio. */
  comeNowPlaces: number;
}

/** Arrived more than the tolerance after the appointment's time. */
export const isLate = (startsAt: Date, arrivedAt: Date, toleranceMinutes: number): boolean =>
  arrivedAt.getTime() > startsAt.getTime() + toleranceMinutes * MINUTE;

/**
 * The moment that places a person in the line: their appointment's time, so arriving early gains
 * nothing over the people booked before; a late arrival queues from the moment they arrived.
 */
export function placeTime(entry: QueueEntry, toleranceMinutes: number): number {
  const { startsAt, checkedInAt } = entry;
  return checkedInAt && isLate(startsAt, checkedInAt, toleranceMinutes)
    ? checkedInAt.getTime()
    : startsAt.getTime();
}

/** The line in calling order; ties keep the appointment's order. */
export function orderQueue(entries: readonly QueueEntry[], toleranceMinutes: number): QueueEntry[] {
  return [...entries].sort(
    (a, b) =>
      placeTime(a, toleranceMinutes) - placeTime(b, toleranceMinutes) ||
      a.startsAt.getTime() - b.startsAt.getTime() ||
      a.appointmentId.localeCompare(b.appointmentId),
  );
}

/**
 * Minutes per person: the median gap between the day's consecutive calls once there are enough to
 * say (three gaps), else the slot's length. A median, so one long consultation or a coffee break
 * does not swing everyone's estimate.
 */
export function paceMinutes(callTimes: readonly Date[], slotMinutes: number): number {
  const sorted = callTimes.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - (sorted[i] as number)) / MINUTE);
  if (gaps.length < 3) return slotMinutes;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const median =
    gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
  return Math.max(1, Math.round(median));
}

export interface QueuePlace {
  entry: QueueEntry;
  /** 1 is the next person the consultorio calls. */
  position: number;
  /** Never before now nor before the person's place time; rounded up to five minutes. */
  expectedAt: Date;
  late: boolean;
}

export interface QueueView {
  line: QueuePlace[];
  /** Not arrived and past their tolerance: out of the line until they check in (then they queue as late). */
  missing: QueueEntry[];
}

const FIVE_MINUTES = 5 * MINUTE;
const roundUp = (ms: number) => Math.ceil(ms / FIVE_MINUTES) * FIVE_MINUTES;

/**
 * Everyone still to be called, in order, with an honest expected call time: the consultorio calls
 * one person per `pace` minutes from now, but never calls anyone before their place time, so a gap
 * in the morning's bookings is not promised away.
 */
export function viewQueue(
  waiting: readonly QueueEntry[],
  options: { now: Date; pace: number; toleranceMinutes: number },
): QueueView {
  const { now, pace, toleranceMinutes } = options;
  const missing: QueueEntry[] = [];
  const present: QueueEntry[] = [];
  for (const entry of waiting) {
    const gone = !entry.checkedInAt && isLate(entry.startsAt, now, toleranceMinutes);
    (gone ? missing : present).push(entry);
  }
  let free = now.getTime();
  const line = orderQueue(present, toleranceMinutes).map((entry, i) => {
    const at = Math.max(free, placeTime(entry, toleranceMinutes));
    free = at + pace * MINUTE;
    return {
      entry,
      position: i + 1,
      expectedAt: new Date(roundUp(at)),
      late: entry.checkedInAt !== null && isLate(entry.startsAt, entry.checkedInAt, toleranceMinutes),
    };
  });
  return { line, missing: orderQueue(missing, toleranceMinutes) };
}

/** Whom to send "ven ahora": close to the consultorio, not at the clinic yet, not told before. */
export const comeNowDue = (view: QueueView, places: number): QueueEntry[] =>
  view.line
    .filter((p) => p.position <= places && p.entry.checkedInAt === null && !p.entry.comeNowSent)
    .map((p) => p.entry);
