import { rollHorizon } from '../agenda/generate-slots.js';
import { forgetOldSlotChanges } from '../agenda/slot-changes.js';
import { allocationTick } from '../allocation/tick.js';
import { buildApp } from '../app.js';
import { AuditTamperedError, type ChainHead } from '../audit/chain.js';
import { expireProposals } from '../booking/replacement.js';
import type { Config } from '../config.js';
import { closeNoShows } from '../no-show/close.js';
import { purgeExpiredSessions } from '../platform/http/session.js';
import { forgetOldRateWindows } from '../platform/rate-limit/counter.js';
import { releaseUnconfirmed } from '../reminders/release-unconfirmed.js';
import { remindersPass } from '../reminders/send.js';
import { seedDemoNetwork } from '../seed/demo-network.js';
import { purgeExpiredCalls } from '../telephony/calls.js';
import { backfillPass } from '../waitlist/backfill.js';
import { sealAndPublish } from './audit.js';
import { describeTarget, openMigratedDatabase } from './open.js';
import { startSmsWorker } from './sms-worker.js';

const SLOT_GENERATION_INTERVAL_MS = 60 * 60 * 1000;
const AUDIT_SEAL_INTERVAL_MS = 5000;
const CALL_PURGE_INTERVAL_MS = 60_000;
const SESSION_PURGE_INTERVAL_MS = 5 * 60 * 1000;
const ALLOCATION_INTERVAL_MS = 5000;
const BACKFILL_INTERVAL_MS = 2000;
const REMINDER_INTERVAL_MS = 60_000;

export async function serve(config: Config): Promise<void> {
  const database = await openMigratedDatabase(config, { use: 'serve' });
  const { db } = database;
  const app = await buildApp({ config, db, reads: database.reads, databaseBacklog: database.backlog });
  const isEmpty = (await db.selectFrom('units').select('clues').limit(1).execute()).length === 0;
  if (isEmpty && config.seedDemoOnFirstStart) {
    app.log.info('empty database: seeding the demo network');
    const summary = await seedDemoNetwork(db, new Date());
    app.log.info(summary, 'demo network ready');
  }
  // The horizon rolls forward every day; rolling is idempotent, so a frequent run is harmless. It
  // runs in the background, after the server listens: slots already on file are served meanwhile,
  // and a restart is not minutes of downtime on a national database.
  let rolling = false;
  const roll = async () => {
    if (rolling) return;
    rolling = true;
    try {
      const started = performance.now();
      await forgetOldRateWindows(db, new Date());
      await forgetOldSlotChanges(db);
      const { units, created } = await rollHorizon(db, { now: new Date() });
      const seconds = Math.round(performance.now() - started) / 1000;
      app.log.info({ units, created, seconds }, 'slot horizon rolled');
    } finally {
      rolling = false;
    }
  };
  const rollInBackground = () => roll().catch((err) => app.log.error({ err }, 'slot generation failed'));
  const timer = setInterval(rollInBackground, SLOT_GENERATION_INTERVAL_MS);
  timer.unref();

  const stopSms = startSmsWorker(db, config, app.log);
  // The head this process published last: if the chain no longer holds it, sealing stops (a cut
  // tail is never laundered by sealing again) and every round says so.
  let knownHead: ChainHead | null = null;
  const seal = async () => {
    try {
      knownHead = await sealAndPublish(db, config, knownHead);
    } catch (err) {
      if (err instanceof AuditTamperedError)
        app.log.error(
          { finding: err.finding },
          'AUDIT TRAIL TAMPERED WITH: sealing stopped, run citas audit verify',
        );
      else app.log.error({ err }, 'sealing the audit trail failed');
    }
  };
  await seal();
  const sealing = setInterval(() => void seal(), AUDIT_SEAL_INTERVAL_MS);
  sealing.unref();
  // A call's state names the caller; once the call is over it is deleted, not kept.
  const purgingCalls = setInterval(
    () =>
      purgeExpiredCalls(db, new Date()).catch((err) => app.log.error({ err }, 'purging ended calls failed')),
    CALL_PURGE_INTERVAL_MS,
  );
  purgingCalls.unref();
  // One table holds portal and console sessions; each channel judges its own idle limit on read, so
  // the purge only removes what is idle beyond the longer of the two.
  const purgeIdleMinutes = Math.max(config.webSessions.idleMinutes, config.staffSessions.idleMinutes);
  const purging = setInterval(
    () =>
      purgeExpiredSessions(db, new Date(), purgeIdleMinutes).catch((err) =>
        app.log.error({ err }, 'purging expired web sessions failed'),
      ),
    SESSION_PURGE_INTERVAL_MS,
  );
  purging.unref();
  // Request and allocate: windows open (their slots held) and draws run at the release moment.
  let allocating = false;
  const allocate = async () => {
    if (allocating) return;
    allocating = true;
    try {
      const { runs } = await allocationTick(db, new Date(), { churnLimit: config.churnLimit });
      for (const run of runs) app.log.info(run, 'allocation run');
    } finally {
      allocating = false;
    }
  };
  const allocation = setInterval(
    () => allocate().catch((err) => app.log.error({ err }, 'allocation run failed')),
    ALLOCATION_INTERVAL_MS,
  );
  allocation.unref();
  // Waitlist: offers and a closure's proposed times past their hold give their slot back, freed
  // slots are offered (docs/operations.md, "Closing the access loop").
  const backfillSettings = {
    policy: config.accessLoop.waitlist,
    linkKey: config.secrets.linkKey,
    publicUrl: config.accessLoop.publicUrl,
  };
  let backfilling = false;
  // Releases of the last day are looked at once on start; a restart misses none.
  let releasedSince = new Date(Date.now() - 86_400_000);
  const backfill = async () => {
    if (backfilling) return;
    backfilling = true;
    try {
      const now = new Date();
      // A closure's proposed times past their hold go back first, so this pass can offer them.
      const lapsedProposals = await expireProposals(db, now);
      const round = await backfillPass(db, backfillSettings, now, { releasedSince });
      releasedSince = now;
      if (round.offered + round.expired + lapsedProposals > 0)
        app.log.info({ ...round, lapsedProposals }, 'waitlist backfill');
    } finally {
      backfilling = false;
    }
  };
  const backfillTimer = setInterval(
    () => backfill().catch((err) => app.log.error({ err }, 'waitlist backfill failed')),
    BACKFILL_INTERVAL_MS,
  );
  backfillTimer.unref();
  // Reminders due, appointments the no-show policy releases, and yesterday's no-shows closed.
  const reminderSettings = { ...backfillSettings, policy: config.accessLoop.reminders };
  let reminding = false;
  const remind = async () => {
    if (reminding) return;
    reminding = true;
    try {
      const now = new Date();
      const queued = await remindersPass(db, reminderSettings, now);
      const released = await releaseUnconfirmed(db, now);
      const noShows = await closeNoShows(db, config.accessLoop.reminders.noShow.closeAfterMinutes, now);
      if (queued + released + noShows > 0)
        app.log.info({ queued, released, noShows }, 'reminders and no-shows');
    } finally {
      reminding = false;
    }
  };
  const reminderTimer = setInterval(
    () => remind().catch((err) => app.log.error({ err }, 'reminders failed')),
    REMINDER_INTERVAL_MS,
  );
  reminderTimer.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    clearInterval(timer);
    stopSms();
    clearInterval(sealing);
    clearInterval(purging);
    clearInterval(purgingCalls);
    clearInterval(allocation);
    clearInterval(backfillTimer);
    clearInterval(reminderTimer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Citas escucha en http://localhost:${config.port} (${describeTarget(config)})`);
  void rollInBackground();
}
