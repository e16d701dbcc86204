// Who comes to the opening and when: the arrival model of the simulated morning. Pure and seeded,
// so every mode of one run meets exactly the same crowd.
import type { SeededRandom } from '../../src/seed/random.js';

export const MODES = ['race', 'queue', 'allocate'] as const;
export type Mode = (typeof MODES)[number];

/** A person at the web page, a person whose script drives several browsers, a person on the phone. */
export type Kind = 'person' | 'script' | 'caller';

export interface MorningShape {
  units: number;
  /** People per released slot (web + phone) of a unit. */
  demand: number;
  scriptShare: number;
  phoneShare: number;
  /** Seconds before the release in which a place in the waiting room is drawn at random. */
  preWindowSeconds: number;
  /** Seconds after the release in which late people still arrive. */
  afterSeconds: number;
  /** Share of people (not scripts) who arrive in the pre-window; the rest come after the release. */
  earlyShare: number;
  /** Browsers (each its own cookies and source address) one script drives. */
  scriptSessions: number;
  /** Pause between a script's requests, per browser. */
  scriptPollMs: number;
  seed: number;
}

export interface Arrival {
  kind: Kind;
  /** Milliseconds from the release; negative = before it. */
  atMs: number;
}

/**
 * The crowd of one unit: `count` people, a fixed share of them scripts (all at the first
 * millisecond of the pre-window) and callers; everyone else arrives in the pre-window with a
 * density rising towards the release, or after it with an exponential tail (most soon after).
 */
export function unitArrivals(count: number, shape: MorningShape, random: SeededRandom): Arrival[] {
  const scripts = Math.round(count * shape.scriptShare);
  const callers = Math.round(count * shape.phoneShare);
  const preMs = shape.preWindowSeconds * 1000;
  const afterMs = shape.afterSeconds * 1000;
  const human = (): number => {
    if (random.chance(shape.earlyShare)) return -Math.round(preMs * (1 - Math.sqrt(random.next())));
    for (;;) {
      const late = Math.round(-Math.log(1 - random.next()) * (afterMs / 3));
      if (late < afterMs) return late;
    }
  };
  return Array.from({ length: count }, (_, i): Arrival => {
    if (i < scripts) return { kind: 'script', atMs: -preMs };
    return { kind: i < scripts + callers ? 'caller' : 'person', atMs: human() };
  });
}

/** Loopback addresses only: people get one each in 127.1.0.0/16, scripts theirs in 127.2.0.0/16. */
export function loopbackAddress(block: 1 | 2, n: number): string {
  return `127.${block}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}
