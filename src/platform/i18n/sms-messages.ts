// es-MX text of every SMS Citas sends. Short: one or two SMS segments, no names of people.
import { formatDateTime, formatTime } from './dates.js';

const SIGNATURE = 'Citas ISSSTE';

export interface AppointmentNotice {
  /** As shown to people: XXXX-XXXX. */
  folio: string;
  startsAt: Date;
  timeZone: string;
  unitName: string;
  /** What to present at the window, already worded short (check-in-messages). */
  checkIn?: string;
}

/** Why a request got no slot: no slot left it accepts, or the booking rule that barred it. */
export type AllocationMiss =
  | 'NO_SLOT_LEFT'
  | 'NOT_ELIGIBLE'
  | 'WRONG_UNIT'
  | 'ACTIVE_APPOINTMENT_EXISTS'
  | 'OPEN_APPOINTMENT_LIMIT'
  | 'OTHER';

export interface AllocationMissNotice {
  serviceName: string;
  unitName: string;
  /** The release moment, on the unit's clock. */
  opensAt: Date;
  timeZone: string;
  miss: AllocationMiss;
  /** Kept on the waitlist of the unit and service (a draw's miss for want of places). */
  waitlisted?: boolean;
}

const ALLOCATION_MISS: Record<AllocationMiss, string> = {
  NO_SLOT_LEFT: 'Hubo más solicitudes que lugares en los días y turno que elegiste.',
  NOT_ELIGIBLE: 'Tu vigencia de derechos no cubre esos días.',
  WRONG_UNIT: 'Esa unidad no es tu unidad de adscripción.',
  ACTIVE_APPOINTMENT_EXISTS: 'Ya tienes una cita de ese servicio.',
  OPEN_APPOINTMENT_LIMIT: 'Ya tienes el máximo de citas por venir.',
  OTHER: 'No fue posible agendarla.',
};

/** "Ven ahora": the virtual queue brought the person close to their consultorio. */
export interface ComeNowNotice {
  folio: string;
  /** People still ahead of them. */
  ahead: number;
  consultorio: string;
  unitName: string;
  expectedAt: Date;
  timeZone: string;
}

/** A closure or absence moved the appointment off the agenda: choose a new time. */
export interface RebookingNotice {
  folio: string;
  startsAt: Date;
  timeZone: string;
  unitName: string;
  /** The portal's page to choose a new time, when the portal's public address is configured. */
  link: string | null;
}

/** The same, with the nearest free time held for the person until `expiresAt`. */
export interface RebookingProposalNotice extends Omit<RebookingNotice, 'link'> {
  proposedAt: Date;
  expiresAt: Date;
  /** The one-tap page to keep the proposed time or choose another. */
  link: string;
}

export interface OfferNotice {
  serviceName: string;
  unitName: string;
  startsAt: Date;
  expiresAt: Date;
  timeZone: string;
  link: string;
}

export interface ReminderNotice {
  serviceName: string;
  unitName: string;
  startsAt: Date;
  timeZone: string;
  link: string;
  /** The no-show policy applies: unconfirmed by then, the appointment is released. */
  confirmBy: Date | null;
}

export const SMS = {
  otp: (code: string) =>
    `${SIGNATURE}: tu código de acceso es ${code}. Vence en 5 minutos. No lo compartas con nadie.`,
  booked: (a: AppointmentNotice) =>
    `${SIGNATURE}: cita ${a.folio}, ${formatDateTime(a.startsAt, a.timeZone)}, ${a.unitName}. ${a.checkIn ?? 'Presenta identificación.'} Cambios: Citas o 55 4000 1000.`,
  cancelled: (a: AppointmentNotice) =>
    `${SIGNATURE}: se canceló la cita ${a.folio} del ${formatDateTime(a.startsAt, a.timeZone)} en ${a.unitName}.`,
  rescheduled: (a: AppointmentNotice) =>
    `${SIGNATURE}: tu cita ${a.folio} cambió al ${formatDateTime(a.startsAt, a.timeZone)}, ${a.unitName}. Llega 15 minutos antes con identificación.`,
  allocationMiss: (n: AllocationMissNotice) =>
    `${SIGNATURE}: no obtuviste cita de ${n.serviceName} en la asignación del ${formatDateTime(n.opensAt, n.timeZone)}, ${n.unitName}. ${ALLOCATION_MISS[n.miss]} ${
      n.waitlisted
        ? 'Quedaste en la lista de espera: si se libera un lugar en los días y el turno que pediste, te lo apartamos y te avisamos por SMS. Puedes salir de la lista en Mis citas o al 55 4000 1000.'
        : 'Los lugares que queden se ofrecen desde ahora en la página de Citas y al 55 4000 1000.'
    }`,
  comeNow: (n: ComeNowNotice) =>
    `${SIGNATURE}: ven ahora a ${n.unitName}. ${n.ahead === 0 ? 'Sigues tú' : n.ahead === 1 ? 'Falta 1 persona' : `Faltan ${n.ahead} personas`} para ${n.consultorio}; te llamarían hacia las ${formatTime(n.expectedAt, n.timeZone)}. Folio ${n.folio}. Registra tu llegada en recepción.`,
  rebooking: (n: RebookingNotice) =>
    `${SIGNATURE}: ${n.unitName} no dará la consulta de tu cita ${n.folio} del ${formatDateTime(n.startsAt, n.timeZone)}. Elige otro horario${n.link ? ` en ${n.link}` : ' en la página de Citas'} o al 55 4000 1000.`,
  rebookingProposal: (n: RebookingProposalNotice) =>
    `${SIGNATURE}: ${n.unitName} no dará la consulta de tu cita ${n.folio} del ${formatDateTime(n.startsAt, n.timeZone)}. Te apartamos el ${formatDateTime(n.proposedAt, n.timeZone)}, hasta el ${formatDateTime(n.expiresAt, n.timeZone)}. Responde SI para conservarlo, o entra a ${n.link} para conservarlo o elegir otro.`,
  offer: (o: OfferNotice) =>
    `${SIGNATURE}: se liberó una cita de ${o.serviceName}, ${formatDateTime(o.startsAt, o.timeZone)}, ${o.unitName}. Está apartada para ti hasta las ${formatTime(o.expiresAt, o.timeZone)}. Tómala aquí: ${o.link} o responde SI.`,
  reminder: (r: ReminderNotice) =>
    `${SIGNATURE}: recuerda tu cita de ${r.serviceName}, ${formatDateTime(r.startsAt, r.timeZone)}, ${r.unitName}. ${
      r.confirmBy
        ? `Como faltaste a citas recientes, confírmala antes del ${formatDateTime(r.confirmBy, r.timeZone)} o se dará a otra persona. `
        : ''
    }Responde 1 para confirmar, 2 para cancelar, 3 para cambiarla, o entra a ${r.link}`,
} as const;
