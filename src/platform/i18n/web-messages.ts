// es-MX text of the browser channels: every word a person reads on a web page lives here.
// Identifiers stay English; the words are the ones a person would say at the clinic's window.

/** Words shared by every page frame and form component (portal and staff console). */
export const WEB_COMMON = {
  siteName: 'Citas ISSSTE',
  skipLink: 'Saltar al contenido principal',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'Hay un problema',
  titleSuffix: 'Citas ISSSTE',
  footer: 'Citas médicas del Instituto. Teléfono de citas: 55 4000 1000, lunes a viernes de 7:00 a 20:00.',
  back: 'Regresar',
  navLabel: 'Tu cuenta',
  continue: 'Continuar',
  dateDay: 'Día',
  dateMonth: 'Mes',
  dateYear: 'Año',
} as const;

const PHONE = '55 4000 1000';
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The beneficiary portal, page by page. */
export const WEB = {
  phone: PHONE,
  nav: { myAppointments: 'Mis citas', newAppointment: 'Agendar cita', signOut: 'Salir' },
  start: {
    title: 'Agenda tu cita médica',
    lead: 'Pide, cambia o cancela tu cita en tu clínica o unidad de medicina familiar, para ti o para tu familia.',
    needTitle: 'Necesitas',
    needs: [
      'tu CURP',
      'tu fecha de nacimiento',
      'el celular que registraste en el Instituto: ahí te enviaremos un código por mensaje (SMS)',
    ],
    begin: 'Comenzar',
    signedInBegin: 'Agendar una cita',
    otherWaysTitle: 'Otras formas de pedir tu cita',
    otherWays: `Llama al ${PHONE}, de lunes a viernes de 7:00 a 20:00, o acude a tu unidad.`,
  },
  signIn: {
    title: 'Escribe tus datos',
    intro: 'Te enviaremos un código por mensaje (SMS) al celular que tienes registrado en el Instituto.',
    curpLabel: 'CURP',
    curpHint:
      'Son 18 letras y números. Está en tu acta de nacimiento o en tu credencial. Por ejemplo: HELG780412MDFRPD06',
    birthLegend: 'Fecha de nacimiento',
    birthHint: 'Por ejemplo: 12 04 1978',
    submit: 'Enviar código',
    errors: {
      curpMissing: 'Escribe tu CURP',
      curpFormat: 'Escribe tu CURP completa: 18 letras y números, como HELG780412MDFRPD06',
      curpInvalid: 'Revisa tu CURP: alguna letra o número no es correcto',
      birthMissing: 'Escribe tu fecha de nacimiento',
      birthIncomplete: 'Tu fecha de nacimiento debe tener día, mes y año',
      birthInvalid: 'Escribe una fecha de nacimiento real, por ejemplo 12 04 1978',
      birthYearDigits: 'Escribe el año con 4 cifras, por ejemplo 1978',
      birthNotCurp:
        'La fecha de nacimiento no coincide con la de tu CURP. Revisa las dos: en la CURP, después de las 4 primeras letras, van el año, el mes y el día en que naciste.',
    },
  },
  code: {
    title: 'Escribe el código que te enviamos',
    sentIfMatch:
      'Si tus datos coinciden con los del Instituto, te enviamos un código de 6 números por mensaje (SMS) al celular que tienes registrado.',
    expiry: 'El código vence en 5 minutos.',
    label: 'Código de 6 números',
    submit: 'Entrar',
    resentNotice: 'Si tus datos coinciden, te enviamos un código nuevo al celular que tienes registrado.',
    waitNotice: (seconds: number) =>
      `Espera ${seconds} ${plural(seconds, 'segundo', 'segundos')} antes de pedir otro código.`,
    notReceivedTitle: '¿No te llegó el código?',
    notReceived: 'Los mensajes pueden tardar un minuto en llegar.',
    resend: 'Enviar un código nuevo',
    resendIn: (seconds: number) =>
      `Si no llega, podrás pedir otro en ${seconds} ${plural(seconds, 'segundo', 'segundos')} con este botón; si lo presionas antes, te diremos cuánto falta.`,
    noMoreSends: `Ya no podemos enviar más códigos para este intento. Vuelve a empezar o llama al ${PHONE}.`,
    nothingArrives: [
      'Si en un par de minutos no te llega ningún mensaje, revisa que tu CURP y tu fecha de nacimiento estén bien escritas y vuelve a empezar.',
      `Si no tienes un celular registrado en el Instituto, pide tu cita por teléfono al ${PHONE} o en tu unidad.`,
    ],
    otherCurp: 'Volver a escribir mis datos',
    errors: {
      missing: 'Escribe el código de 6 números',
      format: 'El código tiene 6 números, por ejemplo 123456',
      wrong: (left: number) =>
        `El código no es correcto. ${plural(left, 'Te queda 1 intento', `Te quedan ${left} intentos`)}.`,
    },
    expired: {
      title: 'El código venció',
      body: ['Los códigos duran 5 minutos. Pide uno nuevo y escríbelo en cuanto llegue.'],
    },
    exhausted: {
      title: 'Demasiados intentos',
      body: [
        'Escribiste un código equivocado 5 veces. Por seguridad, ya no podemos enviarte otro código para este intento: vuelve a empezar con tu CURP y tu fecha de nacimiento.',
      ],
      restart: 'Volver a empezar',
    },
    limit: {
      title: 'Ya no podemos enviar más códigos',
      body: (wait: string) => [`Vuelve a empezar en ${wait}, o pide tu cita por teléfono al ${PHONE}.`],
    },
  },
  relation: {
    self: 'Tú',
    trabajador: 'Titular',
    pensionado: 'Titular',
    conyuge: 'Cónyuge',
    hijo: 'Hija o hijo',
    padre: 'Padre',
    madre: 'Madre',
  } as Record<string, string>,
  /** The family tie as the registry knows it: "Hija" or "Hijo" by the person's sex. */
  relationOf: (p: { category: string; sex: string }): string => {
    if (p.category === 'hijo' && p.sex === 'M') return 'Hija';
    if (p.category === 'hijo' && p.sex === 'H') return 'Hijo';
    return WEB.relation[p.category] ?? p.category;
  },
  who: {
    title: '¿Para quién es la cita?',
    missingFamily:
      'Si alguien de tu familia no aparece, puede ser que no tenga vigencia de derechos. Pregunta en la oficina de afiliación y vigencia de tu unidad.',
    error: 'Elige para quién es la cita',
    notEligible: {
      title: 'No tienes vigencia de derechos',
      ended: (date: string) => `Tu vigencia de derechos terminó el ${date}.`,
      body: [
        'Para agendar una cita necesitas tener vigencia. Acude a la oficina de afiliación y vigencia de tu unidad con tu último talón de pago o comprobante de pensión, o pregunta en tu dependencia.',
        `Si crees que es un error, llama al ${PHONE}.`,
      ],
      seeAppointments: 'Ver mis citas anteriores',
    },
  },
  service: {
    title: '¿Qué servicio necesitas?',
    unitIntro: 'La cita será en tu unidad:',
    referralNote: 'Para especialidades necesitas un pase (referencia) de tu médico familiar.',
    error: 'Elige un servicio',
  },
  dates: {
    title: '¿Qué día quieres la cita?',
    changeTitle: '¿Qué nuevo día quieres?',
    firstTitle: 'Primera cita disponible',
    takeFirst: 'Elegir esta cita',
    otherDays: 'Otros días con citas disponibles',
    count: (n: number) => `${n} ${plural(n, 'horario libre', 'horarios libres')}`,
    serviceAt: (service: string, unit: string) => `${service} en ${unit}`,
    keepsOld: (when: string) => `Tu cita actual (${when}) se conserva hasta que confirmes la nueva.`,
    today: (day: string) => `hoy, ${day}`,
    tomorrow: (day: string) => `mañana, ${day}`,
    sameDay: {
      title: 'Citas para hoy',
      some: (n: number) =>
        `Hoy ${plural(n, 'queda', 'quedan')} ${n} ${plural(n, 'horario libre', 'horarios libres')}.`,
      link: 'Ver las citas de hoy',
      none: 'Hoy ya no quedan horarios libres. Cada mañana se abren algunas citas para ese mismo día: vuelve mañana temprano.',
    },
    none: {
      title: 'No hay citas disponibles por internet',
      body: (service: string, unit: string) => [
        `En los próximos días no quedan horarios de ${service} por internet.`,
        `Cada día a las 7:00 a. m., hora local de ${unit}, se abren horarios nuevos. También puedes llamar al ${PHONE}.`,
      ],
    },
  },
  times: {
    title: '¿A qué hora?',
    morning: 'Matutino (mañana)',
    afternoon: 'Vespertino (tarde)',
    noneLeft: 'Ya no quedan horarios libres ese día.',
    otherDay: 'Elegir otro día',
  },
  review: {
    title: 'Revisa los datos de tu cita',
    changeTitle: 'Revisa el cambio de tu cita',
    patient: 'Paciente',
    service: 'Servicio',
    when: 'Fecha y hora',
    unit: 'Unidad',
    address: 'Dirección',
    current: 'Cita actual',
    newWhen: 'Nueva fecha y hora',
    change: 'Cambiar',
    confirmTitle: 'Confirma tu cita',
    confirmText: 'Al confirmar, enviaremos un mensaje con tu folio al celular registrado.',
    confirm: 'Confirmar cita',
    confirmChange: 'Confirmar cambio',
  },
  confirmation: {
    title: 'Tu cita está confirmada',
    changedTitle: 'Tu cita cambió',
    folio: 'Tu folio es',
    spelled: (letters: string) => `Se lee: ${letters}`,
    consultorio: 'Consultorio',
    bringTitle: 'Qué más puedes llevar',
    bring: ['Tus estudios y recetas recientes, si tienes.'],
    arrive: 'Llega 15 minutos antes de tu cita.',
    cancelTitle: 'Si no puedes ir',
    cancelText: (hours: string) =>
      `Cancela o cambia tu cita en Mis citas hasta ${hours} antes, o llama al ${PHONE}. Así otra persona puede usar ese horario.`,
    calendar: 'Guardar en tu calendario (archivo .ics)',
    mine: 'Ver mis citas',
    another: 'Agendar otra cita',
  },
  mine: {
    title: 'Mis citas',
    upcoming: 'Próximas citas',
    past: 'Citas anteriores',
    noneUpcoming: 'No tienes citas próximas.',
    nonePast: 'Todavía no hay citas anteriores.',
    folio: 'Folio',
    patient: 'Paciente',
    unit: 'Unidad',
    change: 'Cambiar',
    cancel: 'Cancelar cita',
    calendar: 'Guardar en el calendario',
    forWhom: (service: string, name: string) => `de ${service} para ${name}`,
    tooLate: (phone: string) =>
      `Ya no se puede cambiar por internet. Si no puedes ir, llama a tu unidad al ${phone}.`,
    needsRebooking: 'Tu unidad no dará consulta ese día. Cambia tu cita a otro día.',
    cancelled: (folio: string) =>
      `Cancelaste la cita con folio ${folio}. El horario quedó libre para otra persona.`,
    cancelledAhead: 'Citas canceladas',
    /** A booked appointment whose time has not come (the status table is for those that passed). */
    bookedAhead: 'Agendada',
    status: {
      booked: 'Pasada',
      cancelled: 'Cancelada',
      attended: 'Atendida',
      no_show: 'No asististe',
    } as Record<string, string>,
    notice: 'Aviso',
  },
  cancel: {
    title: '¿Quieres cancelar esta cita?',
    warning: 'Si cancelas, el horario quedará libre para otra persona.',
    confirm: 'Sí, cancelar la cita',
    keep: 'No, regresar a Mis citas',
  },
  problems: {
    slotTaken: {
      title: 'Ese horario ya no está disponible',
      body: ['Otra persona lo apartó hace un momento. No se hizo ningún cambio.'],
      alternatives: 'Estos son los siguientes horarios libres:',
      noAlternatives: 'Por ahora no quedan otros horarios libres por internet.',
    },
    activeExists: {
      title: (name: string, service: string) => `${name} ya tiene una cita de ${service}`,
      body: ['Solo se puede tener una cita a la vez de cada servicio. Puedes cambiar la que ya tienes.'],
      change: 'Cambiar esa cita',
      cancel: 'Cancelar esa cita',
    },
    notEligible: {
      title: 'No hay vigencia de derechos para ese día',
      body: [
        'La vigencia de derechos de la persona termina antes del día que elegiste.',
        'Elige un día más cercano, o actualiza la vigencia en la oficina de afiliación y vigencia de tu unidad.',
      ],
    },
    slotClosed: {
      title: 'Ese horario ya no se ofrece',
      body: [
        'La unidad no atenderá a esa hora: cierra ese día o el consultorio no estará disponible. No se hizo ningún cambio.',
      ],
    },
    openLimit: {
      title: 'Ya tienes el máximo de citas pendientes',
      body: [
        'Para que haya lugar para todas las personas, cada quien puede tener pocas citas pendientes a la vez.',
        'Si ya no necesitas alguna, cancélala en «Mis citas» y después agenda la nueva.',
      ],
    },
    rebookingLimit: {
      title: 'Por ahora no puedes agendar este servicio',
      body: [
        'Cancelaste varias citas de este servicio en los últimos días.',
        'Si necesitas atención, acude a tu unidad o llama al 55 4000 1000.',
      ],
    },
    wrongUnit: {
      title: 'Ese servicio se da solo en tu unidad',
      body: [
        'Medicina familiar y odontología se agendan en la unidad donde estás adscrito.',
        'Si cambiaste de domicilio, pide tu cambio de unidad en la oficina de afiliación y vigencia.',
      ],
    },
    tooLate: {
      title: 'Ya no se puede cambiar por internet',
      body: (hours: string) => [
        `Las citas se pueden cambiar o cancelar hasta ${hours} antes.`,
        `Si no puedes ir, llama a tu unidad o al ${PHONE}.`,
      ],
    },
    notActive: {
      title: 'Esta cita ya no está activa',
      body: ['La cita fue cancelada, atendida o cambiada hace un momento. No se hizo ningún cambio.'],
    },
    quota: {
      title: 'Ese horario no se puede agendar por internet',
      body: ['Está reservado para otro medio de atención. Elige otro horario.'],
    },
    window: {
      title: 'Ese horario ya no se puede agendar',
      body: ['Ya pasó o todavía no se abre. Elige otro horario.'],
    },
    referral: {
      title: 'Este servicio necesita un pase',
      body: [
        `Pide a tu médico familiar un pase (referencia). La cita de especialidad se agenda en tu unidad o al ${PHONE}.`,
      ],
    },
    serviceMismatch: {
      title: 'Ese horario es de otro servicio',
      body: ['Elige un horario del mismo servicio de tu cita.'],
    },
    notFound: {
      title: 'No encontramos esta página',
      body: [
        'Si escribiste la dirección, revisa que esté bien. Si seguiste un enlace, puede que ya no exista.',
      ],
    },
    formReused: {
      title: 'Este formulario ya se usó',
      body: ['Revisa en Mis citas si tu cita quedó agendada antes de intentar de nuevo.'],
    },
    csrf: {
      title: 'Tu sesión terminó',
      body: [
        'Por seguridad, la página dejó de ser válida y no hicimos ningún cambio.',
        'Vuelve a empezar: solo te tomará un momento.',
      ],
    },
    refused: {
      title: 'No se pudo completar tu solicitud',
      body: ['No se hizo ningún cambio.', `Vuelve a intentarlo, o llama al ${PHONE} para que te ayudemos.`],
    },
    formFieldsUnexpected: {
      title: 'El formulario traía datos que no esperábamos',
      body: ['No hicimos ningún cambio.', 'Regresa a la página anterior e inténtalo de nuevo.'],
    },
    badRequest: {
      title: 'No pudimos leer el formulario',
      body: ['Vuelve a la página anterior e inténtalo de nuevo.'],
    },
    headersTooLarge: {
      title: 'Tu navegador envió demasiados datos',
      body: ['Borra las cookies de este sitio en tu navegador y vuelve a abrir la página.'],
    },
    rateLimited: {
      title: 'Demasiados intentos',
      body: (wait: string) => [
        'Por seguridad, pausamos por un momento las solicitudes que llegan desde aquí. No se hizo ningún cambio y no enviamos ningún mensaje.',
        `Intenta de nuevo en ${wait}, o pide tu cita por teléfono al ${PHONE}.`,
      ],
    },
    busy: {
      title: 'Hay mucha demanda en este momento',
      body: (seconds: number) => [
        'Muchas personas están pidiendo cita al mismo tiempo. Tus datos están a salvo y no se hizo ningún cambio.',
        `Intenta de nuevo en ${seconds} ${plural(seconds, 'segundo', 'segundos')}.`,
      ],
    },
    unavailable: {
      title: 'El servicio no está disponible por un momento',
      body: (seconds: number) => [
        'No pudimos consultar la agenda en este momento. Si estabas agendando o cambiando una cita, revisa Mis citas antes de intentar de nuevo.',
        `Intenta de nuevo en ${seconds} ${plural(seconds, 'segundo', 'segundos')} o llama al ${PHONE}.`,
      ],
    },
    unexpected: {
      title: 'No pudimos completar tu solicitud',
      body: [
        'Algo falló de nuestro lado. Si estabas agendando o cambiando una cita, revisa Mis citas antes de intentar de nuevo.',
        `Intenta en unos minutos o llama al ${PHONE}.`,
      ],
    },
    retry: 'Intentar de nuevo',
    home: 'Ir al inicio',
    restart: 'Volver a empezar',
    chooseOther: 'Elegir otro horario',
    mine: 'Ir a Mis citas',
  },
  urgency: {
    title: '¿Es una urgencia?',
    body: 'No esperes una cita: acude al servicio de urgencias del hospital más cercano o llama al 911.',
  },
  /** A wait in the largest whole unit that does not understate it: "45 segundos", "12 minutos", "3 horas". */
  waitFor: (seconds: number) => {
    if (seconds < 60) return `${seconds} ${plural(seconds, 'segundo', 'segundos')}`;
    if (seconds < 3600) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} ${plural(minutes, 'minuto', 'minutos')}`;
    }
    const hours = Math.ceil(seconds / 3600);
    return `${hours} ${plural(hours, 'hora', 'horas')}`;
  },
  myData: {
    title: 'Mis datos',
    link: 'Mis datos: lo que Citas guarda de ti y quién lo consultó',
    intro:
      'Esto es todo lo que Citas guarda de ti, y quién consultó o cambió tu registro. Puedes imprimir esta página o descargar tus datos.',
    download: 'Descargar mis datos (archivo JSON)',
    audited: 'Cada vez que consultas o descargas esta información queda registrado.',
    registryTitle: 'Tus datos de derechohabiente',
    fields: {
      curp: 'CURP',
      name: 'Nombre',
      birthDate: 'Fecha de nacimiento',
      sex: 'Sexo',
      phone: 'Celular',
      email: 'Correo electrónico',
      affiliation: 'Número de afiliación',
      relation: 'Parentesco',
      unit: 'Unidad de adscripción',
      consultorio: 'Consultorio y turno',
      eligibleUntil: 'Vigencia de derechos hasta',
      none: 'No registrado',
    },
    sex: { H: 'Hombre', M: 'Mujer', X: 'No binario' } as Record<string, string>,
    shift: { M: 'matutino', V: 'vespertino' } as Record<string, string>,
    correct:
      'Si algún dato está mal, acude a la oficina de afiliación y vigencia de tu unidad, o pide su corrección (derecho de rectificación) como dice el aviso de privacidad.',
    appointmentsTitle: 'Tus citas y sus cambios',
    noAppointments: 'No tienes citas registradas.',
    notificationsTitle: 'Mensajes que te enviamos',
    noNotifications: 'No te hemos enviado mensajes.',
    callbacksTitle: 'Llamadas de regreso que pediste',
    callback: (phone: string) => `Pediste que un asesor te llamara al número terminado en ${phone}`,
    callbackStatus: {
      pending: 'En espera',
      taken: 'Un asesor la está atendiendo',
      done: 'Atendida',
      unreachable: 'No se pudo comunicar',
    } as Record<string, string>,
    signInsTitle: 'Tus entradas a Citas',
    noSignIns: 'No hay entradas registradas.',
    accessesTitle: 'Quién consultó o cambió tu registro',
    noAccesses: 'Nadie ha consultado tu registro.',
    columns: {
      when: 'Fecha y hora',
      who: 'Quién',
      what: 'Qué hizo',
      channel: 'Medio',
      result: 'Resultado',
      text: 'Mensaje',
      to: 'Enviado a',
      status: 'Estado',
    },
    appointment: (service: string, unit: string, folio: string) => `${service} en ${unit}, folio ${folio}`,
    composedLater: 'Se redacta al enviarse',
    otpHidden: 'El código no se muestra.',
    truncated: (n: number) =>
      `Se muestran los ${n} más recientes. Para obtener el resto, ejerce tu derecho de acceso como dice el aviso de privacidad.`,
    actor: {
      you: 'Tú',
      family: 'El titular de tu familia',
      phone_line: 'Línea telefónica automática',
      system: 'Sistema Citas',
      unknown: 'Alguien que no entró con tus datos',
      staff: (role: string, id: string) => `Personal del Instituto: ${role} (cuenta ${id})`,
      program: (role: string, id: string) => `Sistema del Instituto con permiso de ${role} (acceso ${id})`,
    },
    roles: {
      agent: 'asesor telefónico',
      reception: 'recepción de unidad',
      unit_admin: 'administración de unidad',
      national_admin: 'administración nacional',
      auditor: 'auditoría',
    } as Record<string, string>,
    unknownRole: 'personal',
    actions: {
      'web.sign_in': 'Entrada al portal',
      'web.sign_in.code': 'Envío de un código de acceso',
      'web.rate_limited': 'Intentos frenados por seguridad',
      'ivr.identify': 'Identificación en la línea telefónica',
      'beneficiary.read': 'Consulta de tu registro',
      'beneficiary.search': 'Búsqueda en el padrón',
      'appointment.read': 'Consulta de tus citas',
      'appointment.book': 'Agendar una cita',
      'appointment.cancel': 'Cancelar una cita',
      'appointment.reschedule': 'Cambiar una cita',
      'callback.take': 'Atención de una llamada de regreso',
      'callback.close': 'Cierre de una llamada de regreso',
      'my_data.view': 'Consulta de Mis datos',
      'my_data.download': 'Descarga de Mis datos',
      booked: 'Agendada',
      cancelled: 'Cancelada',
      rescheduled: 'Cambiada de horario',
      attended: 'Atendida',
      no_show: 'No asististe',
      flagged: 'Marcada para cambio por cierre de la unidad',
    } as Record<string, string>,
    otherAction: 'Otra consulta o cambio',
    results: { ok: 'Hecho', refused: 'Rechazado', failed: 'Falló' } as Record<string, string>,
    channels: {
      web: 'Portal',
      ivr: 'Teléfono (menú)',
      agent: 'Teléfono (asesor)',
      counter: 'Ventanilla',
      console: 'Consola del personal',
      api: 'Sistema del Instituto',
      sms: 'Mensaje SMS',
      system: 'Sistema',
    } as Record<string, string>,
    notificationKinds: {
      otp: 'Código de acceso',
      booked: 'Cita confirmada',
      cancelled: 'Cita cancelada',
      rescheduled: 'Cita cambiada',
      callback: 'Llamada de regreso',
      notice: 'Aviso',
    } as Record<string, string>,
    notificationStatus: { pending: 'Por enviar', sent: 'Enviado', failed: 'No se pudo enviar' } as Record<
      string,
      string
    >,
  },
  privacy: {
    footerLink: 'Aviso de privacidad',
    short: {
      title: 'Aviso de privacidad simplificado',
      body: [
        'El Instituto es responsable de tus datos personales. Usamos tu CURP, tu fecha de nacimiento, tu celular y los datos de tus citas para identificarte, agendar tus citas y enviarte mensajes sobre ellas.',
        'El servicio que pides puede decir algo de tu salud: lo protegemos como dato sensible. Solo compartimos tus datos cuando una ley lo exige.',
      ],
      more: 'Lee el aviso de privacidad completo y cómo ejercer tus derechos',
    },
    full: {
      title: 'Aviso de privacidad',
      intro:
        'Este aviso explica qué datos personales usa Citas, para qué y cómo puedes decidir sobre ellos, conforme a la Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados.',
      sections: [
        {
          heading: '¿Quién es responsable de tus datos?',
          body: [
            'El Instituto, a través de su sistema de citas médicas (Citas). La Unidad de Transparencia del Instituto atiende tus preguntas y solicitudes sobre tus datos.',
          ],
        },
        {
          heading: '¿Qué datos usamos?',
          body: [
            'De identificación: CURP, nombre, fecha de nacimiento y sexo. De contacto: celular y, si lo registraste, correo electrónico. De derechohabiencia: número de afiliación, parentesco con el titular, unidad y consultorio de adscripción y vigencia de derechos.',
            'De tus citas: servicio, unidad, fecha, hora, folio, cambios y cancelaciones, y los mensajes que te enviamos. De seguridad: cuándo entraste, desde qué dirección de internet y quién consultó tu registro.',
            'El servicio médico que pides puede revelar información sobre tu salud. Es un dato personal sensible y lo protegemos como tal.',
          ],
        },
        {
          heading: '¿Para qué los usamos?',
          body: [
            'Para identificarte, agendar, cambiar y cancelar tus citas y las de tu familia, enviarte el código de acceso y la confirmación de tus citas por mensaje, y atenderte por teléfono o en tu unidad.',
            'También para proteger el sistema: limitar intentos, evitar que otras personas usen tus datos o acaparen citas, y registrar quién consulta tu información. Con datos que no te identifican hacemos estadísticas para mejorar la atención.',
          ],
        },
        {
          heading: '¿Con quién los compartimos?',
          body: [
            'No vendemos ni compartimos tus datos. Solo los transferimos cuando una ley lo exige o una autoridad competente lo pide de forma fundada y motivada. Tu unidad médica los ve para atenderte.',
          ],
        },
        {
          heading: 'Tus derechos ARCO',
          body: [
            'Puedes pedir el Acceso a tus datos, su Rectificación si están mal, su Cancelación cuando ya no sean necesarios, u Oponerte a su uso para un fin específico.',
            'Preséntalo a la Unidad de Transparencia del Instituto, en persona o en la Plataforma Nacional de Transparencia (www.plataformadetransparencia.org.mx), con tu nombre, una identificación y lo que pides. Te responderemos en un máximo de 20 días hábiles. El trámite es gratuito.',
            'Para corregir tu celular, tu unidad o tu vigencia, acude también a la oficina de afiliación y vigencia de tu unidad.',
          ],
        },
        {
          heading: 'Consulta lo que tenemos de ti',
          body: [
            'Al entrar a Citas, en Mis datos puedes ver y descargar todo lo que Citas guarda de ti, y quién consultó tu registro.',
          ],
        },
        {
          heading: 'Cambios a este aviso',
          body: [
            'Cualquier cambio se publicará en esta página, con su fecha. También puedes pedir este aviso en tu unidad o al teléfono de citas.',
          ],
        },
      ],
      updated: 'Última actualización: 22 de noviembre de 2026.',
      myData: 'Ver Mis datos',
    },
  },
  hours: (minutes: number) =>
    minutes % 60 === 0 ? `${minutes / 60} ${plural(minutes / 60, 'hora', 'horas')}` : `${minutes} minutos`,
  calendar: {
    title: (service: string) => `Cita de ${service}`,
    description: (folio: string, phone: string) =>
      `Folio ${folio}. Llega 15 minutos antes con identificación oficial. Para cancelar o cambiar: Mis citas, o ${phone}.`,
  },
} as const;
