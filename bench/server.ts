// The server under test, in its own process: the whole app (buildApp) over the configured
// database, without the demo seed or the hourly slot roll; with an SMS gateway configured
// (SMS_ADAPTER=http: the portal phases) also the SMS worker `citas serve` runs. Prints its address
// once listening.
import { buildApp } from '../src/app.js';
import { openMigratedDatabase } from '../src/cli/open.js';
import { startSmsWorker } from '../src/cli/sms-worker.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig({ ...process.env, SEED_DEMO: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const database = await openMigratedDatabase(config, { use: 'serve' });
const app = await buildApp({ config, db: database.db, databaseBacklog: database.backlog });
const stopSms = config.sms.adapter === 'http' ? startSmsWorker(database.db, config, app.log) : undefined;
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);

const stop = async () => {
  stopSms?.();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
