import { sql } from 'kysely';

/**
 * The order of a release's line as SQL: drawn places by rank, then later arrivals (and places sent
 * back after an expired pass) by when they queued. `alias` names the waiting_room_places row.
 */
export const lineKey = (alias: string) =>
  sql`(coalesce(${sql.ref(`${alias}.draw_rank`)}, 2147483647), ${sql.ref(`${alias}.queued_at`)}, ${sql.ref(`${alias}.id`)})`;
