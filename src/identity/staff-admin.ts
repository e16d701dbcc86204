import { type AuditEntry, recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { violatedForeignKey } from '../platform/db/errors.js';
import { DomainError } from '../platform/domain-error.js';
import { type StaffRole, UNIT_SCOPED_ROLES } from './roles.js';
import { createStaffAccount, type StaffAccount } from './staff-accounts.js';

/** An account as the national administrator's list shows it. */
export interface StaffListing extends StaffAccount {
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

/** Who makes a change to an account, as the audit trail records it. */
export interface StaffAdministrator {
  staffId: number;
  channel: string;
  sourceIp?: string;
}

/** A role and the unit it acts on: scoped roles need one, national roles keep none. */
export interface StaffAccess {
  role: StaffRole;
  unitClues: string | null;
}

const toListing = (r: {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  unit_clues: string | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
}): StaffListing => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  unitClues: r.unit_clues,
  active: r.disabled_at === null,
  lastSignInAt: r.last_sign_in_at,
  createdAt: r.created_at,
});

const LISTING_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'unit_clues',
  'disabled_at',
  'last_sign_in_at',
  'created_at',
] as const;

/** Every console account, active first, then by name. */
export async function listStaffAccounts(db: Db): Promise<StaffListing[]> {
  const rows = await db
    .selectFrom('staff_accounts')
    .select(LISTING_COLUMNS)
    .orderBy((eb) => eb.case().when('disabled_at', 'is', null).then(0).else(1).end())
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toListing);
}

export async function getStaffListing(db: Db, id: number): Promise<StaffListing> {
  const row = await db
    .selectFrom('staff_accounts')
    .select(LISTING_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('STAFF_NOT_FOUND', 'no staff account with that id');
  return toListing(row);
}

/**
 * The unit kept for a role: required for unit-scoped roles; dropped for national ones, whose
 * console pages (audit, reports, staff) have no unit to judge against.
 */
export function accessFor(role: StaffRole, unitClues: string | null): StaffAccess {
  if (!UNIT_SCOPED_ROLES.has(role)) return { role, unitClues: null };
  if (!unitClues) throw new DomainError('UNIT_REQUIRED', `role ${role} acts on one unit: give it one`);
  return { role, unitClues };
}

const audit = (db: Db, by: StaffAdministrator, entry: Pick<AuditEntry, 'action' | 'detail'>) =>
  recordAudit(db, {
    ...entry,
    actor: { kind: 'staff', id: String(by.staffId) },
    channel: by.channel,
    sourceIp: by.sourceIp,
    result: 'ok',
  });

const accessOf = (a: { role: StaffRole; unitClues: string | null }) => ({ role: a.role, unit: a.unitClues });

/** Creates an account and records who created it (never the password). */
export async function createStaffByAdmin(
  db: Db,
  by: StaffAdministrator,
  input: { email: string; name: string; access: StaffAccess; password: string },
): Promise<StaffAccount> {
  return db.transaction().execute(async (trx) => {
    const account = await createStaffAccount(trx, {
      email: input.email,
      name: input.name,
      role: input.access.role,
      unitClues: input.access.unitClues,
      password: input.password,
    });
    await audit(trx, by, {
      action: 'staff.create',
      detail: { staffId: account.id, before: null, after: accessOf(account) },
    });
    return account;
  });
}

/** Changes an account's role and unit; an administrator may not take their own role away. */
export async function changeStaffAccess(
  db: Db,
  by: StaffAdministrator,
  id: number,
  access: StaffAccess,
): Promise<StaffListing> {
  if (id === by.staffId && access.role !== 'national_admin')
    throw new DomainError('STAFF_SELF_DEMOTION', 'an administrator may not demote themselves');
  return db.transaction().execute(async (trx) => {
    const before = await getStaffListing(trx, id);
    await trx
      .updateTable('staff_accounts')
      .set({ role: access.role, unit_clues: access.unitClues })
      .where('id', '=', id)
      .execute()
      .catch((error: unknown) => {
        if (violatedForeignKey(error)) throw new DomainError('UNIT_NOT_FOUND', 'no unit with that CLUES');
        throw error;
      });
    await audit(trx, by, {
      action: 'staff.role_change',
      detail: { staffId: id, before: accessOf(before), after: accessOf(access) },
    });
    return { ...before, ...access };
  });
}

/**
 * Disables or enables an account. A disabled account's sessions are ended too, so enabling it again
 * later does not bring an old session back; its next request already finds no active account.
 */
export async function setStaffActive(
  db: Db,
  by: StaffAdministrator,
  id: number,
  active: boolean,
  now: Date,
): Promise<StaffListing> {
  if (id === by.staffId && !active)
    throw new DomainError('STAFF_SELF_DISABLE', 'an administrator may not disable themselves');
  return db.transaction().execute(async (trx) => {
    const before = await getStaffListing(trx, id);
    if (before.active === active) return before;
    await trx
      .updateTable('staff_accounts')
      .set({ disabled_at: active ? null : now })
      .where('id', '=', id)
      .execute();
    // Enabled again with a clean slate: no sign-in tries left over from before.
    await trx.deleteFrom('staff_sign_in_throttles').where('staff_id', '=', id).execute();
    if (!active) {
      await trx
        .deleteFrom('web_sessions')
        .where('subject_kind', '=', 'staff')
        .where('subject_id', '=', String(id))
        .execute();
    }
    await audit(trx, by, {
      action: active ? 'staff.enable' : 'staff.disable',
      detail: { staffId: id, before: { active: before.active }, after: { active } },
    });
    return { ...before, active };
  });
}
