/**
 * Admission pacing. People are let in at the release's rate, lowered while the server is slow, and
 * never more than the web slots left for them: a pass is a real chance to book, not a race.
 */

/** At or below the target latency the full rate; above it, the rate shrinks in proportion (to 10 %). */
export function paceFactor(latencyMs: number, targetMs: number): number {
  if (!(latencyMs > targetMs) || targetMs <= 0) return 1;
  return Math.max(0.1, targetMs / latencyMs);
}

export interface AdmissionInput {
  opensAt: Date;
  /** When admissions were last counted; null before the first count of the release. */
  lastAdmissionAt: Date | null;
  /** The fraction of a person carried from the last count. */
  credit: number;
  admitPerMinute: number;
  factor: number;
  /** Free web slots of the release and the passes still open on them. */
  freeSlots: number;
  openPasses: number;
  waiting: number;
  now: Date;
}

export interface AdmissionStep {
  admit: number;
  credit: number;
}

/** At most a minute's worth of admissions builds up while nobody is waiting or the server is idle. */
const MAX_CREDIT_MINUTES = 1;

export function admissionsDue(input: AdmissionInput): AdmissionStep {
  const since = input.lastAdmissionAt ?? input.opensAt;
  const minutes = Math.max(0, input.now.getTime() - since.getTime()) / 60_000;
  const rate = input.admitPerMinute * input.factor;
  const credit = Math.min(input.credit + minutes * rate, Math.max(1, rate * MAX_CREDIT_MINUTES));
  const room = Math.max(0, input.freeSlots - input.openPasses);
  const admit = Math.max(0, Math.min(Math.floor(credit), room, input.waiting));
  return { admit, credit: credit - admit };
}

/** Whole minutes until `ahead` people are admitted at `perMinute`, rounded up (0 = within a minute). */
export function minutesToAdmit(ahead: number, perMinute: number): number {
  if (ahead <= 0) return 0;
  return Math.ceil(ahead / Math.max(perMinute, 0.1));
}
