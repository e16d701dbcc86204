// How the bench's table writes its figures.

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => `${n.toFixed(1)} ms`;
/** The load averages (1, 5, 15 min) recorded as a phase started. */
export const phaseLoad = (load: Record<string, number[]>, phase: string) =>
  `load ${(load[phase] ?? []).join(' / ')}`;
