import type { Db } from '../platform/db/connect.js';
import { replaysTo } from './draw.js';

export interface DrawReplay {
  releaseId: number;
  seed: string;
  places: number;
  /** The recorded order is what the seed makes of the places taken before the release. */
  matches: boolean;
}

/**
 * Replays a release's recorded draw for an auditor: the input is read again from the places (those
 * taken before opens_at), the order from the record; a changed seed, order or place shows. Null
 * when the release does not exist or has not been drawn yet.
 */
export async function replayWaitingRoomDraw(db: Db, releaseId: number): Promise<DrawReplay | null> {
  const release = await db
    .selectFrom('waiting_room_releases')
    .select(['id', 'opens_at', 'draw_seed', 'draw_order'])
    .where('id', '=', releaseId)
    .executeTakeFirst();
  if (!release?.draw_seed || !release.draw_order) return null;
  const input = await db
    .selectFrom('waiting_room_places')
    .select('id')
    .where('release_id', '=', releaseId)
    .where('joined_at', '<', release.opens_at)
    .orderBy('id')
    .execute();
  const order = release.draw_order as unknown as number[];
  return {
    releaseId,
    seed: release.draw_seed,
    places: input.length,
    matches: replaysTo({ seed: release.draw_seed, input: input.map((p) => p.id), order }),
  };
}
