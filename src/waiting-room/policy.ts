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
