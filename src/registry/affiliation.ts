// Número de afiliación: 10 digits. The institute's format promises nothing more, so only the shape is
// checked by default; a registry whose numbers do end in a Luhn check digit (as Citas' own seeds do)
// can ask for it (IMPORT_AFFILIATION_CHECK_DIGIT).

export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export const affiliationNumber = (serial: number): string => {
  const body = String(serial).padStart(9, '0');
  return body + luhnCheckDigit(body);
};

const SHAPE = /^[0-9]{10}$/;

/** Ten digits; and, when `checkDigit` is asked for, a last digit that is the Luhn digit of the other nine. */
export const isValidAffiliationNumber = (value: string, options: { checkDigit: boolean }): boolean =>
  SHAPE.test(value) && (!options.checkDigit || luhnCheckDigit(value.slice(0, 9)) === value[9]);
