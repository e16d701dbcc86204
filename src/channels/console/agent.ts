import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditEntry } from '../../audit/record.js';
import { recordAudit } from '../../audit/record.js';
import { bookingChannelOfRole } from '../../identity/roles.js';
import { findActiveStaff, type StaffAccount } from '../../identity/staff-accounts.js';
import type { Db } from '../../platform/db/connect.js';
import type { AppointmentChannel } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in console user, loaded from the session on every request. */
    agent: StaffAccount | null;
  }
}

/** Anyone not signed in who asks for a console page is sent to the sign-in page. */
export const CONSOLE_SIGN_IN_REQUIRED = 'CONSOLE_SIGN_IN_REQUIRED';

/**
 * onRequest hook (after the session is loaded): the session's staff member, if the account is
 * still active. A disabled account, or a changed role, takes effect on its next request, whatever
 * its session says.
 */
export function loadAgent(scope: FastifyInstance, db: Db) {
  if (!scope.hasRequestDecorator('agent')) scope.decorateRequest('agent', null);
  scope.addHook('onRequest', async (request) => {
    request.agent = null;
    const subject = request.session?.subject;
    if (subject?.kind !== 'staff') return;
    request.agent = (await findActiveStaff(db, Number(subject.id))) ?? null;
  });
}

/** The signed-in staff member; what they may do is judged by the guards in access.ts. */
export function requireSignedIn(request: FastifyRequest): StaffAccount {
  const agent = request.agent;
  if (!agent) throw new DomainError(CONSOLE_SIGN_IN_REQUIRED, 'no staff session');
  return agent;
}

/** Who acted, as the booking operations record it. */
export const actorOf = (agent: StaffAccount) => `staff:${agent.id}`;

/** The booking channel of a console user (identity/roles.ts decides it by role). */
export const bookingChannelOf = (agent: StaffAccount): AppointmentChannel => bookingChannelOfRole(agent.role);

/** Every read or change of a person's data by an agent goes to the audit trail with the agent's id. */
export function auditAgent(
  db: Db,
  request: FastifyRequest,
  agent: StaffAccount,
  entry: Pick<AuditEntry, 'action' | 'subjectBeneficiaryId' | 'result' | 'detail' | 'unitClues'>,
) {
  return recordAudit(db, {
    ...entry,
    actor: { kind: 'staff', id: String(agent.id) },
    channel: 'console',
    sourceIp: request.ip,
  });
}
