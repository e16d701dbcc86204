import type { Database } from '../platform/db/connect.js';
import { seedNationalNetwork } from '../seed/national/seed-national.js';
import { terminalProgress } from './progress-bar.js';

export class UsageError extends Error {}

/** Parses a decimal option such as --scale 0.1 within [min, max]. */
export function decimalOption(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`--${name} debe ser un número entre ${min} y ${max}`);
  return value;
}

/** `citas seed --national [--scale F] [--seed N]` */
export async function seedNationalCommand(database: Database, values: { scale?: string; seed?: string }) {
  const scale = decimalOption(values.scale, 'scale', 1, 0, 1);
  const seed = decimalOption(values.seed, 'seed', 2026, 0, 2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new UsageError('--seed debe ser un entero');
  const started = Date.now();
  if (database.kind === 'pglite')
    process.stderr.write(
      'PGlite: carga en bloques de COPY; para el país completo use PostgreSQL (DATABASE_URL).\n',
    );
  const summary = await seedNationalNetwork(database, {
    scale,
    seed,
    now: new Date(),
    progress: terminalProgress(),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const n = (v: number) => v.toLocaleString('es-MX');
  process.stdout.write(
    `Red nacional (escala ${scale}, semilla ${seed}): ${n(summary.units)} unidades, ${n(summary.resources)} consultorios y ventanillas por turno, ` +
      `${n(summary.templates)} agendas, ${n(summary.beneficiaries)} derechohabientes, ${n(summary.slots)} horarios en ${seconds} s.\n`,
  );
}
