import { describe, expect, it } from 'vitest';
import { isAllowed, STAFF_ROLES, type StaffOperation, type StaffRole } from './roles.js';

const OWN = 'DFIST000101';
const OTHER = 'JCIST000202';

// Expected answers: [national or own unit, other unit] per role and operation.
const MATRIX: Record<StaffRole, Record<StaffOperation, [boolean, boolean]>> = {
  agent: {
    'beneficiary.read': [true, true],
    'appointment.read': [true, true],
    'appointment.book': [true, true],
    'appointment.change': [true, true],
    'callback.handle': [true, true],
    'arrival.record': [false, false],
    'agenda.manage': [false, false],
    'staff.manage': [false, false],
    'audit.read': [false, false],
    'report.read': [false, false],
  },
  reception: {
    'beneficiary.read': [true, false],
    'appointment.read': [true, false],
    'appointment.book': [true, false],
    'appointment.change': [true, false],
    'callback.handle': [false, false],
    'arrival.record': [true, false],
    'agenda.manage': [false, false],
    'staff.manage': [false, false],
    'audit.read': [false, false],
    'report.read': [false, false],
  },
  unit_admin: {
    'beneficiary.read': [true, false],
    'appointment.read': [true, false],
    'appointment.book': [false, false],
    'appointment.change': [true, false],
    'callback.handle': [false, false],
    'arrival.record': [true, false],
    'agenda.manage': [true, false],
    'staff.manage': [false, false],
    'audit.read': [false, false],
    'report.read': [true, false],
  },
  national_admin: {
    'beneficiary.read': [true, true],
    'appointment.read': [true, true],
    'appointment.book': [true, true],
    'appointment.change': [true, true],
    'callback.handle': [true, true],
    'arrival.record': [true, true],
    'agenda.manage': [true, true],
    'staff.manage': [true, true],
    'audit.read': [false, false],
    'report.read': [true, true],
  },
  auditor: {
    'beneficiary.read': [false, false],
    'appointment.read': [false, false],
    'appointment.book': [false, false],
    'appointment.change': [false, false],
    'callback.handle': [false, false],
    'arrival.record': [false, false],
    'agenda.manage': [false, false],
    'staff.manage': [false, false],
    'audit.read': [true, true],
    'report.read': [true, true],
  },
};

const scoped = (role: StaffRole) => role === 'reception' || role === 'unit_admin';

describe('who may do what, on which unit', () => {
  const cases = STAFF_ROLES.flatMap((role) =>
    (Object.keys(MATRIX[role]) as StaffOperation[]).map((op) => [role, op, ...MATRIX[role][op]] as const),
  );

  it.each(cases)('%s → %s: own unit %s, other unit %s', (role, operation, own, other) => {
    const who = { role, unitClues: scoped(role) ? OWN : null };
    expect(isAllowed(who, operation, OWN)).toBe(own);
    expect(isAllowed(who, operation, OTHER)).toBe(other);
  });

  it('keeps a unit-scoped role away from data whose unit is unknown, and refuses it without a unit', () => {
    expect(isAllowed({ role: 'reception', unitClues: OWN }, 'beneficiary.read', null)).toBe(false);
    expect(isAllowed({ role: 'reception', unitClues: null }, 'beneficiary.read', OWN)).toBe(false);
  });

  it('lets a national role scoped to a unit act on that unit only', () => {
    expect(isAllowed({ role: 'agent', unitClues: OWN }, 'appointment.book', OWN)).toBe(true);
    expect(isAllowed({ role: 'agent', unitClues: OWN }, 'appointment.book', OTHER)).toBe(false);
  });
});
