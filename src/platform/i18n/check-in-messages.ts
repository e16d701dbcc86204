// es-MX wording of what to present at the clinic (see booking/check-in.ts), for every channel.

type Document =
  | 'own_photo_id'
  | 'own_curp_or_affiliation'
  | 'companion_photo_id'
  | 'minor_curp_or_affiliation';
type Companion = 'none' | 'holder' | 'guardian';

export const CHECK_IN = {
  title: 'Qué debes presentar en tu unidad',
  present: {
    own_photo_id: 'Una identificación oficial con fotografía (INE, pasaporte o cédula profesional).',
    own_curp_or_affiliation: 'Tu CURP o tu número de afiliación.',
    companion_photo_id: 'La identificación oficial con fotografía de la persona adulta que acompaña.',
    minor_curp_or_affiliation: 'La CURP o el número de afiliación de la niña o el niño.',
  } satisfies Record<Document, string>,
  companion: {
    none: 'Tu cita es personal e intransferible.',
    holder:
      'La niña o el niño debe venir con la o el titular, o con su madre, padre o tutor. La cita es personal e intransferible.',
    guardian:
      'La niña o el niño debe venir con su madre, padre o tutor. La cita es personal e intransferible.',
  } satisfies Record<Companion, string>,
  /** For one SMS: as few words as can still be followed at the window. */
  short: {
    none: 'Presenta identificación con foto y tu CURP; es personal.',
    holder: 'El menor va con el titular o tutor con su INE, y su CURP.',
    guardian: 'El menor va con madre, padre o tutor con su INE, y su CURP.',
  } satisfies Record<Companion, string>,
} as const;

/** The same, said to someone who booked for a family member (`name`): never "tu CURP". */
const FOR_ANOTHER = {
  present: {
    own_photo_id: (name: string) =>
      `Una identificación oficial con fotografía de ${name} (INE, pasaporte o cédula profesional).`,
    own_curp_or_affiliation: (name: string) => `La CURP o el número de afiliación de ${name}.`,
    companion_photo_id: () => CHECK_IN.present.companion_photo_id,
    minor_curp_or_affiliation: () => CHECK_IN.present.minor_curp_or_affiliation,
  } satisfies Record<Document, (name: string) => string>,
  companion: {
    none: (name: string) => `Debe venir ${name}: la cita es personal e intransferible.`,
    holder: () => CHECK_IN.companion.holder,
    guardian: () => CHECK_IN.companion.guardian,
  } satisfies Record<Companion, (name: string) => string>,
};

/**
 * Everything to present, as sentences: the documents, then who comes and that it is personal.
 * `forAnother` names the patient when the reader booked for someone else.
 */
export const checkInSentences = (
  r: { accompaniedBy: Companion; present: readonly Document[] },
  forAnother?: string,
) =>
  forAnother === undefined
    ? [...r.present.map((d) => CHECK_IN.present[d]), CHECK_IN.companion[r.accompaniedBy]]
    : [
        ...r.present.map((d) => FOR_ANOTHER.present[d](forAnother)),
        FOR_ANOTHER.companion[r.accompaniedBy](forAnother),
      ];
