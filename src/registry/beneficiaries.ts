import { type Selectable, sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { BeneficiariesTable } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';
import { readRegistryQuery } from './name-search.js';

export type BeneficiaryCategory = BeneficiariesTable['category'];
export const BENEFICIARY_CATEGORIES: readonly BeneficiaryCategory[] = [
  'trabajador',
  'pensionado',
  'conyuge',
  'hijo',
  'padre',
  'madre',
];

export interface Beneficiary {
  id: number;
  curp: string;
  affiliationNumber: string | null;
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  birthDate: string;
  sex: 'H' | 'M' | 'X';
  phone: string | null;
  email: string | null;
  category: BeneficiaryCategory;
  holderId: number | null;
  unitClues: string;
  consultorio: string;
  shift: 'M' | 'V';
  eligibleUntil: string;
}

/** The columns a Beneficiary is made of (see toBeneficiary). */
export const BENEFICIARY_COLUMNS = [
  'id',
  'curp',
  'affiliation_number',
  'given_names',
  'first_surname',
  'second_surname',
  'birth_date',
  'sex',
  'phone',
  'email',
  'category',
  'holder_id',
  'unit_clues',
  'consultorio',
  'shift',
  'eligible_until',
] as const;

export type BeneficiaryRow = Selectable<Pick<BeneficiariesTable, (typeof BENEFICIARY_COLUMNS)[number]>>;

export const toBeneficiary = (r: BeneficiaryRow): Beneficiary => ({
  id: r.id,
  curp: r.curp,
  affiliationNumber: r.affiliation_number,
  givenNames: r.given_names,
  firstSurname: r.first_surname,
  secondSurname: r.second_surname,
  birthDate: r.birth_date,
  sex: r.sex,
  phone: r.phone,
  email: r.email,
  category: r.category,
  holderId: r.holder_id,
  unitClues: r.unit_clues,
  consultorio: r.consultorio,
  shift: r.shift,
  eligibleUntil: r.eligible_until,
});

/** Eligibility (vigencia de derechos) on a calendar day. */
export const isEligibleOn = (b: Pick<Beneficiary, 'eligibleUntil'>, day: string): boolean =>
  b.eligibleUntil >= day;

export async function findBeneficiaryByCurp(db: Db, curp: string): Promise<Beneficiary | undefined> {
  const row = await db
    .selectFrom('beneficiaries')
    .select(BENEFICIARY_COLUMNS)
    .where('curp', '=', curp)
    .executeTakeFirst();
  return row && toBeneficiary(row);
}

/** The person a número de afiliación belongs to (see affiliation.ts for its check digit). */
export async function findBeneficiaryByAffiliationNumber(
  db: Db,
  affiliationNumber: string,
): Promise<Beneficiary | undefined> {
  const row = await db
    .selectFrom('beneficiaries')
    .select(BENEFICIARY_COLUMNS)
    .where('affiliation_number', '=', affiliationNumber)
    .executeTakeFirst();
  return row && toBeneficiary(row);
}

export async function getBeneficiaryByCurp(db: Db, curp: string): Promise<Beneficiary> {
  const found = await findBeneficiaryByCurp(db, curp);
  if (!found) throw new DomainError('BENEFICIARY_NOT_FOUND', 'no beneficiary with that CURP');
  return found;
}

export async function getBeneficiaryById(db: Db, id: number): Promise<Beneficiary> {
  const row = await db
    .selectFrom('beneficiaries')
    .select(BENEFICIARY_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('BENEFICIARY_NOT_FOUND', 'no beneficiary with that id');
  return toBeneficiary(row);
}

/** The holder and every family member linked to them, holder first. */
export async function listFamily(db: Db, member: Beneficiary): Promise<Beneficiary[]> {
  const holderId = member.holderId ?? member.id;
  const rows = await db
    .selectFrom('beneficiaries')
    .select(BENEFICIARY_COLUMNS)
    .where((eb) => eb.or([eb('id', '=', holderId), eb('holder_id', '=', holderId)]))
    .orderBy((eb) => eb.case().when('id', '=', holderId).then(0).else(1).end())
    .orderBy('birth_date')
    .execute();
  return rows.map(toBeneficiary);
}

export interface BeneficiarySearch {
  unit?: string;
  /** A CURP (or its start), a phone in any usual format, or fragments of the name (name-search.ts). */
  q?: string;
  /**
   * Only those who may (or may not) book at instant `at`: eligibility judged on today on the walls of
   * each person's unit (the SQL form of isEligibleNow in booking/eligibility.ts).
   */
  eligible?: { value: boolean; at: Date };
  limit: number;
}

/** Matches read before sorting; far more than a screen of results (see searchBeneficiaries). */
const MATCHES_READ = 500;

export async function searchBeneficiaries(db: Db, search: BeneficiarySearch): Promise<Beneficiary[]> {
  let query = db.selectFrom('beneficiaries').select(BENEFICIARY_COLUMNS);
  if (search.unit) query = query.where('unit_clues', '=', search.unit);
  if (search.eligible) {
    const { value, at } = search.eligible;
    const unitToday = sql<string>`(select timezone(u.time_zone, ${at}::timestamptz)::date
      from units u where u.clues = beneficiaries.unit_clues)`;
    query = query.where('eligible_until', value ? '>=' : '<', unitToday);
  }
  const typed = readRegistryQuery(search.q ?? '');
  // Typed text with no letter or digit in it matches nobody (not everybody).
  if (typed.by === 'nothing' && search.q?.trim()) return [];
  if (typed.by === 'phone') query = query.where('phone', '=', typed.phone);
  else if (typed.by === 'curp') query = query.where('curp', 'like', `${typed.prefix}%`);
  else if (typed.by === 'name') {
    // Each fragment anywhere in the folded full name, answered by its trigram index (0120).
    for (const fragment of typed.fragments) query = query.where('name_key', 'like', `%${fragment}%`);
  }
  // A name search reads at most MATCHES_READ matches, then sorts them: otherwise the planner may
  // walk the surname index in order and read most of the registry before 25 match (docs/console.md,
  // "The console and the portal as people use them"). A name matching more is a search to refine.
  const rows =
    typed.by === 'name'
      ? await db
          .selectFrom(query.limit(MATCHES_READ).as('found'))
          .selectAll()
          .orderBy('first_surname')
          .orderBy('second_surname')
          .orderBy('given_names')
          .limit(search.limit)
          .execute()
      : await query
          .orderBy('first_surname')
          .orderBy('second_surname')
          .orderBy('given_names')
          .limit(search.limit)
          .execute();
  return rows.map(toBeneficiary);
}
