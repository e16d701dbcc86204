import type { Database } from '../platform/db/connect.js';
import { replayWaitingRoomDraw } from '../waiting-room/replay.js';
import { UsageError } from './seed-national.js';

/** `citas waiting-room replay ID`: exit 3 when the recorded draw does not replay. */
export async function waitingRoomCommand(
  database: Database,
  sub: string | undefined,
  id: string | undefined,
) {
  const releaseId = Number(id);
  if (sub !== 'replay' || !Number.isInteger(releaseId) || releaseId < 1)
    throw new UsageError('citas waiting-room replay ID');
  const replay = await replayWaitingRoomDraw(database.db, releaseId);
  if (!replay) throw new UsageError(`la apertura ${releaseId} no existe o aún no tiene sorteo`);
  if (!replay.matches) {
    process.stderr.write(`Sorteo de la fila ${releaseId} NO coincide con lo registrado.\n`);
    process.exitCode = 3;
    return;
  }
  process.stdout.write(
    `Sorteo de la fila ${releaseId} reproducido: ${replay.places} lugares coinciden (semilla ${replay.seed}).\n`,
  );
}
