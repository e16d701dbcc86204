// Número de afiliación: 9 digits and a Luhn check digit, so a mistyped digit on a phone keypad is
// caught before the registry is searched.

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

export const isValidAffiliationNumber = (value: string): boolean =>
  /^[0-9]{10}$/.test(value) && luhnCheckDigit(value.slice(0, 9)) === value[9];
