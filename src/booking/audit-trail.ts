import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';

export type BookingAction = 'appointment.book' | 'appointment.cancel' | 'appointment.reschedule';

export interface AuditedActor {
  actor: string;
  channel: string;
  sourceIp?: string;
}

/** Runs a booking operation and, when a rule refuses it, leaves the refusal in the audit trail. */
export async function auditingRefusals<T>(
  db: Db,
  action: BookingAction,
  who: AuditedActor,
  subject: () => Promise<{ beneficiaryId: number | null; detail: Record<string, unknown> }>,
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isDomainError(error)) {
      const { beneficiaryId, detail } = await subject();
      const unitClues = error.details.unitClues;
      await recordAudit(db, {
        actor: parseActor(who.actor),
        action,
        subjectBeneficiaryId: beneficiaryId,
        // A unit refusal names the unit that was out of reach.
        unitClues: typeof unitClues === 'string' ? unitClues : null,
        channel: who.channel,
        sourceIp: who.sourceIp,
        result: 'refused',
        detail: { ...detail, code: error.code },
      });
    }
    throw error;
  }
}

/** Records a change that succeeded, in the caller's transaction. */
export async function auditChange(
  trx: Db,
  action: BookingAction,
  who: AuditedActor,
  change: { beneficiaryId: number; unitClues: string; detail: Record<string, unknown> },
): Promise<void> {
  await recordAudit(trx, {
    actor: parseActor(who.actor),
    action,
    subjectBeneficiaryId: change.beneficiaryId,
    unitClues: change.unitClues,
    channel: who.channel,
    sourceIp: who.sourceIp,
    result: 'ok',
    detail: change.detail,
  });
}
