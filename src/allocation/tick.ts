import type { Db } from '../platform/db/connect.js';
import { openAllocationWindows, releasesDue } from './releases.js';
import { type RunOptions, type RunSummary, runAllocation } from './run.js';

/**
 * One pass of the allocation worker (`citas serve` every few seconds, `citas allocation run` once):
 * opens the request windows that are due, holding their slots, and runs every release whose moment
 * has come. Safe beside other processes doing the same.
 */
export async function allocationTick(
  db: Db,
  now: Date,
  options: Omit<RunOptions, 'seed'> = {},
): Promise<{ held: number; runs: RunSummary[] }> {
  const held = await openAllocationWindows(db, now);
  const runs: RunSummary[] = [];
  for (const releaseId of await releasesDue(db, now))
    runs.push(await runAllocation(db, releaseId, now, options));
  return { held, runs };
}
