// es-MX text of every SMS Citas sends. Short: one or two SMS segments, no names of people.
import { formatDateTime } from './dates.js';

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

export const SMS = {
  otp: (code: string) =>
    `${SIGNATURE}: tu código de acceso es ${code}. Vence en 5 minutos. No lo compartas con nadie.`,
  booked: (a: AppointmentNotice) =>
    `${SIGNATURE}: cita ${a.folio}, ${formatDateTime(a.startsAt, a.timeZone)}, ${a.unitName}. ${a.checkIn ?? 'Presenta identificación.'} Cambios: Citas o 55 4000 1000.`,
  cancelled: (a: AppointmentNotice) =>
    `${SIGNATURE}: se canceló la cita ${a.folio} del ${formatDateTime(a.startsAt, a.timeZone)} en ${a.unitName}.`,
  rescheduled: (a: AppointmentNotice) =>
    `${SIGNATURE}: tu cita ${a.folio} cambió al ${formatDateTime(a.startsAt, a.timeZone)}, ${a.unitName}. Llega 15 minutos antes con identificación.`,
} as const;
