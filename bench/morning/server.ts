// The server of the simulated morning, in its own process: `citas serve` itself (the app and every
// background job production runs: the SMS worker with the log adapter, sealing, purges, release
// workers) with production defaults, on the port it is given. Prints its address once listening.
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({
  ...process.env,
  SEED_DEMO: 'false',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
await serve(config);
process.stdout.write(`http://127.0.0.1:${config.port}\n`);
