// es-MX words of the waitlist, its offers, reminders and the no-show policy, on every channel.
import type { ReminderErrorCode } from '../../reminders/errors.js';
import type { WaitlistErrorCode } from '../../waitlist/errors.js';
import { spokenDateTime } from './dates.js';
import type { SpokenAppointment } from './phone-messages.js';

const PHONE = '55 4000 1000';

type Problem = { title: string; body: readonly string[] };

/** ISO weekdays 1–7 by name, as the waitlist forms offer them. */
const DAY_NAMES: Readonly<Record<number, string>> = {
  1: 'Lunes',
  2: 'Martes',
  3: 'Miércoles',
  4: 'Jueves',
  5: 'Viernes',
  6: 'Sábado',
  7: 'Domingo',
};

const WAITLIST_PROBLEMS: Record<WaitlistErrorCode, Problem> = {
  ALREADY_WAITING: {
    title: 'Ya estás en la lista de espera',
    body: ['Ya esperas un lugar de ese servicio. Te avisaremos por SMS en cuanto se libere uno.'],
  },
  HAS_APPOINTMENT: {
    title: 'Ya tienes una cita de ese servicio',
    body: ['No hace falta esperar: ya tienes una cita. Puedes verla o cambiarla en Mis citas.'],
  },
  NOT_WAITING: {
    title: 'No estás en esa lista de espera',
    body: ['Quizá ya saliste de ella o ya obtuviste la cita.'],
  },
  SERVICE_NOT_OFFERED: {
    title: 'Ese servicio no se da en esa unidad',
    body: ['Elige otro servicio o pregunta en tu clínica.'],
  },
  LINK_INVALID: {
    title: 'Este enlace no es válido',
    body: [
      'El enlace no está completo o no es de Citas. Ábrelo tal como llegó en el mensaje.',
      `Si tienes dudas, llama al ${PHONE}.`,
    ],
  },
  OFFER_EXPIRED: {
    title: 'El tiempo para tomar esta cita terminó',
    body: [
      'La cita se apartó para ti por un tiempo y ese tiempo ya pasó; ahora se ofrece a la siguiente persona.',
      'Sigues en la lista de espera: te avisaremos si se libera otro lugar.',
    ],
  },
  OFFER_CLOSED: {
    title: 'Este enlace ya se usó',
    body: [
      'La cita de este mensaje ya se tomó, se rechazó o se retiró porque la unidad no dará consulta ese día. Si la tomaste, está en Mis citas y te llegó un SMS con su folio.',
    ],
  },
  OFFER_NOT_BOOKABLE: {
    title: 'No fue posible darte esta cita',
    body: [
      'Ese lugar ya no se puede agendar (por ejemplo, la unidad cerró ese día). No se hizo ningún cambio.',
      'Sigues en la lista de espera.',
    ],
  },
};

const REMINDER_PROBLEMS: Record<ReminderErrorCode, Problem> = {
  REMINDER_LINK_INVALID: {
    title: 'Este enlace no es válido',
    body: [
      'El enlace no está completo o no es de Citas. Ábrelo tal como llegó en el mensaje, o entra a Mis citas.',
    ],
  },
  REMINDER_LINK_EXPIRED: {
    title: 'Este enlace ya venció',
    body: ['La fecha de la cita ya pasó. Puedes agendar otra cita en Citas.'],
  },
  REMINDER_LINK_USED: {
    title: 'Este enlace ya se usó',
    body: [
      'Ya respondiste este recordatorio. Para hacer otro cambio entra a Mis citas o llama al 55 4000 1000.',
    ],
  },
  REMINDER_APPOINTMENT_GONE: {
    title: 'Esta cita ya no está activa',
    body: [
      'La cita se canceló, se cambió o la unidad ya no dará consulta en ese horario (en ese caso te enviamos un SMS para elegir otro). Revisa Mis citas para ver tus citas.',
    ],
  },
};

export const LOOP_WEB = {
  problems: { ...WAITLIST_PROBLEMS, ...REMINDER_PROBLEMS },
  reminder: {
    title: 'Tu cita',
    lead: (service: string, unit: string) => `${service} en ${unit}`,
    when: 'Fecha y hora',
    folio: 'Folio',
    question: '¿Vas a ir a tu cita?',
    confirm: 'Sí, voy a ir',
    cancel: 'No puedo ir: cancelar la cita',
    cancelHint: 'Si cancelas, el lugar se ofrece a alguien de la lista de espera.',
    confirmedTitle: 'Cita confirmada',
    confirmed: 'Gracias. Te esperamos; llega 15 minutos antes con identificación.',
    cancelledTitle: 'Cita cancelada',
    cancelled:
      'Cancelamos tu cita y su lugar se ofrecerá a otra persona. Puedes agendar otra cuando quieras.',
  },
  join: {
    title: 'Lista de espera',
    lead: (service: string, minutes: number) =>
      `Si se libera un lugar de ${service}, te lo apartamos y te avisamos por SMS. Tendrás ${minutes} minutos para tomarlo.`,
    daysLegend: '¿Qué días puedes ir?',
    daysHint: 'Marca todos los que puedas. Si no marcas ninguno, te apartamos un lugar de cualquier día.',
    weekdays: DAY_NAMES,
    shiftLegend: '¿En qué turno puedes ir?',
    shifts: { any: 'Cualquiera', M: 'Matutino (mañana)', V: 'Vespertino (tarde)' },
    submit: 'Avisarme si se libera un lugar',
  },
  mine: {
    title: 'Listas de espera',
    waiting: (service: string, unit: string) => `${service} en ${unit}`,
    since: (when: string) => `Esperando desde el ${when}.`,
    offerOut: (when: string, until: string) =>
      `Te apartamos una cita el ${when}. Tómala antes de las ${until} con el enlace del SMS.`,
    leave: 'Salir de la lista',
    joined: 'Te agregamos a la lista de espera. Te avisaremos por SMS si se libera un lugar.',
    left: 'Saliste de la lista de espera.',
  },
  offer: {
    title: 'Se liberó una cita para ti',
    lead: (service: string, unit: string) => `${service} en ${unit}`,
    when: 'Fecha y hora',
    until: (time: string) =>
      `Está apartada para ti hasta las ${time}. Después se ofrece a la siguiente persona.`,
    take: 'Tomar esta cita',
    decline: 'No me sirve',
    taken: (folio: string) =>
      `Listo: la cita es tuya. Tu folio es ${folio}. Te enviamos un SMS con los datos.`,
    takenTitle: 'Cita agendada',
    declinedTitle: 'Gracias por avisar',
    declined: 'Ofreceremos esta cita a otra persona. Sigues en la lista de espera.',
  },
} as const;

/** Answers to an SMS reply (phone channel's messaging webhook): one short SMS each. */
export const LOOP_SMS = {
  unknownKeyword:
    'Citas ISSSTE: no entendimos tu respuesta. Responde 1 para confirmar, 2 para cancelar o 3 para cambiar tu cita.',
  nothingPending:
    'Citas ISSSTE: no tienes recordatorios ni ofertas pendientes en este número. Consulta tus citas en Citas o al 55 4000 1000.',
  confirmed: (when: string) => `Citas ISSSTE: confirmaste tu cita del ${when}. Te esperamos.`,
  cancelled: (when: string) =>
    `Citas ISSSTE: cancelamos tu cita del ${when}. Gracias por avisar: el lugar se dará a otra persona.`,
  change: (link: string) =>
    `Citas ISSSTE: para cambiar tu cita entra a ${link} (con tu CURP) o llama al 55 4000 1000.`,
  offerTaken: (when: string, folio: string) => `Citas ISSSTE: la cita del ${when} es tuya. Folio ${folio}.`,
  offerDeclined: 'Citas ISSSTE: gracias por avisar. Sigues en la lista de espera.',
  refused:
    'Citas ISSSTE: no fue posible hacer el cambio (quizá ya pasó el plazo o la cita cambió). Consulta Citas o llama al 55 4000 1000.',
} as const;

/** A person's attendance record on their console page (no-show/attendance.ts). */
export const ATTENDANCE_CONSOLE = {
  title: 'Asistencia',
  lead: (days: number) => `Citas de los últimos ${days} días cuya fecha ya llegó.`,
  counts: {
    attended: 'Asistió',
    noShows: 'No asistió',
    cancelledLate: (hours: number) => `Canceló con menos de ${hours} horas`,
  },
  outcomes: {
    attended: 'Asistió',
    no_show: 'No asistió',
    cancelled_late: 'Canceló tarde',
    cancelled: 'Canceló a tiempo',
  },
  columns: { when: 'Fecha y hora', service: 'Servicio', unit: 'Unidad', outcome: 'Resultado' },
  none: 'Sin citas pasadas en este periodo.',
  policyApplies: (noShows: number, days: number, hours: number, until: string) =>
    `Debe confirmar sus citas para conservarlas: faltó a ${noShows} citas en los últimos ${days} días. Cada recordatorio le pide confirmar a más tardar ${hours} horas antes; si no confirma, la cita se libera para otra persona. Esto aplica hasta el ${until}, salvo que vuelva a faltar.`,
  policyDoesNotApply: (noShows: number, threshold: number, days: number) =>
    `No tiene que confirmar para conservar sus citas: faltó a ${noShows} en los últimos ${days} días; se le pide desde ${threshold} faltas.`,
  policyOff: 'La regla de confirmar para conservar la cita está apagada en esta instalación.',
} as const;

export const LOOP_CONSOLE = {
  title: (unit: string) => `Lista de espera: ${unit}`,
  intro:
    'Cuando se libera un horario, se aparta para la primera persona de la lista cuyo turno y días coinciden (primero las personas de 60 años o más) y se le avisa por SMS.',
  columns: {
    who: 'Persona',
    service: 'Servicio',
    window: 'Días y turno',
    since: 'En espera desde',
    offer: 'Oferta',
  },
  anyWindow: 'Cualquiera',
  shifts: { M: 'matutino', V: 'vespertino' },
  weekdays: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'] as readonly string[],
  offerUntil: (time: string) => `Apartada hasta ${time}`,
  none: 'Nadie espera en esta unidad.',
  lastDays: (days: number) => `Ofertas de los últimos ${days} días`,
  outcomes: {
    open: 'Abiertas ahora',
    taken: 'Tomadas',
    expired: 'Vencidas',
    declined: 'Rechazadas',
    void: 'Retiradas',
  },
  fillRate: 'Tasa de llenado',
  noFillRate: 'Sin ofertas cerradas todavía',
  add: {
    title: 'Agregar a la lista de espera',
    curp: 'CURP de la persona',
    service: 'Servicio',
    days: 'Días que puede ir',
    daysHint: 'Sin marcar: cualquier día.',
    weekdays: DAY_NAMES,
    shift: 'Turno',
    anyShift: 'Cualquiera',
    submit: 'Agregar',
    added: 'La persona quedó en la lista de espera.',
  },
  problems: {
    ALREADY_WAITING: { title: 'Ya está en la lista', body: 'Esa persona ya espera ese servicio.' },
    HAS_APPOINTMENT: { title: 'Ya tiene cita', body: 'Esa persona ya tiene una cita de ese servicio.' },
    SERVICE_NOT_OFFERED: { title: 'Servicio no disponible', body: 'La unidad no da ese servicio.' },
    NOT_WAITING: { title: 'No está en la lista', body: 'Esa persona no espera ese servicio.' },
  },
} as const;

export const LOOP_PHONE = {
  offerWaitlist:
    'Si quieres, te anotamos en la lista de espera: cuando se libere un lugar te lo apartamos y te avisamos por mensaje de texto. Para anotarte, marca 1. Para volver al menú, marca 2.',
  chooseShift:
    '¿En qué turno puedes ir? Para cualquier turno, marca uno. Solo por la mañana, marca dos. Solo por la tarde, marca tres.',
  joined: 'Listo, quedaste en la lista de espera. Si se libera un lugar te avisaremos por mensaje de texto.',
  alreadyWaiting: 'Ya estás en la lista de espera de ese servicio. Te avisaremos por mensaje de texto.',
  refused: 'No fue posible anotarte en la lista de espera. Puedes intentarlo en la página de Citas.',
  /** Read before the menu when the caller (or their family) has an appointment tomorrow. */
  tomorrow: (a: SpokenAppointment) =>
    `Tienes una cita mañana: ${a.service} para ${a.person}, el ${spokenDateTime(new Date(a.startsAt), a.timeZone)}, en ${a.unit}.`,
  tomorrowOptions:
    'Para confirmar que vas a ir, marca uno. Para cancelarla, marca dos. Para cambiarla, marca tres. Para ir al menú principal, marca nueve.',
  tomorrowConfirmCancel:
    'Vas a cancelar tu cita de mañana y el horario se dará a otra persona. Para cancelarla, marca uno. Para conservarla, marca dos.',
  tomorrowConfirmed:
    'Gracias, tu cita quedó confirmada. Te esperamos; llega quince minutos antes con tu identificación.',
  tomorrowCancelled: 'Tu cita quedó cancelada. Gracias por avisar: el horario se dará a otra persona.',
  tomorrowChange:
    'Te enviamos un mensaje de texto con el enlace para cambiar tu cita. También puedes cambiarla con un agente: marca cero.',
  tomorrowRefused:
    'No fue posible hacer ese cambio; quizá ya pasó el plazo o la cita cambió. Un agente puede ayudarte: marca cero.',
} as const;
