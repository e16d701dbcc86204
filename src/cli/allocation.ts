import { replayAllocation } from '../allocation/replay.js';
import { allocationTick } from '../allocation/tick.js';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/connect.js';
import { UsageError } from './seed-national.js';

/** `citas allocation run [--now ISO]` and `citas allocation replay ID`. */
export async function allocationCommand(
  database: Database,
  config: Config,
  sub: string | undefined,
  id: string | undefined,
  nowOption: string | undefined,
): Promise<void> {
  const { db } = database;
  if (sub === 'run') {
    const now = nowOption ? new Date(nowOption) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError('--now debe ser una fecha ISO 8601');
    const { held, runs } = await allocationTick(db, now, { churnLimit: config.churnLimit });
    process.stdout.write(`${held} horarios apartados para asignación.\n`);
    for (const r of runs) {
      process.stdout.write(
        `Apertura ${r.releaseId}: ${r.drew ? 'sorteo hecho' : 'sorteo ya hecho'}, ${r.booked} citas agendadas, ${r.refused} rechazadas, ${r.completed ? 'terminada' : 'pendiente'}.\n`,
      );
    }
    return;
  }
  if (sub === 'replay') {
    const releaseId = Number(id);
    if (!Number.isInteger(releaseId) || releaseId < 1)
      throw new UsageError('indica la apertura: citas allocation replay ID');
    const result = await replayAllocation(db, releaseId);
    if (result.differences.length > 0) {
      process.stderr.write(
        `Sorteo de la apertura ${releaseId} NO coincide: solicitudes ${result.differences.join(', ')}.\n`,
      );
      process.exitCode = 3;
    } else {
      process.stdout.write(
        `Sorteo de la apertura ${releaseId} reproducido: ${result.assignments} lugares coinciden (semilla ${result.seed}).\n`,
      );
    }
    return;
  }
  throw new UsageError('citas allocation run [--now ISO] | citas allocation replay ID');
}
