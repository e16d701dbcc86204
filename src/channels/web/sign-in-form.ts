import type { FieldError } from '../../platform/html/components.js';
import { WEB } from '../../platform/i18n/web-messages.js';
import { validateCurp } from '../../registry/curp.js';
import { field } from './form-fields.js';

export interface SignInValues {
  curp: string;
  day: string;
  month: string;
  year: string;
}

export type SignInForm =
  | { ok: true; curp: string; birthDate: string }
  | { ok: false; values: SignInValues; errors: FieldError[] };

const text = WEB.signIn.errors;

/** The fields the sign-in form posts. */
export const SIGN_IN_FIELDS = ['curp', 'nacimiento-day', 'nacimiento-month', 'nacimiento-year'] as const;

/** Reads the CURP and birth date boxes; each problem names the field the error summary links to. */
export function readSignInForm(body: unknown): SignInForm {
  const values: SignInValues = {
    curp: field(body, 'curp').trim(),
    day: field(body, 'nacimiento-day').trim(),
    month: field(body, 'nacimiento-month').trim(),
    year: field(body, 'nacimiento-year').trim(),
  };
  const errors: FieldError[] = [];
  const curp = values.curp.replace(/\s+/g, '');
  const checked = validateCurp(curp);
  if (curp === '') errors.push({ field: 'curp', message: text.curpMissing });
  else if (!checked.ok) {
    errors.push({
      field: 'curp',
      message: checked.problem === 'FORMAT' ? text.curpFormat : text.curpInvalid,
    });
  }
  const birthDate = readDate(values);
  if (typeof birthDate !== 'string') errors.push({ field: 'nacimiento', message: birthDate.message });
  // The CURP holds the birth date: a mismatch is a typing slip, said without consulting the registry
  // (so it tells nothing about who is a beneficiary).
  else if (checked.ok && checked.birthDate !== birthDate) {
    errors.push({ field: 'nacimiento', message: text.birthNotCurp });
  }
  if (errors.length > 0 || !checked.ok || typeof birthDate !== 'string') return { ok: false, values, errors };
  return { ok: true, curp: checked.curp, birthDate };
}

function readDate(v: SignInValues): string | { message: string } {
  const parts = [v.day, v.month, v.year];
  if (parts.every((p) => p === '')) return { message: text.birthMissing };
  if (parts.some((p) => p === '')) return { message: text.birthIncomplete };
  if (/^[0-9]{1,2}$/.test(v.year)) return { message: text.birthYearDigits };
  if (!/^[0-9]{1,2}$/.test(v.day) || !/^[0-9]{1,2}$/.test(v.month) || !/^[0-9]{4}$/.test(v.year)) {
    return { message: text.birthInvalid };
  }
  const [day, month, year] = [Number(v.day), Number(v.month), Number(v.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900) return { message: text.birthInvalid };
  return `${v.year}-${v.month.padStart(2, '0')}-${v.day.padStart(2, '0')}`;
}
