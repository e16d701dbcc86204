import type { Db } from '../platform/db/connect.js';
import { getBeneficiaryById } from './beneficiaries.js';

/** Family members often have no phone of their own: their holder's phone receives the SMS. */
export async function phoneForNotices(
  db: Db,
  person: { phone: string | null; holderId: number | null },
): Promise<string | null> {
  if (person.phone) return person.phone;
  if (person.holderId === null) return null;
  return (await getBeneficiaryById(db, person.holderId)).phone;
}
