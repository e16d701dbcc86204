import { isValidAffiliationNumber } from '../affiliation.js';
import { BENEFICIARY_CATEGORIES, type BeneficiaryCategory } from '../beneficiaries.js';
import { validateCurp } from '../curp.js';

/** The interchange format's columns, in order; the first line of every file. */
export const INTERCHANGE_HEADER = [
  'curp',
  'numero_afiliacion',
  'nombre',
  'primer_apellido',
  'segundo_apellido',
  'fecha_nacimiento',
  'sexo',
  'telefono',
  'correo',
  'tipo',
  'curp_titular',
  'clues_adscripcion',
  'consultorio',
  'turno',
  'vigente_hasta',
] as const;

/** Why a row was refused; stable codes written to the rejects file. */
export type RejectReason =
  | 'COLUMN_COUNT'
  | 'CURP_FORMAT'
  | 'CURP_DATE'
  | 'CURP_STATE'
  | 'CURP_CHECK_DIGIT'
  | 'NAME_MISSING'
  | 'NAME_INVALID'
  | 'BIRTH_DATE_INVALID'
  | 'BIRTH_DATE_MISMATCH'
  | 'SEX_INVALID'
  | 'SEX_MISMATCH'
  | 'AFFILIATION_INVALID'
  | 'PHONE_INVALID'
  | 'EMAIL_INVALID'
  | 'TYPE_INVALID'
  | 'HOLDER_LINK_INVALID'
  | 'UNIT_UNKNOWN'
  | 'CONSULTORIO_MISSING'
  | 'SHIFT_INVALID'
  | 'ELIGIBILITY_DATE_INVALID'
  // Found set-wise in the database, once the whole file is staged:
  | 'DUPLICATE_IN_FILE'
  | 'AFFILIATION_TAKEN'
  | 'HOLDER_NOT_FOUND';

export interface InterchangeRow {
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
  holderCurp: string | null;
  unitClues: string;
  consultorio: string;
  shift: 'M' | 'V';
  eligibleUntil: string;
}

/** Checks that depend on the registry feeding the file (ImportOptions). */
export interface RowRules {
  /** Refuse a número de afiliación whose last digit is not its Luhn check digit. */
  affiliationCheckDigit: boolean;
}

export type RowCheck = { ok: true; row: InterchangeRow } | { ok: false; reason: RejectReason };

const HOLDER_CATEGORIES: ReadonlySet<string> = new Set(['trabajador', 'pensionado']);
const CATEGORIES: ReadonlySet<string> = new Set(BENEFICIARY_CATEGORIES);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE = /^[0-9]{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const reject = (reason: RejectReason): RowCheck => ({ ok: false, reason });

// Names end up in pages, SMS, CSV exports and logs: control characters (CR, LF, ESC) and invisible
// format characters (zero-width, bidirectional overrides) in a name are an injection, never a name.
const PERSON_NAME = /^[^\p{Cc}\p{Cf}]{0,100}$/u;

/**
 * Checks one data row of the interchange format (fields as split by the CSV parser). Pure: what the
 * database must judge (duplicates across the file, holders, affiliation numbers in use) is left
 * to the set-based step.
 */
export function checkInterchangeRow(
  raw: readonly string[],
  units: ReadonlySet<string>,
  rules: RowRules = { affiliationCheckDigit: false },
): RowCheck {
  if (raw.length !== INTERCHANGE_HEADER.length) return reject('COLUMN_COUNT');
  const fields = raw.map((field) => field.trim());
  const [
    rawCurp = '',
    affiliation = '',
    givenNames = '',
    firstSurname = '',
    secondSurname = '',
    birthDate = '',
    sex = '',
    phone = '',
    email = '',
    category = '',
    rawHolderCurp = '',
    unitClues = '',
    consultorio = '',
    shift = '',
    eligibleUntil = '',
  ] = fields;
  const curp = validateCurp(rawCurp);
  if (!curp.ok) return reject(`CURP_${curp.problem}`);
  if (givenNames === '' || firstSurname === '') return reject('NAME_MISSING');
  if (![givenNames, firstSurname, secondSurname].every((name) => PERSON_NAME.test(name))) {
    return reject('NAME_INVALID');
  }
  if (!isIsoDate(birthDate)) return reject('BIRTH_DATE_INVALID');
  if (birthDate !== curp.birthDate) return reject('BIRTH_DATE_MISMATCH');
  if (sex !== 'H' && sex !== 'M' && sex !== 'X') return reject('SEX_INVALID');
  if (sex !== curp.sex) return reject('SEX_MISMATCH');
  if (
    affiliation !== '' &&
    !isValidAffiliationNumber(affiliation, { checkDigit: rules.affiliationCheckDigit })
  )
    return reject('AFFILIATION_INVALID');
  if (phone !== '' && !PHONE.test(phone)) return reject('PHONE_INVALID');
  if (email !== '' && (email.length > 254 || !EMAIL.test(email))) return reject('EMAIL_INVALID');
  if (!CATEGORIES.has(category)) return reject('TYPE_INVALID');
  const isHolder = HOLDER_CATEGORIES.has(category);
  let holderCurp: string | null = null;
  if (isHolder !== (rawHolderCurp === '')) return reject('HOLDER_LINK_INVALID');
  if (!isHolder) {
    const holder = validateCurp(rawHolderCurp);
    if (!holder.ok || holder.curp === curp.curp) return reject('HOLDER_LINK_INVALID');
    holderCurp = holder.curp;
  }
  if (!units.has(unitClues)) return reject('UNIT_UNKNOWN');
  if (consultorio === '') return reject('CONSULTORIO_MISSING');
  if (shift !== 'M' && shift !== 'V') return reject('SHIFT_INVALID');
  if (!isIsoDate(eligibleUntil)) return reject('ELIGIBILITY_DATE_INVALID');
  return {
    ok: true,
    row: {
      curp: curp.curp,
      affiliationNumber: affiliation || null,
      givenNames,
      firstSurname,
      secondSurname,
      birthDate,
      sex,
      phone: phone || null,
      email: email || null,
      category: category as BeneficiaryCategory,
      holderCurp,
      unitClues,
      consultorio,
      shift,
      eligibleUntil,
    },
  };
}

function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
