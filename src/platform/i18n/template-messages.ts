// es-MX text of the agenda-template editor and the unit picker in the console.

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const TEMPLATES = {
  nav: 'Plantillas de agenda',
  title: 'Plantillas de agenda',
  intro:
    'Cada plantilla dice qué días y en qué horario atiende un consultorio, cada cuánto hay una cita y cuántas se reservan para internet, teléfono y ventanilla. Los cambios rigen desde este momento; antes de guardar puedes ver los horarios que generará.',
  newLink: 'Nueva plantilla',
  editLink: 'Cambiar',
  none: 'Esta unidad no tiene plantillas vigentes.',
  columns: {
    consultorio: 'Consultorio',
    shift: 'Turno',
    service: 'Servicio',
    days: 'Días',
    hours: 'Horario',
    length: 'Duración',
    shares: 'Internet / teléfono / ventanilla',
    sameDay: 'Para el mismo día',
    action: 'Acción',
  },
  shifts: { M: 'Matutino', V: 'Vespertino' } as Record<string, string>,
  weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  minutes: (n: number) => `${n} min`,
  percent: (n: number) => `${n} %`,
  sharesOf: (web: number, phone: number, counter: number) => `${web} % / ${phone} % / ${counter} %`,
  newTitle: 'Nueva plantilla',
  editTitle: 'Cambiar plantilla',
  fields: {
    consultorio: 'Consultorio',
    service: 'Servicio',
    weekdays: 'Días que atiende',
    startTime: 'Hora de inicio',
    endTime: 'Hora de fin',
    timeHint: 'Con formato de 24 horas, por ejemplo 08:00 o 14:30, en la hora de la unidad.',
    slotMinutes: 'Minutos por cita',
    horizonDays: 'Días por adelantado en que se abren las citas',
    releaseTime: 'Hora a la que se abren',
    web: 'Porcentaje para internet',
    phone: 'Porcentaje para teléfono',
    counter: 'Porcentaje para ventanilla',
    sharesHint: 'Los tres deben sumar 100.',
    sameDay: 'Porcentaje que se abre el mismo día (citas para hoy)',
    sameDayHint:
      'Esa parte de las citas de cada día se abre la misma mañana, a la hora de apertura, para todos los medios.',
  },
  errors: {
    consultorio: 'Elige un consultorio',
    service: 'Elige un servicio que ofrece la unidad',
    weekdays: 'Elige al menos un día',
    startTime: 'Escribe la hora de inicio como 08:00',
    endTime: 'Escribe una hora de fin posterior a la de inicio, como 14:00',
    slotMinutes: 'Escribe entre 5 y 240 minutos, sin pasar del horario',
    horizonDays: 'Escribe entre 1 y 120 días',
    releaseTime: 'Escribe la hora de apertura como 07:00',
    shares: 'Escribe porcentajes enteros para internet, teléfono y ventanilla que sumen 100',
    sameDayShare: 'Escribe un porcentaje entero entre 0 y 100',
  },
  preview: 'Ver horarios',
  save: 'Guardar plantilla',
  saveAndRebook: (n: number) =>
    `Guardar y mandar ${plural(n, 'la cita', `las ${n} citas`)} a reprogramar con SMS`,
  previewTitle: (days: number) => `Horarios que generará en los próximos ${days} días`,
  previewNone: 'Con estos datos no habría ningún horario en esos días.',
  previewCount: (n: number) => `${n} ${plural(n, 'horario', 'horarios')} en total.`,
  pools: { web: 'internet', phone: 'teléfono', counter: 'ventanilla' } as Record<string, string>,
  sameDayMark: 'se abre el mismo día',
  orphansTitle: (n: number) =>
    `${plural(n, 'Una cita agendada se quedaría', `${n} citas agendadas se quedarían`)} sin horario`,
  orphansBody:
    'Con este cambio estas citas ya no tendrían un horario en la agenda. No se guardó nada. Ajusta la plantilla para conservarlas, o mándalas a la lista para reprogramar: cada persona recibe un SMS para elegir otro horario y recepción llama a quien no responda.',
  orphanRow: (folio: string, when: string) => `Folio ${folio}: ${when}`,
  retireTitle: 'Retirar plantilla',
  retireBody:
    'El consultorio deja de generar horarios con esta plantilla. Los horarios libres desde ahora se cierran; las citas agendadas no se tocan sin que lo elijas.',
  retire: 'Retirar plantilla',
  retireAndRebook: (n: number) =>
    `Retirar y mandar ${plural(n, 'la cita', `las ${n} citas`)} a reprogramar con SMS`,
  done: (flagged: number, notified: number, proposed: number) =>
    flagged === 0
      ? 'Plantilla guardada. Ninguna cita cambió.'
      : `Plantilla guardada. ${flagged} ${plural(flagged, 'cita pasó', 'citas pasaron')} a la lista para reprogramar, ${proposed} con un horario nuevo apartado; ${notified} ${plural(notified, 'persona recibió', 'personas recibieron')} SMS.`,
  sameDayTitle: 'Citas para el mismo día por servicio',
  sameDayIntro:
    'Qué parte de las citas de cada día se abre esa misma mañana para todos los medios (acceso el mismo día). Se aplica a todas las plantillas del servicio en esta unidad.',
  sameDayNow: (service: string, shares: string) => `${service}: ${shares}`,
  sameDaySet: 'Guardar porcentaje',
  sameDayDemand: (askedPct: number, appointments: number, fillPct: number | null) =>
    `Últimas 4 semanas: ${askedPct} % de ${appointments} citas se pidieron para el mismo día${fillPct === null ? '' : `; las citas para hoy se llenaron al ${fillPct} %`}.`,
  sameDayTooFew: (appointments: number) =>
    `Últimas 4 semanas: ${appointments} ${plural(appointments, 'cita', 'citas')}; todavía son pocas para sugerir un porcentaje.`,
  sameDaySuggested: (share: number) => `Sugerido según la demanda: ${share} %.`,
  sameDayApply: (share: number) => `Aplicar ${share} %`,
  sameDayDone: (service: string, share: number) =>
    `${service}: ahora ${share} % de las citas se abre el mismo día.`,
  toList: 'Volver a las plantillas',
};

export const UNIT_PICKER = {
  nav: 'Unidades',
  title: 'Unidades',
  intro: 'Busca una unidad por su CLUES o su nombre para abrir su recepción, agenda y listas.',
  query: 'CLUES o nombre',
  search: 'Buscar unidad',
  none: 'Ninguna unidad coincide con la búsqueda.',
  tooShort: 'Escribe al menos 3 letras o números.',
  links: {
    reception: 'Recepción',
    agenda: 'Agenda',
    templates: 'Plantillas',
    worklist: 'Reprogramar',
    waitlist: 'Lista de espera',
  },
};
