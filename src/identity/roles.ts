import type { AppointmentChannel } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';

/** Who staff are, and what each may do. The single table every channel consults. */

export type StaffRole = 'agent' | 'reception' | 'unit_admin' | 'national_admin' | 'auditor';

export const STAFF_ROLES: readonly StaffRole[] = [
  'agent',
  'reception',
  'unit_admin',
  'national_admin',
  'auditor',
];

export type StaffOperation =
  | 'beneficiary.read'
  | 'appointment.read'
  | 'appointment.book'
  | 'appointment.change'
  /** Working the telephone line's call-back list: callers from the whole country. */
  | 'callback.handle'
  /** The clinic's morning: recording arrivals and calling the next person to a consultorio. */
  | 'arrival.record'
  | 'agenda.manage'
  | 'staff.manage'
  | 'audit.read'
  | 'report.read';

const GRANTS: Record<StaffRole, ReadonlySet<StaffOperation>> = {
  // Phone agents serve callers from the whole country.
  agent: new Set([
    'beneficiary.read',
    'appointment.read',
    'appointment.book',
    'appointment.change',
    'callback.handle',
  ]),
  reception: new Set([
    'beneficiary.read',
    'appointment.read',
    'appointment.book',
    'appointment.change',
    'arrival.record',
  ]),
  unit_admin: new Set([
    'beneficiary.read',
    'appointment.read',
    'appointment.change',
    'arrival.record',
    'agenda.manage',
    'report.read',
  ]),
  national_admin: new Set([
    'beneficiary.read',
    'appointment.read',
    'appointment.book',
    'appointment.change',
    'callback.handle',
    'arrival.record',
    'agenda.manage',
    'staff.manage',
    'report.read',
  ]),
  // Auditors read the trail and the reports, never a person's record or an agenda.
  auditor: new Set(['audit.read', 'report.read']),
};

/** Roles that act only on the units they are assigned to. */
export const UNIT_SCOPED_ROLES: ReadonlySet<StaffRole> = new Set(['reception', 'unit_admin']);

export interface StaffScope {
  role: StaffRole;
  /** The one unit a scoped principal may act on; null for national scope. */
  unitClues: string | null;
}

export const mayEver = (role: StaffRole, operation: StaffOperation): boolean => GRANTS[role].has(operation);

/**
 * Whether `who` may perform `operation` on data of `unitClues` (the person's unit of adscription,
 * the slot's unit, the appointment's unit). A principal with a unit acts only on that unit, and
 * not on data whose unit is unknown.
 */
export function isAllowed(who: StaffScope, operation: StaffOperation, unitClues: string | null): boolean {
  if (!mayEver(who.role, operation)) return false;
  if (who.unitClues === null) return !UNIT_SCOPED_ROLES.has(who.role);
  return unitClues === who.unitClues;
}

/**
 * The institute's rule for staff tied to a unit: they serve the people adscribed to their unit, at
 * their unit. An act on a person's appointment (book, cancel, reschedule, read) needs both the
 * person's unit of adscription and the place (slot or appointment) to be the principal's unit; a
 * person from elsewhere who turns up is served by the national line or by their own clinic.
 * National principals act anywhere their role allows.
 */
export function mayActOnPerson(
  who: StaffScope,
  operation: StaffOperation,
  units: { person: string | null; places: readonly (string | null)[] },
): boolean {
  return [units.person, ...units.places].every((unit) => isAllowed(who, operation, unit));
}

/**
 * The refusal of a unit check made by a domain: FORBIDDEN (403) naming what was tried, for the
 * channels' refusal pages and the audit trail. `audited` says the domain already recorded it.
 */
export function staffRefusal(
  who: StaffScope,
  operation: StaffOperation,
  target: { unitClues: string | null; subjectBeneficiaryId: number | null; audited: boolean },
): DomainError {
  return new DomainError(
    'FORBIDDEN',
    `${who.role} of ${who.unitClues ?? 'no unit'} may not ${operation} here`,
    {
      operation,
      unitClues: target.unitClues,
      subjectBeneficiaryId: target.subjectBeneficiaryId,
      otherUnit: mayEver(who.role, operation),
      audited: target.audited,
    },
  );
}

/** A national principal needs no look-up of the target's unit to be judged. */
export const isNational = (who: StaffScope): boolean => who.unitClues === null;

/**
 * The channel staff book under: reception serves walk-ins at the counter (and takes the counter's
 * share of slots); every other role serves callers of the telephone line.
 */
export const bookingChannelOfRole = (role: StaffRole): AppointmentChannel =>
  role === 'reception' ? 'counter' : 'agent';
