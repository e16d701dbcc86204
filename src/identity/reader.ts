import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { mayActOnPerson, type StaffScope, staffRefusal } from './roles.js';

/** A member of staff about to see a person's data: who, from where, and with which role and unit. */
export interface StaffReader {
  actor: string;
  channel: string;
  sourceIp?: string;
  scope: StaffScope;
}

/**
 * Lets `reader` see a person's data only if roles.ts allows it on the person's unit (and on the
 * unit of the appointment read, if any), and writes the read, or its refusal, to the audit trail.
 * Every staff read of personal data goes through here.
 */
export async function auditedRead(
  db: Db,
  reader: StaffReader,
  operation: 'beneficiary.read' | 'appointment.read',
  subject: { beneficiaryId: number; personUnitClues: string; placeUnitClues?: string },
): Promise<void> {
  const places = subject.placeUnitClues ? [subject.placeUnitClues] : [];
  const entry = {
    actor: parseActor(reader.actor),
    action: operation,
    subjectBeneficiaryId: subject.beneficiaryId,
    unitClues: subject.placeUnitClues ?? subject.personUnitClues,
    channel: reader.channel,
    sourceIp: reader.sourceIp,
  };
  if (!mayActOnPerson(reader.scope, operation, { person: subject.personUnitClues, places })) {
    await recordAudit(db, { ...entry, result: 'refused', detail: { code: 'FORBIDDEN' } });
    throw staffRefusal(reader.scope, operation, {
      unitClues: entry.unitClues,
      subjectBeneficiaryId: subject.beneficiaryId,
      audited: true,
    });
  }
  await recordAudit(db, { ...entry, result: 'ok' });
}
