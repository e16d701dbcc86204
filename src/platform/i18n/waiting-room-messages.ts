// es-MX text of the portal's waiting room (la fila de la apertura) and its refusals.

const PHONE = '55 4000 1000';
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const minutes = (n: number) => `${n} ${plural(n, 'minuto', 'minutos')}`;
const people = (n: number) => `${n} ${plural(n, 'persona', 'personas')}`;

export const QUEUE = {
  start: {
    title: '¿Vas a agendar en la apertura de la mañana?',
    body: 'Un rato antes de que tu clínica abra los horarios de un nuevo día, pide tu lugar en la fila. A la hora de la apertura se sortea el orden: llegar primero no da ventaja.',
    link: 'Pedir mi lugar en la fila',
  },
  list: {
    title: 'Fila para las aperturas de citas',
    lead: 'Cada clínica abre cada mañana los horarios de un nuevo día. Un rato antes, puedes pedir tu lugar en la fila: al momento de la apertura se sortea el orden entre todas las personas que ya estaban, así que llegar primero no da ventaja.',
    chooseState: 'Elige tu estado',
    chooseUnit: 'Elige tu clínica y el servicio',
    noUnits: 'No hay clínicas registradas en este estado.',
    otherState: 'Elegir otro estado',
  },
  release: {
    title: (service: string) => `Fila para ${service}`,
    unit: (unit: string) => `En ${unit}.`,
    opensAt: (when: string) => `Los horarios del nuevo día se abren ${when}.`,
    none: 'Por ahora esta clínica no tiene horarios por abrir en internet para este servicio.',
    notYet: (when: string) =>
      `La fila para esta apertura se abre ${when}. Vuelve a esa hora: quienes lleguen antes de la apertura tienen la misma oportunidad.`,
    race: 'Esta clínica abre sus horarios sin fila: a la hora de la apertura entra y agenda como siempre.',
    allocate: 'En esta clínica los horarios de este servicio se asignan por solicitud, no por fila.',
    preWindow: (when: string) =>
      `Pide tu lugar ahora. ${when} se sortea el orden entre todas las personas que pidieron lugar antes: da lo mismo llegar primero o un poco después.`,
    rush: 'La apertura ya empezó. Si pides lugar ahora, te formas al final de la fila, en el orden en que llegues.',
    formTitle: 'Datos de la persona que necesita la cita',
    formIntro:
      'Un lugar por persona. Si pides lugar para tu familia, escribe los datos de cada persona, una a la vez. Aquí no te enviamos ningún mensaje; el código llega cuando sea tu turno.',
    submit: 'Pedir mi lugar',
    yourPlaces: 'Tus lugares en esta fila',
    placeLink: (n: number) => `Ver el lugar ${n}`,
    start: 'Entrar sin fila',
  },
  place: {
    pending: {
      title: 'Ya tienes tu lugar en la fila',
      drawAt: (when: string) =>
        `${when} se sortea el orden de la fila entre todas las personas que pidieron lugar antes de la apertura.`,
      count: (n: number) => `Hasta ahora hay ${people(n)} con lugar.`,
    },
    waiting: {
      title: (position: number) => `Tu lugar en la fila: ${position}`,
      ahead: (n: number) =>
        n === 0 ? 'Eres la siguiente persona en entrar.' : `Antes que tú hay ${people(n)}.`,
      wait: (m: number) =>
        m <= 1
          ? 'Calculamos que entrarás en menos de un minuto.'
          : `Calculamos que entrarás en unos ${minutes(m)}.`,
      mayRunOut: (slots: number) =>
        `Quedan ${slots} ${plural(slots, 'horario', 'horarios')} por internet y hay más personas antes que tú: es posible que no alcances. Por teléfono, al ${PHONE}, hay horarios aparte.`,
    },
    next: (passMinutes: number) =>
      `Cuando sea tu turno, esta página te lo dirá y tendrás ${minutes(passMinutes)} para entrar con el código que te enviaremos por mensaje y agendar.`,
    keep: (passMinutes: number) =>
      `Puedes cerrar esta página y volver: tu lugar se guarda. Cuando sea tu turno, tu lugar se guarda ${minutes(passMinutes)}.`,
    refreshing: (seconds: number) => `Esta página se actualiza sola cada ${seconds} segundos.`,
    refreshNow: 'Actualizar ahora',
    stopRefreshing: 'Dejar de actualizar sola',
    stopped: 'Esta página ya no se actualiza sola. Usa «Actualizar ahora» para ver tu lugar.',
    admitted: {
      title: 'Es tu turno',
      until: (time: string) => `Tienes hasta las ${time} para entrar con tu código y agendar.`,
      how: 'Escribe tu CURP y tu fecha de nacimiento; te enviaremos un código por mensaje (SMS). Si la cita es para alguien de tu familia, entra con tus datos y elige a esa persona.',
      go: 'Entrar y agendar',
      signedIn: 'Agendar ahora',
    },
    used: {
      title: 'Ya agendaste con este lugar',
      body: 'Tu cita está en «Mis citas».',
      mine: 'Ver mis citas',
    },
    expired: {
      title: 'Tu turno terminó',
      body: 'No se agendó a tiempo, así que el lugar pasó a la siguiente persona. Puedes volver a formarte: quedarás al final de la fila.',
      again: 'Volver a formarme',
    },
    closed: {
      title: 'Ya no quedan horarios de esta apertura por internet',
      body: [
        'Se agendaron todos los horarios de internet de esta apertura. No se hizo ningún cambio a tus citas.',
        `Por teléfono, al ${PHONE}, hay horarios aparte. También puedes volver mañana a la siguiente apertura.`,
      ],
    },
    back: 'Ir a la fila de la clínica',
  },
  problems: {
    notOpen: {
      title: 'Esta fila no está recibiendo lugares ahora',
      body: ['La fila se abre un rato antes de cada apertura de horarios. No se hizo ningún cambio.'],
    },
    exists: {
      title: 'Esta persona ya tiene lugar en esta fila',
      body: [
        'Cada persona tiene un solo lugar en cada fila. No se hizo ningún cambio: su lugar sigue guardado.',
        'Cuando sea su turno podrá entrar con su código desde cualquier celular o computadora.',
      ],
    },
    notFound: {
      title: 'No encontramos ese lugar',
      body: [
        'La dirección no corresponde a ningún lugar en la fila. Revisa que esté completa. No se hizo ningún cambio.',
      ],
    },
    notExpired: {
      title: 'Tu lugar sigue en la fila',
      body: ['Solo se vuelve a formar un lugar cuyo turno terminó. No se hizo ningún cambio.'],
    },
    passRequired: {
      title: 'Para estos horarios necesitas tu turno en la fila',
      body: [
        'Los horarios que se acaban de abrir se agendan por turno, en el orden de la fila, para que nadie gane por llegar en el primer segundo. No se hizo ningún cambio.',
      ],
      queue: 'Ir a la fila',
    },
    reviewRequired: {
      title: 'Revisa los datos antes de confirmar',
      body: ['Para confirmar una cita primero revisa sus datos. No se hizo ningún cambio.'],
      review: 'Revisar los datos',
    },
  },
} as const;

/** The staff console's view of releases and their lines. */
export const QUEUE_CONSOLE = {
  nav: 'Aperturas',
  national: {
    title: 'Aperturas de horarios en el país',
    intro:
      'Las filas de las aperturas de ayer a mañana, primero las que tienen más personas esperando. Las cifras cuentan solo a personas que pueden agendar en esa unidad.',
    none: 'No hay filas en estas fechas.',
    columns: [
      'Unidad',
      'Servicio',
      'Apertura',
      'En fila',
      'Con pase',
      'Agendaron',
      'Horarios web libres',
      'Tiempo para atender la fila',
    ],
  },
  unit: {
    title: (unit: string) => `Aperturas de ${unit}`,
    saved: 'Se guardaron los cambios.',
    noRelease: 'Sin horarios por abrir en internet.',
    rows: {
      mode: 'Forma de apertura',
      opensAt: 'Apertura',
      phase: 'Momento',
      waiting: 'Personas en fila',
      admitted: 'Con pase vigente',
      booked: 'Agendaron con su pase',
      expired: 'Pases vencidos sin usar',
      others: 'Lugares de CURP que no pueden agendar aquí',
      free: 'Horarios de internet libres',
      rate: 'Ritmo de admisión',
      drain: 'Tiempo estimado para atender la fila',
    },
    phases: {
      before: 'Antes de la fila',
      'pre-window': 'Fila abierta, antes del sorteo',
      rush: 'Apertura en curso',
      after: 'Terminó',
    } as Record<string, string>,
    modes: {
      race: 'Sin fila (el primero que llega)',
      queue: 'Fila con sorteo',
      allocate: 'Solicitud y asignación',
    } as Record<string, string>,
    perMinute: (n: number) => `${n} personas por minuto`,
    minutes: (n: number) => `${n} min`,
    defaults: 'Usa los valores generales',
    settingsTitle: (service: string) => `Cambiar la apertura de ${service}`,
    fields: {
      mode: 'Forma de apertura',
      preWindow: 'Minutos antes de la apertura en que se abre la fila',
      pass: 'Minutos que dura un pase',
      rate: 'Personas admitidas por minuto',
      rush: 'Minutos después de la apertura en que los horarios nuevos requieren pase',
    },
    save: 'Guardar',
    invalid: 'Revisa los números: deben ser enteros dentro de los límites.',
  },
} as const;
