import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';
import { type StaffRole, type StaffScope, UNIT_SCOPED_ROLES } from './roles.js';

export interface StaffPrincipal extends StaffScope {
  tokenId: number;
  name: string;
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  role: StaffRole;
  unitClues: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const PREFIX = 'citas_';

const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Creates a token and returns its secret; only the hash is kept, so the secret is shown once. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: StaffRole; unitClues?: string | null },
): Promise<{ id: number; secret: string }> {
  if (UNIT_SCOPED_ROLES.has(input.role) && !input.unitClues) {
    throw new DomainError('UNIT_REQUIRED', `role ${input.role} acts on one unit: give it one`);
  }
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

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'unit_clues', 'created_at', 'revoked_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    unitClues: r.unit_clues,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token for good; answers false when it did not exist or was already revoked. */
export async function revokeApiToken(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
