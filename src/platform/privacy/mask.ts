// Personal data never reaches the logs whole: CURPs keep their first four letters, phones their
// last two digits.
const CURP_LIKE = /\b([A-Z]{4})[0-9]{6}[HMX][A-Z]{5}[A-Z0-9][0-9]\b/gi;
const PHONE_LIKE = /(?<![0-9])(?:\+?52)?[0-9]{8}([0-9]{2})(?![0-9])/g;

export const maskCurp = (curp: string): string => `${curp.slice(0, 4)}**************`;

export const maskPhone = (phone: string): string => `••••${phone.slice(-2)}`;

/** Masks every CURP- or phone-shaped run in free text (URLs, messages). */
export function maskPersonalData(text: string): string {
  return text.replace(CURP_LIKE, (_m, head: string) => `${head}**************`).replace(PHONE_LIKE, '••••$1');
}
