// `npm test`: type check, lint/format check, every test (PGlite always; PostgreSQL too when
// TEST_DATABASE_URL is set), then a scan of the server logs the tests wrote for personal data.
// Stops at the first failing step with its exit code.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

// The log scan must see this run's logs only.
rmSync('test-artifacts/logs', { recursive: true, force: true });

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint and format', 'npx', ['biome', 'check', '--error-on-warnings', '.']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
  ['personal data in server logs', 'node', ['scripts/scan-test-logs.mjs']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
