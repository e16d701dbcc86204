import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../platform/db/connect.js';
import type { ApiTokensTable } from '../platform/db/schema.js';

export type StaffRole = ApiTokensTable['role'];
export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'admin'];

export interface StaffPrincipal {
  tokenId: number;
  name: string;
  role: StaffRole;
  unitClues: string | null;
}

const PREFIX = 'citas_';

const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Creates a token and returns its secret; only the hash is kept, so the secret is shown once. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: StaffRole; unitClues?: string | null },
): Promise<{ id: number; secret: string }> {
  const secret = PREFIX + randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: input.name,
      role: input.role,
      unit_clues: input.unitClues ?? null,
      token_hash: hashToken(secret),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

export async function findPrincipalByToken(db: Db, secret: string): Promise<StaffPrincipal | undefined> {
  if (!secret.startsWith(PREFIX) || secret.length > 100) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'unit_clues'])
    .where('token_hash', '=', hashToken(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { tokenId: row.id, name: row.name, role: row.role, unitClues: row.unit_clues };
}
