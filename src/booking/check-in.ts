// What must be shown at the clinic's window to be seen. Pure: the registry's facts and the day of
// the appointment in, the documents out; each channel words them from its own catalog.

/** Age at which a person comes alone and shows their own identification. */
export const ADULT_AGE = 18;

export type CheckInDocument =
  /** The patient's official photo identification (INE, passport, professional licence). */
  | 'own_photo_id'
  /** The patient's CURP or affiliation number. */
  | 'own_curp_or_affiliation'
  /** The accompanying holder's (or parent's, guardian's) official photo identification. */
  | 'companion_photo_id'
  /** The minor's CURP or affiliation number. */
  | 'minor_curp_or_affiliation';

export interface CheckInRequirement {
  /** A minor comes with an adult: the holder of the family when there is one, else a parent or guardian. */
  accompaniedBy: 'none' | 'holder' | 'guardian';
  present: CheckInDocument[];
  /** The appointment belongs to this person only; nobody else may use it. */
  personal: true;
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD' (no time zone: calendar days). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function checkInRequirement(
  person: { birthDate: string; holderId: number | null },
  appointmentDay: string,
): CheckInRequirement {
  if (ageOn(person.birthDate, appointmentDay) >= ADULT_AGE) {
    return { accompaniedBy: 'none', present: ['own_photo_id', 'own_curp_or_affiliation'], personal: true };
  }
  return {
    accompaniedBy: person.holderId === null ? 'guardian' : 'holder',
    present: ['companion_photo_id', 'minor_curp_or_affiliation'],
    personal: true,
  };
}
