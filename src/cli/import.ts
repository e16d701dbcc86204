import type { Database } from '../platform/db/connect.js';
import { importBeneficiaries } from '../registry/import/import-beneficiaries.js';
import { terminalProgress } from './progress-bar.js';
import { UsageError } from './seed-national.js';

/** `citas import beneficiaries FILE.csv[.gz] [--rejects FILE]` */
export async function importBeneficiariesCommand(
  database: Database,
  file: string | undefined,
  rejects?: string,
) {
  if (!file) throw new UsageError('indica el archivo: citas import beneficiaries ARCHIVO.csv[.gz]');
  const rejectsFile = rejects ?? `${file.replace(/\.gz$/, '').replace(/\.csv$/, '')}.rechazos.csv`;
  const started = Date.now();
  const s = await importBeneficiaries(database, {
    file,
    rejectsFile,
    now: new Date(),
    progress: terminalProgress(),
  });
  const seconds = (Date.now() - started) / 1000;
  const n = (v: number) => v.toLocaleString('es-MX');
  const reasons = Object.entries(s.rejectedByReason)
    .map(([reason, count]) => `    ${reason.padEnd(26)} ${n(count ?? 0)}\n`)
    .join('');
  process.stdout.write(
    `Importación ${s.importId}: ${n(s.read)} filas leídas en ${seconds.toFixed(1)} s (${n(Math.round(s.read / Math.max(seconds, 0.001)))} filas/s)\n` +
      `  nuevas       ${n(s.inserted)}\n  actualizadas ${n(s.updated)}\n  sin cambios  ${n(s.unchanged)}\n` +
      `  rechazadas   ${n(s.rejected)}${s.rejected > 0 ? ` (detalle en ${rejectsFile})` : ''}\n${reasons}` +
      `  citas marcadas para reagendar por fin de vigencia: ${n(s.flagged)}\n`,
  );
}
