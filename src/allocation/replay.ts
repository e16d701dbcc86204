import type { Db } from '../platform/db/connect.js';
import { drawAllocation } from './draw.js';
import { type DrawInput, openDrawInput } from './draw-input.js';
import { AllocationError } from './errors.js';

export interface ReplayResult {
  releaseId: number;
  seed: string;
  assignments: number;
  /** Requests whose recorded place or slot differs from the recomputed draw. */
  differences: number[];
}

/**
 * Recomputes a release's draw from its recorded seed and input and compares it with the recorded
 * assignments: what an auditor runs to check that nobody's place or slot was changed.
 */
export async function replayAllocation(db: Db, releaseId: number): Promise<ReplayResult> {
  const release = await db
    .selectFrom('allocation_releases')
    .select(['seed', 'draw_input'])
    .where('id', '=', releaseId)
    .executeTakeFirst();
  if (!release) throw new AllocationError('RELEASE_NOT_FOUND', 'no allocation release with that id');
  if (!release.seed || !release.draw_input) {
    throw new AllocationError('ALLOCATION_WINDOW_CLOSED', 'the release has no draw yet');
  }
  const input = openDrawInput(release.draw_input as DrawInput);
  const recomputed = drawAllocation(input.requests, input.slots, release.seed);
  const recorded = await db
    .selectFrom('allocation_outcomes')
    .select(['request_id', 'position', 'slot_id'])
    .where('release_id', '=', releaseId)
    .where('position', 'is not', null)
    .execute();
  const byRequest = new Map(recorded.map((r) => [r.request_id, r]));
  const differences = recomputed
    .filter((a) => {
      const r = byRequest.get(a.requestId);
      return !r || r.position !== a.position || r.slot_id !== a.slotId;
    })
    .map((a) => a.requestId);
  if (recorded.length !== recomputed.length) {
    const drawnIds = new Set(recomputed.map((a) => a.requestId));
    differences.push(...recorded.filter((r) => !drawnIds.has(r.request_id)).map((r) => r.request_id));
  }
  return { releaseId, seed: release.seed, assignments: recomputed.length, differences };
}
