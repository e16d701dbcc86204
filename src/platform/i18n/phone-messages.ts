// es-MX wording of everything the telephone menu says. One catalog for the voice channel; each
// entry is a sentence or two, because callers cannot scroll back: short sentences, the key last
// ("Para agendar una cita, marca uno"), numbers and dates in words so every synthesiser reads them
// the same way.
import { numberToSpanishWords, spokenCharacters, spokenDateTime } from './dates.js';

/** A moment as the menu reads it, in the unit's own time zone. */
export interface SpokenInstant {
  startsAt: string;
  timeZone: string;
}

export interface SpokenAppointment extends SpokenInstant {
  person: string;
  service: string;
  unit: string;
  folio: string;
}

const when = (at: SpokenInstant) => spokenDateTime(new Date(at.startsAt), at.timeZone);
const key = (n: number) => `marca ${numberToSpanishWords(n)}`;
const ORDINALS = ['Primera', 'Segunda', 'Tercera', 'Cuarta', 'Quinta', 'Sexta', 'Séptima', 'Octava'];

/** "dos horas", "una hora", "noventa minutos". */
function duration(minutes: number): string {
  if (minutes % 60 !== 0) return `${numberToSpanishWords(minutes)} minutos`;
  const hours = minutes / 60;
  return hours === 1 ? 'una hora' : `${numberToSpanishWords(hours)} horas`;
}

/** Who an option is for: the caller themselves, or a family member by first name. */
export const forWhom = (person: { name: string; self: boolean }) => (person.self ? 'ti' : person.name);

export const PHONE = {
  greeting: (hour: number) =>
    `${hour >= 5 && hour < 12 ? 'Buenos días' : hour >= 12 && hour < 19 ? 'Buenas tardes' : 'Buenas noches'}. Te damos la bienvenida a Citas, la línea de citas médicas del Instituto.`,
  /** One sentence before the menu; the full notice is the portal's /aviso-de-privacidad page. */
  privacy:
    'Tus datos personales se protegen conforme a la ley; consulta el aviso de privacidad en la página de Citas del Instituto.',

  askAffiliation: 'Marca tu número de afiliación, de diez dígitos. Lo encuentras en tu credencial.',
  askBirthDateKnownCaller:
    'Para confirmar que eres tú, marca tu fecha de nacimiento: dos dígitos del día, dos del mes y los cuatro del año.',
  askBirthDate: 'Ahora marca tu fecha de nacimiento: dos dígitos del día, dos del mes y los cuatro del año.',
  affiliationInvalid: 'Ese número de afiliación no es válido. Revisa los diez dígitos en tu credencial.',
  birthDateInvalid: 'Esa fecha no es válida.',
  identityMismatch: 'Los datos no coinciden con nuestro registro.',
  identityFailed: 'No pudimos confirmar tus datos.',
  hello: (name: string) => `Hola, ${name}.`,

  menu: 'Para agendar una cita, marca uno. Para consultar tus citas, marca dos. Para cancelar una cita, marca tres. Para hablar con un asesor, marca cero. Para repetir este menú, marca asterisco.',
  repeatHint: 'Para repetir, marca asterisco.',
  noInput: 'No escuché ninguna opción.',
  noDigits: 'No escuché ningún número.',
  invalidOption: 'Esa opción no es válida.',
  offerAgent:
    'Parece que algo no está funcionando. Para hablar con un asesor, marca cero. Para intentarlo de nuevo, marca uno.',

  choosePerson: (people: { name: string; self: boolean }[]) =>
    `¿Para quién es la cita? ${people.map((p, i) => `Para ${forWhom(p)}, ${key(i + 1)}.`).join(' ')}`,
  onlyFamilyEligible:
    'Tu vigencia de derechos no está al corriente, así que por ahora solo puedes agendar para tu familia. Actualízala en el área de afiliación de tu unidad.',
  chooseService: (services: { name: string }[]) =>
    `¿Qué servicio necesitas? ${services.map((s, i) => `Para ${s.name}, ${key(i + 1)}.`).join(' ')}`,
  noServices:
    'Tu unidad no tiene servicios que se agenden por teléfono. Si necesitas ayuda, marca cero para hablar con un asesor.',
  rushKept:
    'Hoy se abrieron horarios nuevos y en internet hay fila. Tu turno en esta llamada se conserva: por teléfono hay horarios aparte, solo para quienes llaman, y no compites con internet.',
  slotsIntro: (unit: string) => `Estos son los horarios disponibles en ${unit}.`,
  slotOptions: (slots: SpokenInstant[], more: boolean) =>
    `${slots.map((s, i) => `Para el ${when(s)}, ${key(i + 1)}.`).join(' ')}${more ? ' Para escuchar más horarios, marca nueve.' : ''}`,
  noSlots:
    'Por ahora no hay horarios disponibles por teléfono para ese servicio. Cada día se abren horarios nuevos a partir de las siete de la mañana; llama de nuevo entonces.',
  noMoreSlots: 'Ya no hay más horarios. Te repito los primeros.',
  confirmBooking: (
    a: { person: { name: string; self: boolean }; service: string; unit: string } & SpokenInstant,
  ) =>
    `Vas a agendar ${a.service} para ${forWhom(a.person)}, el ${when(a)}, en ${a.unit}. Para confirmar, marca uno. Para elegir otro horario, marca dos.`,
  booked: 'Listo. Tu cita quedó agendada.',
  bookedSummary: (
    a: { person: { name: string; self: boolean }; service: string; unit: string } & SpokenInstant,
  ) => `Es la cita de ${a.service} para ${forWhom(a.person)}, el ${when(a)}, en ${a.unit}.`,
  folio: (folio: string) =>
    `Tu folio es: ${spokenCharacters(folio)}. Te lo repito: ${spokenCharacters(folio)}.`,
  folioBySms: (lastDigits: string) =>
    `También te lo enviamos por mensaje de texto al celular terminado en ${spokenCharacters(lastDigits)}.`,
  folioNoSms: 'No tenemos un celular registrado para enviarte el folio; anótalo, por favor.',
  /** What to present at the window, said after the folio (booking/check-in.ts decides which). */
  checkIn: {
    none: 'Llega quince minutos antes. Presenta una identificación con fotografía y tu CURP; la cita es personal.',
    holder:
      'Llega quince minutos antes. La niña o el niño debe ir con la persona titular o su tutor, con su identificación con fotografía, y con su CURP.',
    guardian:
      'Llega quince minutos antes. La niña o el niño debe ir con su madre, padre o tutor, con su identificación con fotografía, y con su CURP.',
  } as Record<'none' | 'holder' | 'guardian', string>,
  afterAction:
    'Para repetir, marca asterisco. Para volver al menú principal, marca uno. Si ya terminaste, puedes colgar.',

  noAppointments: 'No tienes citas próximas.',
  appointmentsIntro: (count: number) =>
    count === 1 ? 'Tienes una cita próxima.' : `Tienes ${numberToSpanishWords(count)} citas próximas.`,
  appointment: (index: number, a: SpokenAppointment) =>
    `${ORDINALS[index] ?? 'Otra'}: ${a.service} para ${a.person}, el ${when(a)}, en ${a.unit}. Folio: ${spokenCharacters(a.folio)}.`,
  chooseCancel: (appointments: SpokenAppointment[]) =>
    `¿Qué cita quieres cancelar? ${appointments.map((a, i) => `Para la de ${a.service} de ${a.person}, del ${when(a)}, ${key(i + 1)}.`).join(' ')}`,
  confirmCancel: (a: SpokenAppointment) =>
    `Vas a cancelar la cita de ${a.service} de ${a.person}, del ${when(a)}. Para confirmar la cancelación, marca uno. Para conservarla, marca dos.`,
  cancelled:
    'Tu cita quedó cancelada y el horario queda libre para alguien más. Te enviamos la confirmación por mensaje de texto.',
  kept: 'Tu cita sigue agendada.',

  refused: {
    NOT_ELIGIBLE:
      'Tu vigencia de derechos no cubre la fecha de la cita, así que no podemos agendarla. Actualízala en el área de afiliación de tu unidad y vuelve a llamar.',
    WRONG_UNIT: 'Ese servicio solo se agenda en tu unidad de adscripción.',
    REFERRAL_REQUIRED:
      'Ese servicio necesita una referencia de tu médico familiar. Pídela en tu consulta; después, un asesor te ayudará a agendar.',
    OUTSIDE_BOOKING_WINDOW: 'Ese horario ya no está abierto para agendar. Te leo los horarios disponibles.',
    QUOTA_EXHAUSTED: 'Ese horario ya no está disponible por teléfono. Te leo los horarios disponibles.',
    SLOT_NOT_FOUND: 'Ese horario ya no existe. Te leo los horarios disponibles.',
    SLOT_TAKEN: 'Lo siento: alguien más acaba de apartar ese horario.',
    SLOT_CLOSED:
      'Ese horario ya no se ofrece porque la unidad no atenderá a esa hora. Te leo los horarios disponibles.',
    APPOINTMENT_NOT_ACTIVE: 'Esa cita ya fue cancelada o atendida, así que ya no se puede cancelar.',
    OPEN_APPOINTMENT_LIMIT:
      'Ya tienes el máximo de citas pendientes. Para agendar otra, primero cancela alguna con la opción tres del menú.',
    REBOOKING_LIMIT:
      'Cancelaste varias citas de este servicio en los últimos días, así que por ahora no podemos agendar otra por teléfono. Acude a tu unidad.',
    OTHER: 'No pudimos completar la operación. Si necesitas ayuda, marca cero para hablar con un asesor.',
  },
  nextFreeSlots: 'Estos son los siguientes horarios libres.',
  activeAppointmentExists: (a: { service: string } & SpokenInstant) =>
    `Ya tienes una cita de ${a.service} el ${when(a)}, y solo se puede tener una por servicio. Si quieres cambiarla, cancélala con la opción tres del menú y agenda otra.`,
  tooLateToChange: (cutoffMinutes: number) =>
    `Esa cita ya no se puede cancelar porque faltan menos de ${duration(cutoffMinutes)} para que empiece. Si no puedes asistir, avisa a tu unidad.`,

  connecting: 'Te comunico con un asesor. Por favor, espera en la línea.',
  agentsBusy: 'En este momento todos nuestros asesores están ocupados.',
  agentUnanswered: 'No fue posible comunicarte con un asesor.',
  offerCallback: (canWait: boolean) =>
    `Para que un asesor te llame en cuanto esté disponible, marca uno.${canWait ? ' Para esperar en la línea, marca dos.' : ''}`,
  askCallbackNumber: 'Marca el número de diez dígitos al que podemos llamarte.',
  callbackNumberInvalid: 'Ese número no tiene diez dígitos.',
  callbackStored: (lastDigits: string) =>
    `Listo. Un asesor te llamará al número terminado en ${spokenCharacters(lastDigits)}. Ya puedes colgar.`,
  callbackAlreadyOpen:
    'Ya tenemos una solicitud de llamada para ese número; un asesor te llamará pronto. Ya puedes colgar.',
  callLater: 'Si lo prefieres, vuelve a llamar más tarde.',
  callOver: 'Esta llamada ya terminó. Si necesitas algo más, vuelve a llamar.',

  goodbye: 'Gracias por llamar a Citas. Hasta luego.',
  technicalFailure: 'Lo sentimos, tenemos una falla técnica.',
} as const;
