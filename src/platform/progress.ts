/**
 * How long-running jobs (seeding, imports) report their advance. Domains call it; the CLI draws a
 * bar, tests and pipes pass `silentProgress`.
 */
export interface Progress {
  /** Starts a phase of `total` units of work (rows, bytes); `unit` names them for the reader. */
  phase(name: string, total: number, unit?: string): PhaseProgress;
}

export interface PhaseProgress {
  /** `done` more units of work finished. */
  advance(done: number): void;
  finish(): void;
}

const silentPhase: PhaseProgress = { advance: () => undefined, finish: () => undefined };

export const silentProgress: Progress = { phase: () => silentPhase };
