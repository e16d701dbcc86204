// es-MX wording of every API problem `code`. One catalog for the API channel; other channels keep
// their own (web pages, spoken prompts).

export const API_PROBLEM_TITLES: Record<string, string> = {
  BAD_REQUEST: 'Solicitud no válida',
  VALIDATION_FAILED: 'Datos no válidos',
  INVALID_JSON: 'JSON no válido',
  INVALID_URL: 'Dirección mal codificada',
  URI_TOO_LONG: 'Dirección demasiado larga',
  HEADERS_TOO_LARGE: 'Encabezados demasiado grandes',
  NOT_ACCEPTABLE: 'Formato de respuesta no disponible',
  REQUEST_TIMEOUT: 'Solicitud incompleta',
  INVALID_CURP: 'CURP no válida',
  BODY_TOO_LARGE: 'Solicitud demasiado grande',
  UNSUPPORTED_MEDIA_TYPE: 'Tipo de contenido no admitido',
  UNAUTHENTICATED: 'Se requiere autenticación',
  FORBIDDEN: 'Sin permiso',
  PHONE_REQUEST_UNVERIFIED: 'Solicitud telefónica no verificada',
  NOT_FOUND: 'No encontrado',
  METHOD_NOT_ALLOWED: 'Método no permitido',
  UNIT_NOT_FOUND: 'Unidad no encontrada',
  SERVICE_NOT_FOUND: 'Servicio no encontrado',
  SERVICE_NOT_OFFERED: 'Servicio no disponible en la unidad',
  RESOURCE_NOT_FOUND: 'Consultorio no encontrado',
  BENEFICIARY_NOT_FOUND: 'Derechohabiente no encontrado',
  SLOT_NOT_FOUND: 'Horario no encontrado',
  APPOINTMENT_NOT_FOUND: 'Cita no encontrada',
  NOT_ELIGIBLE: 'Sin vigencia de derechos',
  WRONG_UNIT: 'Unidad de adscripción distinta',
  REFERRAL_REQUIRED: 'Se requiere referencia',
  OUTSIDE_BOOKING_WINDOW: 'Fuera del periodo para agendar',
  SLOT_TAKEN: 'Horario ocupado',
  SLOT_CLOSED: 'Horario cerrado',
  QUOTA_EXHAUSTED: 'Lugares agotados para este medio',
  ACTIVE_APPOINTMENT_EXISTS: 'Ya tiene una cita',
  TOO_LATE_TO_CHANGE: 'Ya no es posible cambiar la cita',
  APPOINTMENT_NOT_ACTIVE: 'La cita ya no está activa',
  SERVICE_MISMATCH: 'Servicio distinto',
  IDEMPOTENCY_KEY_REUSED: 'Clave de idempotencia reutilizada',
  CHANNEL_NOT_ALLOWED: 'Medio no permitido',
  REBOOKING_LIMIT: 'Demasiadas cancelaciones',
  OPEN_APPOINTMENT_LIMIT: 'Demasiadas citas pendientes',
  RATE_LIMITED: 'Demasiadas solicitudes',
  PROPOSAL_EXPIRED: 'El horario apartado venció',
  PROPOSAL_CLOSED: 'El horario apartado ya se resolvió',
  CLOSURE_EXISTS: 'El día ya está cerrado',
  INVALID_INTERVAL: 'Periodo no válido',
  TEMPLATE_INVALID: 'Plantilla no válida',
  INTERNAL_ERROR: 'Error interno',
  SERVICE_OVERLOADED: 'Mucha demanda',
  DATABASE_UNAVAILABLE: 'Servicio no disponible por el momento',
  NOT_READY: 'Servicio no listo',
};

type Detail = (details: Record<string, unknown>) => string;

export const API_PROBLEM_DETAILS: Record<string, Detail> = {
  BAD_REQUEST: () => 'La solicitud no se pudo entender. Revisa los datos y vuelve a intentarlo.',
  VALIDATION_FAILED: (d) => `Revisa los datos enviados: ${String(d.reason ?? 'hay campos no válidos')}.`,
  INVALID_JSON: () => 'El cuerpo de la solicitud no es JSON válido. Revisa comillas, comas y llaves.',
  INVALID_CURP: (d) =>
    ({
      FORMAT:
        'La CURP debe tener 18 caracteres: 4 letras, 6 números de la fecha de nacimiento, H, M o X, 5 letras, 1 letra o número y 1 número.',
      DATE: 'La fecha de nacimiento que contiene la CURP no existe. Revisa los caracteres 5 a 10.',
      STATE: 'La clave de entidad de nacimiento de la CURP (caracteres 12 y 13) no existe.',
      CHECK_DIGIT: 'El dígito verificador de la CURP no corresponde. Revisa que esté bien escrita.',
    })[String(d.problem)] ?? 'La CURP no es válida.',
  BODY_TOO_LARGE: () => 'La solicitud es demasiado grande. Envía solo los datos necesarios.',
  INVALID_URL: () =>
    'La dirección tiene caracteres mal codificados. Codifica cada parámetro como texto UTF-8 con porcentajes (%XX).',
  URI_TOO_LONG: () =>
    'Un identificador de la dirección es demasiado largo. Revisa la dirección; los identificadores son cortos.',
  HEADERS_TOO_LARGE: () =>
    'Los encabezados de la solicitud son demasiado grandes. Borra las cookies de este sitio o envía menos encabezados.',
  NOT_ACCEPTABLE: () => 'Esta ruta solo responde en JSON (application/json o application/problem+json).',
  REQUEST_TIMEOUT: () => 'La solicitud no llegó completa a tiempo. Vuelve a enviarla.',
  UNSUPPORTED_MEDIA_TYPE: () => 'Envía los datos como application/json.',
  UNAUTHENTICATED: () =>
    'Falta un token válido. Envía el encabezado Authorization: Bearer con tu token de personal.',
  FORBIDDEN: () => 'Tu token no tiene permiso para esta operación. Pide el rol adecuado a la administración.',
  PHONE_REQUEST_UNVERIFIED: () =>
    'La solicitud no trae una firma o clave válida de la plataforma telefónica, así que no se atendió. Revisa el token o la clave configurados en Citas y en la plataforma.',
  NOT_FOUND: () => 'La dirección solicitada no existe. Consulta /api/v1/openapi.json para ver las rutas.',
  METHOD_NOT_ALLOWED: () => 'Este método no se admite en esta ruta.',
  UNIT_NOT_FOUND: () => 'No existe una unidad con esa clave CLUES. Búscala en /api/v1/units.',
  SERVICE_NOT_FOUND: () => 'No existe ese servicio. Consulta la lista en /api/v1/services.',
  SERVICE_NOT_OFFERED: () =>
    'Esa unidad no ofrece el servicio solicitado. Elige otra unidad u otro servicio.',
  RESOURCE_NOT_FOUND: () => 'No existe ese consultorio o ventanilla.',
  BENEFICIARY_NOT_FOUND: () =>
    'No encontramos a un derechohabiente con esa CURP. Verifica la CURP o acude a tu unidad para tu alta.',
  SLOT_NOT_FOUND: () => 'Ese horario no existe. Consulta los horarios disponibles y elige otro.',
  APPOINTMENT_NOT_FOUND: () => 'No encontramos esa cita. Verifica el identificador.',
  NOT_ELIGIBLE: () =>
    'La vigencia de derechos no cubre la fecha de la cita. Actualiza tu vigencia en el área de afiliación de tu unidad o llama al 55 4000 1000.',
  WRONG_UNIT: () =>
    'Este servicio solo se agenda en la unidad de adscripción del derechohabiente. Elige un horario de esa unidad.',
  REFERRAL_REQUIRED: () =>
    'Este servicio requiere referencia de tu médico familiar. Solicítala en tu consulta y agenda por teléfono o en tu unidad.',
  OUTSIDE_BOOKING_WINDOW: () =>
    'Ese horario no está abierto para agendar: ya pasó o todavía no se libera. Elige uno de los horarios disponibles.',
  SLOT_CLOSED: () =>
    'Ese horario ya no se ofrece: la unidad cierra ese día o el consultorio no estará disponible. Elige otro horario disponible.',
  SLOT_TAKEN: () => 'Alguien más acaba de apartar ese horario. Elige uno de los siguientes horarios libres.',
  QUOTA_EXHAUSTED: () =>
    'Los lugares de ese horario están reservados para otro medio de atención. Elige otro horario disponible por este medio.',
  ACTIVE_APPOINTMENT_EXISTS: () =>
    'Ya hay una cita activa para este servicio. Puedes cambiarla o cancelarla antes de agendar otra.',
  TOO_LATE_TO_CHANGE: (d) =>
    `Las citas solo pueden cambiarse o cancelarse hasta ${String(d.cutoffMinutes ?? 'unos')} minutos antes. Si no puedes asistir, llama a tu unidad.`,
  APPOINTMENT_NOT_ACTIVE: () => 'La cita ya fue cancelada o atendida, así que no puede cambiarse.',
  SERVICE_MISMATCH: () => 'El nuevo horario es de otro servicio. Elige un horario del mismo servicio.',
  IDEMPOTENCY_KEY_REUSED: () =>
    'Esa clave Idempotency-Key ya se usó con otros datos. Usa una clave nueva para cada solicitud distinta.',
  CHANNEL_NOT_ALLOWED: () => 'Con un token de personal solo se agenda por los medios "agent" o "counter".',
  PROPOSAL_EXPIRED: () =>
    'El horario apartado para esta cita ya no se guarda. La cita sigue pendiente de cambio: elige otro horario.',
  PROPOSAL_CLOSED: () =>
    'El horario apartado para esta cita ya se conservó, se rechazó o se retiró. Consulta la cita para ver su horario actual.',
  CLOSURE_EXISTS: () => 'Ese día ya está registrado como cerrado.',
  RATE_LIMITED: (d) =>
    `Recibimos demasiadas solicitudes desde este origen. Espera ${String(d.retryAfterSeconds ?? 60)} segundos e intenta de nuevo.`,
  REBOOKING_LIMIT: (d) =>
    `Esta persona canceló ${String(d.maxCancellations)} citas de este servicio en los últimos ${String(d.windowDays)} días, así que por ahora no puede agendar otra por este medio. Acude a tu unidad o llama al 55 4000 1000.`,
  OPEN_APPOINTMENT_LIMIT: (d) =>
    `Esta persona ya tiene ${String(d.maxOpenAppointments ?? 'varias')} citas pendientes, el máximo permitido. Para agendar otra, primero cancela alguna o espera a que pase.`,
  INVALID_INTERVAL: () => 'El fin del periodo debe ser posterior a su inicio.',
  TEMPLATE_INVALID: () => 'La plantilla tiene datos fuera de los límites permitidos.',
  INTERNAL_ERROR: () => 'Ocurrió un error inesperado. Intenta de nuevo en unos minutos.',
  SERVICE_OVERLOADED: (d) =>
    `Hay mucha demanda en este momento. Intenta de nuevo en ${String(d.retryAfterSeconds ?? 'unos')} segundos.`,
  DATABASE_UNAVAILABLE: (d) =>
    `No podemos consultar la agenda en este momento. Intenta de nuevo en ${String(d.retryAfterSeconds ?? 'unos')} segundos; si repites la solicitud con la misma clave de idempotencia, no se duplicará.`,
  NOT_READY: () =>
    'Este servidor todavía no puede atender solicitudes; el balanceador debe enviarlas a otro.',
};

/** The pieces of a VALIDATION_FAILED reason (platform/http/validation-reason.ts). */
export const API_VALIDATION = {
  none: 'hay campos no válidos',
  notAllowed: (name: string) => `el campo «${name}» no se admite`,
  missing: (subject: string) => `falta ${subject}`,
  part: {
    headers: (name: string) => `el encabezado «${name}»`,
    querystring: (name: string) => `el parámetro «${name}»`,
    params: (name: string) => `el dato «${name}» de la dirección`,
    body: (name: string) => `el campo «${name}»`,
  } as Record<string, (name: string) => string>,
  typeNames: {
    string: 'texto',
    integer: 'un número entero',
    number: 'un número',
    boolean: 'true o false',
    object: 'un objeto',
    array: 'una lista',
    null: 'null',
  } as Record<string, string>,
  minLength: (n: unknown) => `debe tener al menos ${n} caracteres`,
  maxLength: (n: unknown) => `debe tener a lo más ${n} caracteres`,
  minimum: (n: unknown) => `debe ser al menos ${n}`,
  maximum: (n: unknown) => `debe ser a lo más ${n}`,
  type: (names: string) => `debe ser ${names}`,
  enum: (values: string) => `debe ser uno de: ${values}`,
  format: (format: string) => `no tiene el formato ${format}`,
  invalid: 'no tiene un valor válido',
};
