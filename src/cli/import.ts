import type { ImportConfig } from '../config.js';
import type { Database } from '../platform/db/connect.js';
import { importBeneficiaries } from '../registry/import/import-beneficiaries.js';
import { terminalProgress } from './progress-bar.js';
import { UsageError } from './seed-national.js';

/** The exit code of an import the circuit breaker stopped: nothing was applied. */
export const IMPORT_NOT_APPLIED_EXIT_CODE = 4;

export interface ImportFlags {
  rejects?: string;
  /** --max-rejected: this run's limit, in percent, over IMPORT_MAX_REJECTED_PERCENT. */
  maxRejected?: string;
  /** --accept-rejections: apply the good rows however many were refused. */
  acceptRejections: boolean;
}

/** `citas import beneficiaries FILE.csv[.gz] [--rejects FILE] [--max-rejected PCT] [--accept-rejections]` */
export async function importBeneficiariesCommand(
  database: Database,
  file: string | undefined,
  config: ImportConfig,
  flags: ImportFlags,
) {
  if (!file) throw new UsageError('indica el archivo: citas import beneficiaries ARCHIVO.csv[.gz]');
  const maxRejectedPercent =
    flags.maxRejected === undefined ? config.maxRejectedPercent : Number(flags.maxRejected);
  if (!Number.isFinite(maxRejectedPercent) || maxRejectedPercent < 0 || maxRejectedPercent > 100)
    throw new UsageError('--max-rejected debe ser un porcentaje entre 0 y 100');
  const rejectsFile = flags.rejects ?? `${file.replace(/\.gz$/, '').replace(/\.csv$/, '')}.rechazos.csv`;
  const started = Date.now();
  const s = await importBeneficiaries(database, {
    file,
    rejectsFile,
    now: new Date(),
    progress: terminalProgress(),
    affiliationCheckDigit: config.affiliationCheckDigit,
    maxRejectedPercent,
    acceptRejections: flags.acceptRejections,
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
  if (!s.applied) {
    const share = ((100 * s.rejected) / Math.max(s.read, 1)).toLocaleString('es-MX', {
      maximumFractionDigits: 1,
    });
    process.stderr.write(
      `Importación ${s.importId} NO APLICADA: se rechazó el ${share} % de las filas, más del ${n(s.maxRejectedPercent)} % permitido ` +
        `(IMPORT_MAX_REJECTED_PERCENT o --max-rejected). Nadie fue dado de alta, cambiado ni marcado. ` +
        `Revisa los motivos en ${rejectsFile}; si el archivo es correcto, repite con --accept-rejections.\n`,
    );
    process.exitCode = IMPORT_NOT_APPLIED_EXIT_CODE;
  }
}
