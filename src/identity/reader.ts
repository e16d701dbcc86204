import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';
import { parseActor } from './actor.js';
import { recordAudit } from './audit.js';

/** A member of staff about to see a person's data, and the check that says whether they may. */
export interface StaffReader {
  actor: string;
  channel: string;
  sourceIp?: string;
  /** Throws (FORBIDDEN) when the reader may not see data of that unit. */
  mayRead: (unitClues: string) => Promise<void> | void;
}

/**
 * Lets `reader` see a person's data only if allowed, and writes the read, or its refusal, to the
 * audit trail. Every staff read of personal data goes through here.
 */
export async function auditedRead(
  db: Db,
  reader: StaffReader,
  action: string,
  subject: { beneficiaryId: number; unitClues: string },
): Promise<void> {
  const entry = {
    actor: parseActor(reader.actor),
    action,
    subjectBeneficiaryId: subject.beneficiaryId,
    unitClues: subject.unitClues,
    channel: reader.channel,
    sourceIp: reader.sourceIp,
  };
  try {
    await reader.mayRead(subject.unitClues);
  } catch (error) {
    if (isDomainError(error))
      await recordAudit(db, { ...entry, result: 'refused', detail: { code: error.code } });
    throw error;
  }
  await recordAudit(db, { ...entry, result: 'ok' });
}
