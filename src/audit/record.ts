import type { Db } from '../platform/db/connect.js';
import type { AuditActorKind } from '../platform/db/schema.js';

export interface AuditEntry {
  actor: { kind: AuditActorKind; id: string };
  /** What was done, e.g. 'beneficiary.read', 'appointment.book', 'staff.sign_in'. */
  action: string;
  subjectBeneficiaryId?: number | null;
  unitClues?: string | null;
  channel: string;
  sourceIp?: string | null;
  result: 'ok' | 'refused' | 'failed';
  /** Codes and ids only: never names, phones or CURPs in clear. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry; call it in the transaction of the act it records when there is one. A trigger
 * queues it for sealing into the keyed chain (audit-chain.ts).
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      subject_beneficiary_id: entry.subjectBeneficiaryId ?? null,
      unit_clues: entry.unitClues ?? null,
      channel: entry.channel,
      source_ip: entry.sourceIp ?? null,
      result: entry.result,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
