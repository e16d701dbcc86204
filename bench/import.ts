// `npm run bench:import [-- --rows N]`: writes N synthetic people in the interchange format, then
// runs `citas import beneficiaries` on it twice in its own process (first import: all new; again:
// all unchanged), measuring rows/s and the importer's peak memory. Needs the national network
// (seeded here at scale 0 when missing). Prints the figures and writes bench/results/*.json.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { writeInterchangeFile } from '../src/seed/national/interchange-file.js';
import { planNationalNetwork } from '../src/seed/national/network.js';
import { seedNationalNetwork } from '../src/seed/national/seed-national.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '2026' } },
});
const rows = Number(values.rows);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('bench:import measures PostgreSQL: set DATABASE_URL');
const log = (text: string) => process.stderr.write(`${text}\n`);

const database = await openDatabase({ kind: 'postgres', url });
await migrate(database);
const seeded = await database.db
  .selectFrom('units')
  .select('clues')
  .where('clues', 'like', '__IST1%')
  .limit(1)
  .execute();
if (seeded.length === 0) {
  log('Sembrando la red nacional (sin derechohabientes)…');
  await seedNationalNetwork(database, { scale: 0, seed: Number(values.seed), now: new Date() });
}
await database.close();

const dir = await mkdtemp(join(tmpdir(), 'citas-import-bench-'));
const file = join(dir, 'padron.csv');
log(`Escribiendo ${rows.toLocaleString('es-MX')} filas…`);
await writeInterchangeFile(file, planNationalNetwork(Number(values.seed)), {
  count: rows,
  // Another seed than the network's people: these are new CURPs.
  seed: Number(values.seed) + 1,
  today: new Date().toISOString().slice(0, 10),
});
const bytes = (await stat(file)).size;

interface ImportRun {
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  output: string;
}

async function runImport(): Promise<ImportRun> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [main, 'import', 'beneficiaries', file], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // The process has just ended.
    }
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the import failed (${code})`);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rowsPerSecond: rows / seconds, peakRssMb: Math.round(peak), output };
}

log('Primera importación (todas las filas nuevas)…');
const first = await runImport();
log('Segunda importación del mismo archivo (nada cambia)…');
const again = await runImport();
await rm(dir, { recursive: true, force: true });

const n = (v: number) => Math.round(v).toLocaleString('en-US');
process.stdout.write(
  `\nimport of ${n(rows)} rows (${(bytes / 2 ** 20).toFixed(0)} MiB CSV), PostgreSQL\n` +
    `  first (all new)      ${first.seconds.toFixed(1)} s · ${n(first.rowsPerSecond)} rows/s · peak RSS ${first.peakRssMb} MB\n` +
    `  again (all unchanged) ${again.seconds.toFixed(1)} s · ${n(again.rowsPerSecond)} rows/s · peak RSS ${again.peakRssMb} MB\n` +
    `  target ≥ 50,000 rows/s and ≤ 500 MB: ${[first, again].map((r) => (r.rowsPerSecond >= 50_000 && r.peakRssMb <= 500 ? 'met' : 'MISSED')).join(' / ')}\n\n` +
    first.output +
    again.output,
);
const results = fileURLToPath(new URL('../../bench/results/', import.meta.url));
await mkdir(results, { recursive: true });
const out = `${results}${new Date().toISOString().replace(/[:.]/g, '-')}-import-postgres-${rows}.json`;
await writeFile(out, `${JSON.stringify({ rows, bytes, first, again }, null, 2)}\n`);
log(`Resultados: ${out}`);
