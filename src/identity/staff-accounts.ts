import { randomInt } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../platform/db/connect.js';
import { violatedForeignKey, violatedUniqueConstraint } from '../platform/db/errors.js';
import { DomainError } from '../platform/domain-error.js';
import { type StaffRole, UNIT_SCOPED_ROLES } from './roles.js';

export interface StaffAccount {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  unitClues: string | null;
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong against offline guessing while a
// sign-in stays in the tens of milliseconds on a 2-core server.
export const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

// Readable when dictated or copied from a terminal: no 0/O, 1/l/I.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 20-character password (≈ 116 bits). */
export function newStaffPassword(): string {
  let password = '';
  for (let i = 0; i < 20; i++) password += PASSWORD_ALPHABET.charAt(randomInt(PASSWORD_ALPHABET.length));
  return password;
}

/** Shortest password an account may be given (a generated one has 20 characters). */
export const MIN_PASSWORD_LENGTH = 12;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function createStaffAccount(
  db: Db,
  input: { email: string; name: string; role: StaffRole; unitClues?: string | null; password: string },
): Promise<StaffAccount> {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new DomainError('PASSWORD_TOO_SHORT', `at least ${MIN_PASSWORD_LENGTH} characters`);
  if (UNIT_SCOPED_ROLES.has(input.role) && !input.unitClues)
    throw new DomainError('UNIT_REQUIRED', `role ${input.role} acts on one unit: give it one`);
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new DomainError('INVALID_EMAIL', 'not an e-mail address');
  const row = await db
    .insertInto('staff_accounts')
    .values({
      email,
      name: input.name.trim(),
      role: input.role,
      unit_clues: input.unitClues ?? null,
      password_hash: await argon2.hash(input.password, HASH_OPTIONS),
    })
    .returning(['id', 'email', 'name', 'role', 'unit_clues'])
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (violatedUniqueConstraint(error))
        throw new DomainError('STAFF_EMAIL_TAKEN', 'e-mail already has an account');
      if (violatedForeignKey(error)) throw new DomainError('UNIT_NOT_FOUND', 'no unit with that CLUES');
      throw error;
    });
  return { id: row.id, email: row.email, name: row.name, role: row.role, unitClues: row.unit_clues };
}

/** An active account by id (sessions name staff by id), or undefined when unknown or disabled. */
export async function findActiveStaff(db: Db, id: number): Promise<StaffAccount | undefined> {
  const row = await db
    .selectFrom('staff_accounts')
    .select(['id', 'email', 'name', 'role', 'unit_clues'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, email: row.email, name: row.name, role: row.role, unitClues: row.unit_clues };
}
