import type { Db } from '../platform/db/connect.js';
import { type Beneficiary, getBeneficiaryByCurp, listFamily } from '../registry/beneficiaries.js';
import { auditedRead, type StaffReader } from './reader.js';

/** A person's record and family, as a member of staff sees it (audited). */
export async function readPersonForStaff(
  db: Db,
  curp: string,
  reader: StaffReader,
): Promise<{ person: Beneficiary; family: Beneficiary[] }> {
  const person = await getBeneficiaryByCurp(db, curp);
  await auditedRead(db, reader, 'beneficiary.read', {
    beneficiaryId: person.id,
    personUnitClues: person.unitClues,
  });
  const family = (await listFamily(db, person)).filter((b) => b.id !== person.id);
  return { person, family };
}
