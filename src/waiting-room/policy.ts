import type { ReleaseMode } from '../platform/db/schema.js';

/** How one unit releases one service's new days (release_settings, or the configured defaults). */
export interface ReleasePolicy {
  mode: ReleaseMode;
  preWindowMinutes: number;
  passMinutes: number;
  admitPerMinute: number;
  rushMinutes: number;
}

export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  mode: 'queue',
  preWindowMinutes: 30,
  passMinutes: 10,
  admitPerMinute: 60,
  rushMinutes: 120,
};

/** Where `now` stands against a release: queue places are given in the pre-window and the rush. */
export type ReleasePhase = 'before' | 'pre-window' | 'rush' | 'after';

export function releasePhase(opensAt: Date, policy: ReleasePolicy, now: Date): ReleasePhase {
  const t = now.getTime();
  const opens = opensAt.getTime();
  if (t >= opens + policy.rushMinutes * 60_000) return 'after';
  if (t >= opens) return 'rush';
  if (t >= opens - policy.preWindowMinutes * 60_000) return 'pre-window';
  return 'before';
}

/** A release takes places only in queue mode, in its pre-window or rush. */
export const takesPlaces = (phase: ReleasePhase, policy: ReleasePolicy) =>
  policy.mode === 'queue' && (phase === 'pre-window' || phase === 'rush');

/** The bounds of each setting (the table's checks say the same). */
export const POLICY_LIMITS = {
  preWindowMinutes: [0, 1440],
  passMinutes: [1, 120],
  admitPerMinute: [1, 100_000],
  rushMinutes: [1, 1440],
} as const;

const MODES: readonly ReleasePolicy['mode'][] = ['race', 'queue', 'allocate'];

/** A policy from typed values, or null when a value is not a whole number within its bounds. */
export function policyFrom(raw: Record<keyof typeof POLICY_LIMITS | 'mode', string>): ReleasePolicy | null {
  const mode = MODES.find((m) => m === raw.mode);
  if (!mode) return null;
  const numbers: Partial<Record<keyof typeof POLICY_LIMITS, number>> = {};
  for (const [key, [min, max]] of Object.entries(POLICY_LIMITS) as [
    keyof typeof POLICY_LIMITS,
    readonly [number, number],
  ][]) {
    const text = raw[key].trim();
    const value = Number(text);
    if (!/^[0-9]{1,6}$/.test(text) || value < min || value > max) return null;
    numbers[key] = value;
  }
  return { mode, ...(numbers as Record<keyof typeof POLICY_LIMITS, number>) };
}
