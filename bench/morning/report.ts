// The morning's figures: a table per mode on the terminal, and a JSON file with the SVG chart
// beside it under bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Percentiles } from '../percentiles.js';
import type { Fairness, Responsiveness } from './fairness.js';
import type { Mode, MorningShape } from './plan.js';

export type ModeFigures =
  | { mode: Mode; available: false; note: string }
  | ({
      mode: Mode;
      available: true;
      seconds: number;
      released: Record<string, number>;
      booked: Record<string, number>;
      results: Record<string, number>;
      /** Why participants stopped, when they said. */
      notes: Record<string, number>;
      requests: number;
      codeDelayMs: Percentiles;
      serverRssMb: number;
      invariants: Record<string, number>;
    } & Fairness &
      Responsiveness);

export interface MorningReport {
  startedAt: string;
  shape: MorningShape;
  loadAverage: { before: number[]; after: number[] };
  modes: ModeFigures[];
}

const P99_TARGET_MS = 500;

/** Whether each target is met; the script target applies to the fair modes only (today is measured). */
export function targets(m: Extract<ModeFigures, { available: true }>): Record<string, boolean> {
  return {
    ...(m.mode === 'race'
      ? {}
      : { 'script ÷ early person ≤ 1.0': m.scriptVsEarlyPeople !== null && m.scriptVsEarlyPeople <= 1 }),
    'phone ÷ web ≥ 1.0': m.phoneVsWeb === null || m.phoneVsWeb >= 1,
    [`p99 of every page ≤ ${P99_TARGET_MS} ms`]: m.worstP99Ms <= P99_TARGET_MS,
    'no 5xx': m.fiveHundreds === 0,
    'invariants hold': Object.values(m.invariants).every((n) => n === 0),
  };
}

const times = (r: number | null, numerator: number) =>
  r === null ? (numerator > 0 ? '∞' : '—') : `${r.toFixed(2)}×`;
const pct = (c: { won: number; people: number; chance: number }) =>
  `${c.won}/${c.people} (${(c.chance * 100).toFixed(1)} %)`;

export function printMorning(report: MorningReport) {
  const out: string[] = [];
  for (const m of report.modes) {
    out.push('', `== ${m.mode} ==`);
    if (!m.available) {
      out.push(m.note);
      continue;
    }
    const rows: [string, string][] = [
      ['released (web / phone / counter)', `${m.released.web} / ${m.released.phone} / ${m.released.counter}`],
      ['booked by channel', JSON.stringify(m.booked)],
      ['scripts won', pct(m.chances.script)],
      ['people (web) in the pre-window won', pct(m.chances.earlyPerson)],
      ['people (web) won', pct(m.chances.person)],
      ['callers won', pct(m.chances.caller)],
      ['script ÷ early person', times(m.scriptVsEarlyPeople, m.chances.script.chance)],
      ['script ÷ all people', times(m.scriptVsAllPeople, m.chances.script.chance)],
      ['phone ÷ web', times(m.phoneVsWeb, m.chances.caller.chance)],
      ['outcomes', JSON.stringify(m.results)],
      ['why', JSON.stringify(m.notes)],
      ...Object.entries(m.pages)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([page, p]): [string, string] => [
          `  ${page}`,
          `p50 ${p.p50} ms · p99 ${p.p99} ms · n ${p.count}`,
        ]),
      ...Object.entries(m.waitingPages)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([page, p]): [string, string] => [
          `  waiting: ${page}`,
          `p50 ${p.p50} ms · p99 ${p.p99} ms · n ${p.count}`,
        ]),
      ['requests · statuses', `${m.requests} · ${JSON.stringify(m.statuses)}`],
      ['5xx', String(m.fiveHundreds)],
      ['sign-in code delivery', `p50 ${m.codeDelayMs.p50} ms · p99 ${m.codeDelayMs.p99} ms`],
      ['server RSS (max)', `${m.serverRssMb} MB`],
      ...Object.entries(targets(m)).map(([name, ok]): [string, string] => [
        `target: ${name}`,
        ok ? 'met' : 'MISSED',
      ]),
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    out.push(...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`));
  }
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
  out.push(
    '',
    `load average before ${load(report.loadAverage.before)} · after ${load(report.loadAverage.after)}`,
    '',
  );
  process.stdout.write(out.join('\n'));
}

/** Writes `<time>-morning.json` and `<time>-morning.svg`; returns the JSON's path. */
export async function writeMorning(report: MorningReport, svg: string): Promise<string> {
  const dir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const stem = `${dir}${report.startedAt.replace(/[:.]/g, '-')}-morning`;
  const cpu = cpus();
  const document = {
    ...report,
    machine: {
      cpus: cpu.length,
      model: cpu[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    modes: report.modes.map((m) => (m.available ? { ...m, targets: targets(m) } : m)),
    chart: `${stem.split('/').at(-1)}.svg`,
  };
  await writeFile(`${stem}.json`, `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(`${stem}.svg`, svg);
  return `${stem}.json`;
}
