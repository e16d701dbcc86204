// es-MX text of the staff console: every word an agent, receptionist, administrator or auditor reads
// on its pages. Short labels, because agents read while they talk; the words a caller would
// recognise ("vigencia", "folio").

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const CONSOLE = {
  titleSuffix: 'Consola del personal',
  nav: {
    search: 'Buscar',
    callbacks: (n: number) => `Llamadas por devolver (${n})`,
    staff: 'Personal',
    audit: 'Auditoría',
    suspicion: 'Sospechas',
    signOut: 'Salir',
  },
  /** Who is signed in, beside the navigation: name, role and, for unit roles, the unit. */
  whoAmI: (name: string, role: string, unit: string | null) =>
    unit ? `${name} · ${role} · ${unit}` : `${name} · ${role}`,
  roles: {
    agent: 'Asesor(a) telefónico(a)',
    reception: 'Recepción',
    unit_admin: 'Administración de unidad',
    national_admin: 'Administración nacional',
    auditor: 'Auditoría',
  } as Record<string, string>,
  navLabel: 'Consola',

  signIn: {
    title: 'Entrar a la consola',
    email: 'Correo institucional',
    password: 'Contraseña',
    submit: 'Entrar',
    missing: 'Escribe tu correo y tu contraseña',
    // One answer for an unknown e-mail, a wrong password and an address out of tries.
    invalid:
      'El correo o la contraseña no son correctos. Tras varios intentos fallidos hay que esperar 15 minutos.',
  },

  secondFactor: {
    title: 'Código de verificación',
    enrolTitle: 'Configura tu segundo factor',
    enrolIntro:
      'Tu cuenta necesita un código de una aplicación autenticadora (por ejemplo, Google Authenticator, Microsoft Authenticator o FreeOTP). Agrega esta cuenta en la aplicación con el enlace o escribiendo la clave, y luego escribe el código de 6 dígitos que muestre.',
    uriLabel: 'Enlace otpauth',
    secretLabel: 'Clave para escribir a mano',
    intro: 'Escribe el código de 6 dígitos que muestra tu aplicación autenticadora.',
    code: 'Código de 6 dígitos',
    submit: 'Verificar',
    missing: 'Escribe el código de 6 dígitos',
    invalid:
      'El código no es correcto o ya se usó. Espera el siguiente código. Tras varios intentos fallidos hay que esperar 15 minutos.',
    expired: 'Pasó demasiado tiempo. Vuelve a escribir tu correo y tu contraseña.',
  },

  lockoutNotice: {
    title: 'Aviso de seguridad',
    body: (n: number) =>
      `Desde tu último ingreso, alguien escribió mal tu contraseña o tu código tantas veces que el acceso se bloqueó ${n} ${n === 1 ? 'vez' : 'veces'} (15 minutos para esa dirección). Si no fuiste tú, avisa a tu supervisor y cambia tu contraseña.`,
    next: 'Continuar',
  },

  search: {
    title: 'Buscar a una persona',
    label: 'CURP, teléfono o nombre',
    hint: 'Por ejemplo: HELG780412MDFRPD06, 55 1234 5678 o maria hernandez (con o sin acentos, en cualquier orden)',
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
    /** The registry's category in the person's own words: its sex is known (M mujer, H hombre, X). */
    categoryOf: (p: { category: string; sex: string }): string => {
      const by = (woman: string, man: string, neither: string) =>
        p.sex === 'M' ? woman : p.sex === 'H' ? man : neither;
      const words: Record<string, string> = {
        trabajador: by('Trabajadora, titular', 'Trabajador, titular', 'Persona trabajadora, titular'),
        pensionado: by('Pensionada, titular', 'Pensionado, titular', 'Persona pensionada, titular'),
        conyuge: 'Cónyuge',
        hijo: by('Hija', 'Hijo', 'Hija o hijo'),
        padre: 'Padre',
        madre: 'Madre',
      };
      return words[p.category] ?? p.category;
    },
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
    noSlotsCounter: 'No hay horarios libres para este servicio en ventanilla en los próximos días.',
    allBooked: 'Ya tiene cita de todos los servicios de su unidad. Para otra, cambie o cancele una.',
    hasAppointment: 'ya tiene cita',
    continue: 'Continuar',
  },

  /** The day and shift a caller asks for ("¿tiene para el jueves en la tarde?"). */
  slotFilter: {
    legend: 'Día y turno que pide',
    day: 'Día',
    anyDay: 'El primer día con horario',
    today: (day: string) => `hoy, ${day}`,
    tomorrow: (day: string) => `mañana, ${day}`,
    shift: 'Turno',
    anyShift: 'Cualquiera',
    morning: 'Mañana (matutino)',
    afternoon: 'Tarde (vespertino)',
    submit: 'Ver horarios',
    none: 'No hay horarios libres ese día y turno. Elija otro día o turno.',
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
    noSlots: 'No hay otros horarios libres de este servicio en los próximos días.',
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
    forbidden: { title: 'Sin permiso', body: 'Tu cuenta no tiene permiso para esta página.' },
    otherUnit: {
      title: 'Es de otra unidad',
      body: 'Tu cuenta solo atiende a personas y citas de tu unidad, y esta no lo es, así que no se muestra. El intento quedó registrado en la bitácora.',
    },
    staffSelf: {
      title: 'Es tu propia cuenta',
      body: 'No puedes desactivar tu cuenta ni quitarte el rol de administración nacional. Pídeselo a otra persona con ese rol.',
    },
    badRequest: { title: 'Datos no válidos', body: 'Revisa los datos del formulario y vuelve a intentarlo.' },
    headersTooLarge: {
      title: 'El navegador envió demasiados datos',
      body: 'Borra las cookies de este sitio en el navegador y vuelve a abrir la consola.',
    },
    rateLimited: {
      title: 'Demasiadas operaciones en poco tiempo',
      body: 'Tu cuenta hizo en esta hora más operaciones de las que hace una persona en su lugar de trabajo, así que pausamos las siguientes; quedó registrado. Espera unos minutos y, si lo necesitas, pide apoyo a tu supervisión.',
    },
    unavailable: {
      title: 'Sin conexión con la agenda por un momento',
      body: 'La base de datos no respondió. Si estabas agendando o cambiando una cita, búscala antes de intentar de nuevo: una cita confirmada no se pierde.',
    },
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
    toHome: 'Ir al inicio',
    toStaff: 'Volver a la lista del personal',
  },

  staff: {
    title: 'Personal de la consola',
    intro: 'Cuentas que entran a la consola. Una cuenta desactivada deja de funcionar en su siguiente paso.',
    create: 'Crear una cuenta',
    columns: {
      name: 'Nombre',
      email: 'Correo',
      role: 'Rol',
      unit: 'Unidad',
      state: 'Estado',
      lastSignIn: 'Último ingreso',
      actions: 'Acciones',
    },
    active: 'Activa',
    disabled: 'Desactivada',
    never: 'Nunca',
    national: 'Nacional',
    change: 'Cambiar',
    changeHidden: (name: string) => `la cuenta de ${name}`,
    none: 'Todavía no hay cuentas.',
    done: {
      creada: 'Cuenta creada.',
      rol: 'Rol y unidad guardados. Valen desde el siguiente paso de esa persona.',
      desactivada: 'Cuenta desactivada. Sus sesiones abiertas se cerraron.',
      activada: 'Cuenta activada.',
    } as Record<string, string>,
    form: {
      createTitle: 'Crear una cuenta de la consola',
      name: 'Nombre completo',
      email: 'Correo institucional',
      role: 'Rol',
      unit: 'Unidad (CLUES)',
      unitHint:
        'Obligatoria para recepción y administración de unidad: la cuenta solo verá esa unidad. Los demás roles son nacionales.',
      password: 'Contraseña inicial (opcional)',
      passwordHint: (min: number) => `Al menos ${min} caracteres. Déjala vacía y se generará una segura.`,
      submit: 'Crear cuenta',
      save: 'Guardar rol y unidad',
      cancel: 'Volver a la lista',
    },
    roleHints: {
      agent: 'Busca personas y agenda, cambia o cancela citas de todo el país; devuelve llamadas.',
      reception: 'Busca personas y agenda, cambia o cancela citas solo de su unidad, en ventanilla.',
      unit_admin: 'Consulta personas y cambia o cancela citas solo de su unidad.',
      national_admin: 'Todo lo del asesor, y además administra al personal y ve los reportes.',
      auditor: 'Solo la bitácora de auditoría y los reportes; nunca el expediente de una persona.',
    } as Record<string, string>,
    errors: {
      name: 'Escribe el nombre de la persona',
      email: 'Escribe un correo válido, como nombre@issste.gob.mx',
      emailTaken: 'Ya existe una cuenta con ese correo',
      unitRequired: 'Escribe la CLUES de la unidad: este rol atiende a una sola unidad',
      unitNotFound: 'No existe una unidad con esa CLUES',
      password: (min: number) => `La contraseña debe tener al menos ${min} caracteres`,
    },
    created: {
      title: 'Cuenta creada',
      passwordShown:
        'Contraseña inicial. Dásela a la persona por un medio seguro: no se vuelve a mostrar y no queda guardada.',
      passwordGiven: 'La cuenta usa la contraseña que escribiste.',
    },
    edit: {
      title: (name: string) => `Cuenta de ${name}`,
      accessTitle: 'Rol y unidad',
      stateTitle: 'Estado de la cuenta',
      disable: 'Desactivar la cuenta',
      enable: 'Activar la cuenta',
      disableHint:
        'Deja de funcionar en su siguiente paso y se cierran sus sesiones. El historial se conserva.',
      self: 'Es tu cuenta: no puedes quitarte este rol ni desactivarla.',
      rows: {
        email: 'Correo',
        role: 'Rol',
        unit: 'Unidad',
        state: 'Estado',
        lastSignIn: 'Último ingreso',
        created: 'Creada',
      },
    },
  },

  audit: {
    title: 'Bitácora de auditoría',
    intro:
      'Quién hizo qué, sobre quién, cuándo y desde dónde. Los más recientes primero, 50 por página. Las CURP se muestran ocultas.',
    filters: 'Filtrar',
    staff: 'Personal (número de cuenta o correo)',
    curp: 'CURP de la persona',
    unit: 'Unidad (CLUES)',
    from: 'Desde (AAAA-MM-DD)',
    until: 'Hasta (AAAA-MM-DD, incluido)',
    datesHint: 'Fechas en la hora del centro de México (America/Mexico_City).',
    submit: 'Filtrar',
    clear: 'Quitar filtros',
    download: 'Descargar CSV',
    downloadHint: (max: string) => `Con los mismos filtros, hasta ${max} registros.`,
    none: 'No hay registros con esos filtros.',
    tableLabel: 'Registros de la bitácora',
    older: 'Registros más antiguos',
    newest: 'Volver a los más recientes',
    columns: {
      when: 'Cuándo',
      who: 'Quién',
      action: 'Acción',
      person: 'Persona',
      unit: 'Unidad',
      channel: 'Canal',
      ip: 'IP de origen',
      result: 'Resultado',
    },
    result: { ok: 'Hecho', refused: 'Rechazado', failed: 'Falló' } as Record<string, string>,
    errors: {
      staff: 'Escribe el número de la cuenta o su correo',
      curp: 'La CURP tiene 18 letras y números',
      unit: 'La CLUES tiene 11 letras y números',
      date: 'Escribe la fecha como AAAA-MM-DD, por ejemplo 2026-11-03',
      range: 'La fecha «hasta» no puede ser anterior a «desde»',
    },
    /** The CSV's header row, in the columns' order. */
    csvHeader: [
      'registro',
      'cuando',
      'tipo_de_actor',
      'actor',
      'correo_del_actor',
      'accion',
      'persona',
      'curp_oculta',
      'unidad',
      'canal',
      'ip_origen',
      'resultado',
      'detalle',
    ],
    csvFile: (day: string) => `bitacora-${day}.csv`,
    tooMany: {
      title: 'Demasiados registros para un archivo',
      body: (max: string) =>
        `La búsqueda tiene más de ${max} registros. Acota las fechas, la unidad o la persona y vuelve a descargar.`,
      back: 'Volver a la bitácora',
    },
  },

  suspicion: {
    title: 'Actividad sospechosa',
    intro:
      'Lo que deja un revendedor de citas: una cuenta, dirección o teléfono con citas de muchas personas, cancelaciones inusuales y horarios apartados y cancelados en minutos. Es el mismo reporte que «citas report suspicious».',
    since: 'Desde (AAAA-MM-DD)',
    sinceHint: 'Fecha en la hora del centro de México. Sin fecha, los últimos 7 días.',
    submit: 'Ver reporte',
    sinceError: 'Escribe la fecha como AAAA-MM-DD, por ejemplo 2026-11-03, y que no sea futura',
    manyPeople: 'Citas de muchas personas distintas',
    highCancellation: 'Personal con muchas citas canceladas',
    quickFlips: 'Horarios apartados y cancelados en minutos, repetidamente',
    none: 'Ninguno.',
    kind: { actor: 'Cuenta o token', source_ip: 'Dirección IP', phone: 'Teléfono' } as Record<string, string>,
    columns: {
      kind: 'Tipo',
      who: 'Quién',
      people: 'Personas',
      bookings: 'Citas',
      cancelled: 'Canceladas',
      share: 'Proporción',
      slot: 'Horario',
      flips: 'Veces',
    },
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
