// The portal phases' lines in the bench's table, their targets, and their ratios to the ceiling.
import { int, ms, phaseLoad } from '../format.js';
import type { BenchReport } from '../report.js';

const TARGETS = { pageP99Ms: 300, codeP99Ms: 2000 };

const fiveHundreds = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .filter(([status]) => status.startsWith('5') || status === '0')
    .reduce((sum, [, n]) => sum + n, 0);

/** Journeys/s against the booking ceiling measured in the same run (pgbench's when there is one): each journey books once. */
export function portalRatios(report: Pick<BenchReport, 'journey' | 'ceiling' | 'pgbench'>): {
  ratioJourneysToCeiling?: number;
  ratioJourneysToPgbench?: number;
} {
  if (!report.journey) return {};
  const pgbench = report.pgbench?.perSecond || undefined;
  return {
    ratioJourneysToCeiling: report.journey.journeysPerSecond / report.ceiling.perSecond,
    ...(pgbench ? { ratioJourneysToPgbench: report.journey.journeysPerSecond / pgbench } : {}),
  };
}

export function portalChecks({ journey, signInCodes }: BenchReport): Record<string, boolean> {
  return {
    ...(journey
      ? {
          'every portal page p99 ≤ 300 ms (journeys)': Object.values(journey.pages).every(
            (p) => p.p99 <= TARGETS.pageP99Ms,
          ),
          'no 5xx or unanswered request (journeys)': fiveHundreds(journey.statuses) === 0,
        }
      : {}),
    ...(signInCodes
      ? {
          'sign-in code p99 ≤ 2 s (burst)':
            signInCodes.codeDelayMs.count > 0 && signInCodes.codeDelayMs.p99 <= TARGETS.codeP99Ms,
          'no SMS sent twice (burst)': signInCodes.sentTwice === 0,
          'no 5xx or unanswered request (burst)': fiveHundreds(signInCodes.statuses) === 0,
        }
      : {}),
  };
}

const statuses = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([status, n]) => `${status}×${int(n)}`)
    .join(' ');
const endings = (e: Record<string, number>) =>
  Object.entries(e)
    .map(([how, n]) => `${how} ${int(n)}`)
    .join(' · ');

export function portalRows(report: BenchReport): [string, string][] {
  const { journey, signInCodes } = report;
  const rows: [string, string][] = [];
  if (journey) {
    const ratios = portalRatios(report);
    const ratio = ratios.ratioJourneysToPgbench ?? ratios.ratioJourneysToCeiling ?? 0;
    rows.push(
      [
        `portal journeys (${journey.concurrency} at a time)`,
        `${journey.journeysPerSecond.toFixed(1)} journeys/s · ${(ratio * 100).toFixed(1)} % of the ${ratios.ratioJourneysToPgbench === undefined ? 'Node' : 'pgbench'} booking ceiling · code p50 ${ms(journey.codeDelayMs.p50)} · p99 ${ms(journey.codeDelayMs.p99)} · ${phaseLoad(report.load, 'journey')}`,
      ],
      ['  endings', endings(journey.endings)],
      ['  statuses', statuses(journey.statuses)],
      ...Object.entries(journey.pages).map(
        ([page, p]) =>
          [
            `  ${page}`,
            `p50 ${ms(p.p50)} · p99 ${ms(p.p99)} · max ${ms(p.max)} · ${int(p.count)} requests`,
          ] as [string, string],
      ),
    );
  }
  if (signInCodes) {
    rows.push(
      [
        `sign-in burst (${int(signInCodes.offeredPerSecond)}/s offered)`,
        `${signInCodes.signInsPerSecond.toFixed(0)} sign-ins/s sent · code at the gateway p50 ${ms(signInCodes.codeDelayMs.p50)} · p99 ${ms(signInCodes.codeDelayMs.p99)} · max ${ms(signInCodes.codeDelayMs.max)} · ${phaseLoad(report.load, 'signIn')}`,
      ],
      [
        '  SMS',
        `${int(signInCodes.handedOver)} handed to the gateway · ${int(signInCodes.sentTwice)} sent twice · ${endings(signInCodes.endings)}`,
      ],
      ...(signInCodes.outboxWaitMs
        ? [
            [
              '  outbox wait (queued → leased)',
              `p50 ${ms(signInCodes.outboxWaitMs.p50)} · p99 ${ms(signInCodes.outboxWaitMs.p99)} · max ${ms(signInCodes.outboxWaitMs.max)} · ${int(signInCodes.outboxWaitMs.count)} codes`,
            ] as [string, string],
          ]
        : []),
      ['  statuses', statuses(signInCodes.statuses)],
    );
  }
  return rows;
}
