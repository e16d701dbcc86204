// es-MX words of a closure's proposed replacement time (booking/replacement.ts), on every channel.

const PHONE = '55 4000 1000';

type Problem = { title: string; body: readonly string[] };

/** The one-tap page `/p/<token>` of the SMS, and its refusals. */
export const REBOOKING_WEB = {
  title: 'Te apartamos otro horario',
  lead: (unit: string) =>
    `${unit} no dará la consulta de tu cita en su horario. Te apartamos el horario libre más cercano.`,
  service: 'Servicio',
  folio: 'Folio',
  lost: 'Horario que se canceló',
  proposed: 'Horario apartado para ti',
  until: (when: string) =>
    `Lo guardamos para ti hasta el ${when}. Si no lo conservas, tu cita queda pendiente de cambio.`,
  keep: 'Conservar este horario',
  other: 'Elegir otro horario',
  decline: 'No me sirve',
  mineHeld: (when: string, until: string) => `Te apartamos el ${when}, hasta el ${until}.`,
  keepMine: 'Conservar ese horario',
  keptTitle: 'Tu cita quedó en el nuevo horario',
  kept: (folio: string) => `Listo. Tu folio sigue siendo ${folio}. Te enviamos un SMS con los datos.`,
  declinedTitle: 'Liberamos el horario',
  declined:
    'Gracias por avisar. Tu cita sigue pendiente de cambio: elige otro horario en Mis citas (con tu CURP) o llama al 55 4000 1000.',
  problems: {
    PROPOSAL_EXPIRED: {
      title: 'El horario apartado ya no está disponible',
      body: [
        'Te guardamos un horario por un tiempo y ese tiempo ya pasó. Tu cita sigue pendiente de cambio.',
        `Elige otro horario en Mis citas (con tu CURP) o llama al ${PHONE}.`,
      ],
    },
    PROPOSAL_CLOSED: {
      title: 'Este enlace ya se usó',
      body: [
        'El horario de este mensaje ya se conservó, se rechazó o se retiró. Si lo conservaste, lo ves en Mis citas con el mismo folio.',
        `Si tienes dudas, llama al ${PHONE}.`,
      ],
    },
  } satisfies Record<'PROPOSAL_EXPIRED' | 'PROPOSAL_CLOSED', Problem>,
} as const;

/** Answers to an SMS reply of SI / NO to the proposal. */
export const REBOOKING_SMS = {
  kept: (when: string, folio: string) =>
    `Citas ISSSTE: tu cita quedó el ${when}. Tu folio sigue siendo ${folio}.`,
  declined: (link: string) =>
    `Citas ISSSTE: liberamos el horario apartado. Elige otro en ${link} (con tu CURP) o llama al ${PHONE}.`,
} as const;

/** The phone line: a caller whose appointment a closure moved hears the held time first. */
export const REBOOKING_PHONE = {
  proposal: (p: {
    service: string;
    person: string;
    unit: string;
    lost: string;
    proposed: string;
    until: string;
  }) =>
    `${p.unit} no dará la consulta de ${p.service} para ${p.person} del ${p.lost}. Te apartamos el ${p.proposed}, hasta el ${p.until}.`,
  options:
    'Para conservar ese horario, marca uno. Si no te sirve, marca dos. Para ir al menú principal, marca nueve.',
  confirmDecline:
    'Vas a liberar el horario apartado para que lo use otra persona; tu cita quedará pendiente de cambio. Para liberarlo, marca uno. Para volver a escucharlo, marca dos.',
  kept: (when: string) =>
    `Listo. Tu cita quedó el ${when}, con el mismo folio. Te enviamos un mensaje de texto.`,
  declined:
    'Liberamos el horario apartado. Tu cita sigue pendiente de cambio: elige otro horario en la página de Citas, o marca cero para que un asesor te ayude.',
  refused:
    'Ese horario ya no está apartado para ti; quizá ya venció o ya se usó. Un asesor puede ayudarte a elegir otro: marca cero.',
} as const;

/** The column of the unit's rebooking worklist in the console. */
export const REBOOKING_CONSOLE = {
  column: 'Horario apartado',
  none: 'Sin horario libre',
  open: (when: string, until: string) => `${when}, apartado hasta ${until}`,
  keep: 'Conservar',
  expired: (when: string) => `${when}: venció sin respuesta`,
  declined: (when: string) => `${when}: no le sirvió`,
  withdrawn: (when: string) => `${when}: se retiró`,
} as const;
