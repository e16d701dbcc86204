// The morning's figures from who arrived when and who got a slot: pure arithmetic, no I/O.
import type { Percentiles } from '../percentiles.js';
import type { CrowdResult, Outcome } from './crowd.js';
import type { Kind, Mode } from './plan.js';

export interface Chances {
  people: number;
  won: number;
  chance: number;
}

export interface Fairness {
  /** Scripts, people at the web who arrived in the pre-window, all people at the web, callers, everyone but scripts. */
  chances: Record<'script' | 'earlyPerson' | 'person' | 'caller' | 'allPeople', Chances>;
  /** null when the denominator's chance is 0 (the ratio is unbounded). */
  scriptVsEarlyPeople: number | null;
  scriptVsAllPeople: number | null;
  phoneVsWeb: number | null;
}

const chancesOf = (outcomes: readonly Outcome[], winners: ReadonlySet<number>): Chances => {
  const won = outcomes.filter((o) => winners.has(o.id)).length;
  return { people: outcomes.length, won, chance: outcomes.length === 0 ? 0 : won / outcomes.length };
};
const ratio = (a: Chances, b: Chances) =>
  b.chance === 0 ? null : Math.round((a.chance / b.chance) * 100) / 100;

/** `winners`: the participants holding a booked appointment when the morning ended (from the database). */
export function fairness(outcomes: readonly Outcome[], winners: ReadonlySet<number>): Fairness {
  const of = (kind: Kind) => outcomes.filter((o) => o.kind === kind);
  const chances = {
    script: chancesOf(of('script'), winners),
    earlyPerson: chancesOf(
      of('person').filter((o) => o.atMs < 0),
      winners,
    ),
    person: chancesOf(of('person'), winners),
    caller: chancesOf(of('caller'), winners),
    allPeople: chancesOf(
      outcomes.filter((o) => o.kind !== 'script'),
      winners,
    ),
  };
  return {
    chances,
    scriptVsEarlyPeople: ratio(chances.script, chances.earlyPerson),
    scriptVsAllPeople: ratio(chances.script, chances.allPeople),
    phoneVsWeb: ratio(chances.caller, chances.person),
  };
}

export interface Responsiveness {
  /** Every page people asked for once admitted (all of them in the race), with p50/p99. */
  pages: Record<string, Percentiles>;
  /** Pages people asked for before admission (the waiting room's), for information. */
  waitingPages: Record<string, Percentiles>;
  worstP99Ms: number;
  fiveHundreds: number;
  statuses: Record<string, number>;
  byPage: Record<string, number>;
}

export function responsiveness(crowd: CrowdResult): Responsiveness {
  const pages = { ...crowd.pages.person, ...prefixed(crowd.pages.caller) };
  const fiveHundreds = Object.entries(crowd.statuses)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    pages,
    waitingPages: crowd.pages['person waiting'] ?? {},
    worstP99Ms: Math.max(0, ...Object.values(pages).map((p) => p.p99)),
    fiveHundreds,
    statuses: crowd.statuses,
    byPage: crowd.byPage,
  };
}

const prefixed = (pages: Record<string, Percentiles> | undefined) =>
  Object.fromEntries(Object.entries(pages ?? {}).map(([page, p]) => [`phone: ${page}`, p]));

/** One row per participant for the chart: who they were, when they came, whether they won. */
export function chartRows(mode: Mode, outcomes: readonly Outcome[], winners: ReadonlySet<number>) {
  const label: Record<Kind, string> = { script: 'script', person: 'person (web)', caller: 'person (phone)' };
  return outcomes.map((o) => ({
    mode,
    who: label[o.kind],
    arrivalSeconds: o.atMs / 1000,
    won: winners.has(o.id) ? 1 : 0,
  }));
}

/** How many items fall under each key. */
export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
