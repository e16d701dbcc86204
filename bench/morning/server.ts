// The server of the simulated morning, in its own process: the whole app (buildApp) with the
// production configuration it is given, plus the SMS worker that hands every due message to a
// gateway that accepts it (the crowd then reads sign-in codes as `sent` from the outbox).
import { buildApp } from '../../src/app.js';
import { composeAppointmentNotice } from '../../src/booking/confirmations.js';
import { openMigratedDatabase } from '../../src/cli/open.js';
import { loadConfig } from '../../src/config.js';
import type { SmsAdapter } from '../../src/notify/adapters.js';
import { deliverDueNotifications } from '../../src/notify/deliver.js';

const DELIVERY_INTERVAL_MS = 500;
const BATCH = 20;
/** Concurrent senders: leases (FOR UPDATE SKIP LOCKED) keep them from sending a message twice. */
const SENDERS = 4;

const config = loadConfig({ ...process.env, SEED_DEMO: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const database = await openMigratedDatabase(config);
const { db } = database;
const app = await buildApp({ config, db });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);

let sent = 0;
const gateway: SmsAdapter = { send: async () => ({ providerId: `sim-${++sent}` }) };
const compose = (appointmentId: string, kind: string) => composeAppointmentNotice(db, appointmentId, kind);
let delivering = false;
// Drains the outbox each round with several senders: an opening queues far more codes than one
// sender sends (serve's single worker sends at most 20 every 2 s).
const drain = async () => {
  while ((await deliverDueNotifications(db, gateway, compose, new Date(), BATCH)).sent === BATCH);
};
const delivery = setInterval(async () => {
  if (delivering) return;
  delivering = true;
  try {
    await Promise.all(Array.from({ length: SENDERS }, drain));
  } catch (err) {
    app.log.error({ err }, 'SMS delivery failed');
  } finally {
    delivering = false;
  }
}, DELIVERY_INTERVAL_MS);

const stop = async () => {
  clearInterval(delivery);
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
