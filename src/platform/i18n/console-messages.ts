// es-MX text of the phone agents' console: every word an agent reads on its pages. Short labels,
// because agents read while they talk; the words a caller would recognise ("vigencia", "folio").

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const CONSOLE = {
  titleSuffix: 'Consola de asesores',
  nav: { search: 'Buscar', callbacks: (n: number) => `Llamadas por devolver (${n})`, signOut: 'Salir' },
  navLabel: 'Consola',

  signIn: {
    title: 'Entrar a la consola',
    email: 'Correo institucional',
    password: 'Contraseña',
    submit: 'Entrar',
    missing: 'Escribe tu correo y tu contraseña',
    invalid: 'El correo o la contraseña no son correctos',
    locked:
      'Tu cuenta quedó bloqueada 15 minutos por varios intentos fallidos. Espera o pide ayuda a tu supervisor.',
  },

  search: {
    title: 'Buscar a una persona',
    label: 'CURP, teléfono o nombre',
    hint: 'Por ejemplo: HELG780412MDFRPD06, 5512345678 o María Hernández',
    submit: 'Buscar',
    tooShort: 'Escribe al menos 2 letras o números',
    resultsTitle: (q: string) => `Resultados para «${q}»`,
    none: 'No hay derechohabientes con esos datos. Revisa la CURP o busca por teléfono o nombre.',
    count: (n: number) => `${n} ${plural(n, 'persona encontrada', 'personas encontradas')}`,
    columns: { name: 'Nombre', curp: 'CURP', unit: 'Unidad', eligibility: 'Vigencia' },
  },

  person: {
    identity: 'Datos',
    rows: {
      curp: 'CURP',
      affiliation: 'Número de afiliación',
      birthDate: 'Fecha de nacimiento',
      phone: 'Teléfono',
      category: 'Parentesco',
      unit: 'Unidad de adscripción',
      consultorio: 'Consultorio y turno',
      eligibility: 'Vigencia de derechos',
    },
    noPhone: 'Sin teléfono registrado',
    noAffiliation: 'Sin número',
    eligibleUntil: (date: string) => `Vigente hasta el ${date}`,
    notEligible: (date: string) => `Sin vigencia desde el ${date}: no puede agendar`,
    shift: { M: 'matutino', V: 'vespertino' } as Record<string, string>,
    category: {
      trabajador: 'Trabajador(a), titular',
      pensionado: 'Pensionado(a), titular',
      conyuge: 'Cónyuge',
      hijo: 'Hijo(a)',
      padre: 'Padre',
      madre: 'Madre',
    } as Record<string, string>,
    family: 'Familia',
    noFamily: 'Sin familiares registrados.',
    appointments: 'Citas',
    noAppointments: 'Sin citas registradas.',
    columns: { when: 'Fecha y hora', service: 'Servicio', unit: 'Unidad', folio: 'Folio', status: 'Estado' },
    view: 'Ver',
    book: 'Agendar cita',
    service: 'Servicio',
    otherServices: 'Ver horarios de otro servicio:',
    slotsLegend: (service: string) => `Horarios libres de ${service}`,
    noSlots: 'No hay horarios libres para este servicio por teléfono en los próximos días.',
    continue: 'Continuar',
  },

  status: {
    booked: 'Agendada',
    cancelled: 'Cancelada',
    attended: 'Atendida',
    no_show: 'No asistió',
  } as Record<string, string>,
  channel: { web: 'Portal', ivr: 'Teléfono automático', agent: 'Asesor', counter: 'Ventanilla' } as Record<
    string,
    string
  >,

  confirm: {
    title: 'Revisa la cita antes de confirmar',
    rows: { person: 'Para', service: 'Servicio', unit: 'Unidad', when: 'Fecha y hora', place: 'Consultorio' },
    submit: 'Confirmar cita',
    other: 'Elegir otro horario',
    readBack: 'Léele al derechohabiente la fecha, la hora y la unidad antes de confirmar.',
  },

  appointment: {
    title: (folio: string) => `Cita ${folio}`,
    rows: {
      person: 'Derechohabiente',
      service: 'Servicio',
      unit: 'Unidad',
      when: 'Fecha y hora',
      place: 'Consultorio',
      folio: 'Folio',
      status: 'Estado',
      channel: 'Agendada por',
    },
    done: {
      agendada: 'Cita agendada. Dicta el folio; también se envió por SMS.',
      cambiada: 'Cita cambiada. El folio no cambia; se envió el nuevo horario por SMS.',
      cancelada: 'Cita cancelada. El horario quedó libre.',
    } as Record<string, string>,
    spelled: 'Para dictarlo:',
    reschedule: 'Cambiar horario',
    cancel: 'Cancelar cita',
    backToPerson: 'Volver a la persona',
  },

  cancel: {
    title: '¿Cancelar esta cita?',
    reason: 'Motivo (opcional)',
    submit: 'Sí, cancelar la cita',
    keep: 'No, conservarla',
  },

  reschedule: {
    title: 'Cambiar el horario',
    legend: 'Nuevo horario',
    submit: 'Cambiar a este horario',
    keep: 'Conservar el horario actual',
    noSlots: 'No hay otros horarios libres de este servicio por teléfono en los próximos días.',
  },

  callbacks: {
    title: 'Llamadas por devolver',
    intro:
      'Personas que pidieron que un asesor les llame cuando la línea estaba ocupada. La más antigua va primero.',
    none: 'No hay llamadas por devolver.',
    columns: {
      when: 'Pidió la llamada',
      phone: 'Teléfono',
      who: 'Quién',
      reason: 'Motivo',
      status: 'Estado',
      actions: 'Acciones',
    },
    unidentified: 'No se identificó',
    reason: { busy: 'Línea ocupada', unanswered: 'Nadie contestó' } as Record<string, string>,
    pending: 'Pendiente',
    takenBy: (name: string) => `La atiende ${name}`,
    take: 'Tomar',
    done: 'Atendida',
    unreachable: 'No contestó',
  },

  problems: {
    notFound: {
      title: 'No se encontró',
      body: 'La persona, cita o llamada que buscas no existe o ya no está disponible.',
    },
    csrf: {
      title: 'El formulario caducó',
      body: 'Por seguridad, vuelve a abrir la página y envía el formulario de nuevo.',
    },
    forbidden: { title: 'Sin permiso', body: 'Tu cuenta no tiene permiso para usar la consola.' },
    badRequest: { title: 'Datos no válidos', body: 'Revisa los datos del formulario y vuelve a intentarlo.' },
    unexpected: {
      title: 'Algo salió mal',
      body: 'No se completó la operación. Intenta de nuevo en un momento; si sigue, avisa a soporte.',
    },
    callbackNotPending: {
      title: 'Esa llamada ya la tomó alguien más',
      body: 'Otro asesor la tomó o ya se cerró. Elige otra de la lista.',
    },
    callbackNotYours: {
      title: 'Esa llamada la atiende otro asesor',
      body: 'Solo quien la tomó puede cerrarla.',
    },
    back: 'Volver',
    toSearch: 'Ir a buscar',
    toCallbacks: 'Ver llamadas por devolver',
  },

  /** A booking rule said no: what to tell the caller, and what to do next. */
  refusals: {
    SLOT_TAKEN: 'Alguien más acaba de apartar ese horario. Ofrécele uno de los siguientes.',
    SLOT_CLOSED:
      'Ese horario ya no se ofrece: la unidad cierra ese día o el consultorio no estará disponible. Elige otro.',
    ACTIVE_APPOINTMENT_EXISTS:
      'Ya tiene una cita activa de este servicio. Puedes cambiarla o cancelarla antes de agendar otra.',
    NOT_ELIGIBLE:
      'Su vigencia de derechos no cubre la fecha de la cita. Debe actualizarla en el área de afiliación de su unidad.',
    WRONG_UNIT: 'Este servicio solo se agenda en su unidad de adscripción.',
    REFERRAL_REQUIRED: 'Este servicio necesita referencia de su médico familiar.',
    OUTSIDE_BOOKING_WINDOW: 'Ese horario ya no está abierto para agendar. Elige otro.',
    QUOTA_EXHAUSTED: 'Ese horario está reservado para otro medio de atención. Elige otro.',
    SLOT_NOT_FOUND: 'Ese horario ya no existe. Elige otro.',
    SERVICE_MISMATCH: 'El nuevo horario es de otro servicio. Elige uno del mismo servicio.',
    TOO_LATE_TO_CHANGE: (minutes: number) =>
      `Ya no se puede cambiar ni cancelar: faltan menos de ${minutes} minutos. Debe avisar a su unidad.`,
    APPOINTMENT_NOT_ACTIVE: 'La cita ya fue cancelada o atendida; no puede cambiarse.',
    OPEN_APPOINTMENT_LIMIT:
      'Ya tiene el máximo de citas pendientes. Para agendar otra, primero debe cancelar alguna.',
    REBOOKING_LIMIT:
      'Canceló varias citas de este servicio en los últimos días; por ahora no puede agendar otra de ese servicio.',
    OTHER: 'No se pudo completar la operación.',
  } as const,
  alternatives: 'Siguientes horarios libres',
  existing: 'Ver la cita que ya tiene',
  errorTitle: 'No se pudo',
} as const;
