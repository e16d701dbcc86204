import type { FastifyRequest } from 'fastify';
import {
  isAllowed,
  isNational,
  mayEver,
  type StaffOperation,
  type StaffScope,
} from '../../identity/roles.js';
import type { StaffAccount } from '../../identity/staff-accounts.js';
import { DomainError } from '../../platform/domain-error.js';
import { requireSignedIn } from './agent.js';

// Every decision here is a question to identity/roles.ts; this file only asks it the console's way.

/** The refusal codes of the console's guards; the error handler audits them as refused. */
export const FORBIDDEN = 'FORBIDDEN';
export const OTHER_UNIT = 'OTHER_UNIT';

export const scopeOf = (agent: StaffAccount): StaffScope => ({
  role: agent.role,
  unitClues: agent.unitClues,
});

/** What a refused request tried, for the audit trail. */
export interface RefusedAttempt extends Record<string, unknown> {
  operation: StaffOperation;
  unitClues: string | null;
  subjectBeneficiaryId: number | null;
}

/**
 * Pages about one person or appointment: the role must be able to do `operation` on some unit;
 * the unit itself is checked with `assertOnUnit` once the record is known.
 */
export function requireOperation(request: FastifyRequest, operation: StaffOperation): StaffAccount {
  const agent = requireSignedIn(request);
  if (!mayEver(agent.role, operation)) throw forbidden(operation);
  return agent;
}

/**
 * Pages with no unit of their own (call-backs of the national line, staff, audit, reports): only
 * principals of national scope, as `isAllowed` judges data whose unit is not one unit.
 */
export function requireNational(request: FastifyRequest, operation: StaffOperation): StaffAccount {
  const agent = requireSignedIn(request);
  if (!mayUseNationally(agent, operation)) throw forbidden(operation);
  return agent;
}

export const mayUseNationally = (agent: StaffAccount, operation: StaffOperation): boolean =>
  isAllowed(scopeOf(agent), operation, null);

/** Whether `agent` may perform `operation` on data of `unitClues`. */
export const mayOnUnit = (
  agent: StaffAccount,
  operation: StaffOperation,
  unitClues: string | null,
): boolean => isAllowed(scopeOf(agent), operation, unitClues);

/**
 * Refuses (403, audited as refused, nothing of the record shown) unless `agent` may perform
 * `operation` on data of the target's unit. National principals are judged without a look-up.
 */
export async function assertOnUnit(
  agent: StaffAccount,
  operation: StaffOperation,
  target: { unitOf: () => Promise<string | null> | string | null; subjectBeneficiaryId?: number | null },
): Promise<void> {
  const scope = scopeOf(agent);
  const unitClues = isNational(scope) ? null : await target.unitOf();
  if (isAllowed(scope, operation, unitClues)) return;
  const attempt: RefusedAttempt = {
    operation,
    unitClues,
    subjectBeneficiaryId: target.subjectBeneficiaryId ?? null,
  };
  throw new DomainError(OTHER_UNIT, `staff ${agent.id} may not ${operation} on unit ${unitClues}`, attempt);
}

const forbidden = (operation: StaffOperation) => {
  const attempt: RefusedAttempt = { operation, unitClues: null, subjectBeneficiaryId: null };
  return new DomainError(FORBIDDEN, `role may not ${operation}`, attempt);
};

/** The pages a console user may open, in the navigation's order. */
export interface ConsoleMenu {
  search: boolean;
  callbacks: boolean;
  staff: boolean;
  audit: boolean;
  suspicion: boolean;
  /** The releases' lines: national roles for the country, unit roles for their unit. */
  releases: boolean;
  /** The unit's counter and queues: staff of one unit (national roles reach any unit through the picker). */
  reception: string | null;
  /** The unit's closures, absences and rebooking worklist. */
  unitAgenda: string | null;
  /** National principals who run clinics: the unit picker, to reach any unit's pages. */
  units: boolean;
}

/** The pages of one unit `agent` may open, for the unit picker; each is still checked when opened. */
export function unitPagesOf(agent: StaffAccount, unitClues: string) {
  return {
    reception: mayOnUnit(agent, 'arrival.record', unitClues),
    agenda: mayOnUnit(agent, 'agenda.manage', unitClues),
    worklist: mayOnUnit(agent, 'appointment.change', unitClues),
    waitlist: mayOnUnit(agent, 'appointment.read', unitClues),
  };
}

export function menuOf(agent: StaffAccount): ConsoleMenu {
  return {
    search: mayEver(agent.role, 'beneficiary.read'),
    callbacks: mayUseNationally(agent, 'callback.handle'),
    staff: mayUseNationally(agent, 'staff.manage'),
    audit: mayUseNationally(agent, 'audit.read'),
    suspicion: mayUseNationally(agent, 'report.read'),
    releases: mayEver(agent.role, 'report.read'),
    reception: agent.unitClues && mayEver(agent.role, 'arrival.record') ? agent.unitClues : null,
    unitAgenda: agent.unitClues && mayEver(agent.role, 'agenda.manage') ? agent.unitClues : null,
    units: mayUseNationally(agent, 'agenda.manage') || mayUseNationally(agent, 'arrival.record'),
  };
}

/** Where a console user starts: the first page of their menu. */
export function homeOf(agent: StaffAccount): string {
  const menu = menuOf(agent);
  if (menu.search) return '/consola';
  if (menu.audit) return '/consola/auditoria';
  if (menu.suspicion) return '/consola/sospechas';
  if (menu.staff) return '/consola/personal';
  return '/consola/entrar';
}
