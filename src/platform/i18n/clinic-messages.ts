// es-MX text of the clinic's morning in the console (check-in, consultorio queues, the unit's
// closures and rebooking worklist) and of the waiting room's screen.

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const CLINIC = {
  nav: { reception: 'Recepción', unitAgenda: 'Agenda de la unidad' },
  reception: {
    title: 'Recepción',
    intro:
      'Registra la llegada con el folio de la cita o la CURP. Con la CURP de la persona titular aparecen también las citas de hoy de su familia.',
    query: 'Folio o CURP',
    queryHint: 'Ejemplo de folio: ACDE-FHJK',
    find: 'Buscar citas de hoy',
    consultorios: 'Filas de los consultorios',
    noConsultorios: 'Esta unidad no tiene consultorios registrados.',
    screen: 'Pantalla de la sala de espera',
    arrivals: 'Citas de hoy',
    checkIn: (name: string) => `Registrar llegada de ${name}`,
    checkedIn: (time: string) => `Llegó a las ${time}.`,
    late: 'Llega tarde: pasa después de quienes llegaron a tiempo.',
    onTime: 'A tiempo.',
    needsRebooking: (reason: string) => `Por reagendar: ${reason}. Cámbiala antes de registrar la llegada.`,
    verify: 'Antes de registrar, revisa la identificación:',
    personal: 'La cita es personal: solo la usa la persona a la que pertenece.',
    done: (folio: string) => `Llegada registrada: folio ${folio}.`,
    doneLate: (folio: string) =>
      `Llegada registrada con retraso: folio ${folio}. Pasa después de quienes llegaron a tiempo.`,
    rows: { person: 'Persona', folio: 'Folio', when: 'Hora', place: 'Consultorio', service: 'Servicio' },
  },
  queue: {
    title: (consultorio: string) => `Fila de ${consultorio}`,
    pace: (minutes: number) =>
      `Ritmo de hoy: una persona cada ${minutes} ${plural(minutes, 'minuto', 'minutos')}. Las horas estimadas nunca son antes de la hora de la cita.`,
    callNext: 'Llamar a la siguiente persona',
    called: (folio: string) => `Se llamó al folio ${folio}.`,
    noShow: 'No se presentó',
    markedNoShow: 'Registrada como inasistencia.',
    line: 'En espera',
    empty: 'Nadie más tiene cita hoy en este consultorio.',
    missing: 'No han llegado (pasó su tolerancia)',
    calledToday: 'Llamadas de hoy',
    columns: {
      position: 'Lugar',
      folio: 'Folio',
      appointment: 'Cita',
      state: 'Llegada',
      expected: 'Llamada estimada',
      calledAt: 'Llamada',
      status: 'Resultado',
    },
    arrived: (time: string) => `Llegó ${time}`,
    arrivedLate: (time: string) => `Llegó tarde, ${time}`,
    notArrived: 'En camino',
    comeNowSent: 'En camino (SMS "ven ahora" enviado)',
    status: { attended: 'Atendida', no_show: 'No se presentó' } as Record<string, string>,
    back: 'Volver a recepción',
  },
  unit: {
    title: 'Agenda de la unidad',
    intro:
      'Un cierre o una ausencia bloquea los horarios libres y pasa las citas de ese día a la lista por reagendar; a cada persona se le aparta el horario libre más cercano y recibe un SMS para conservarlo o elegir otro.',
    closeTitle: 'Cerrar la unidad un día',
    absenceTitle: 'Ausencia de un consultorio un día',
    day: 'Día',
    dayHint: 'Año, mes y día, por ejemplo 2026-12-24',
    reason: 'Motivo',
    consultorio: 'Consultorio',
    close: 'Cerrar ese día',
    absent: 'Registrar la ausencia',
    done: (blocked: number, flagged: number, notified: number, proposed: number) =>
      `Listo: ${blocked} ${plural(blocked, 'horario bloqueado', 'horarios bloqueados')}, ${flagged} ${plural(flagged, 'cita pasó', 'citas pasaron')} a la lista por reagendar, ${proposed} con un horario nuevo apartado, y ${notified} ${plural(notified, 'persona recibió', 'personas recibieron')} SMS.`,
    upcoming: 'Cierres y ausencias desde hoy',
    noUpcoming: 'No hay cierres ni ausencias registrados desde hoy.',
    wholeUnit: 'Toda la unidad',
    columns: { day: 'Día', what: 'Qué', reason: 'Motivo' },
    errorSummary: 'Revisa lo siguiente',
    worklistLink: (n: number) => `Citas por reagendar (${n})`,
    errors: {
      day: 'Escribe el día como 2026-12-24, de hoy en adelante.',
      reason: 'Escribe el motivo (de 3 a 200 letras).',
      consultorio: 'Elige el consultorio.',
    },
  },
  worklist: {
    title: 'Citas por reagendar',
    intro:
      'Citas de días cerrados o de consultorios ausentes que nadie ha cambiado ni cancelado. Llama a quien no haya elegido otro horario; la cita sale de la lista al cambiarla o cancelarla.',
    none: 'No hay citas por reagendar.',
    columns: {
      when: 'Cita',
      person: 'Persona',
      service: 'Servicio',
      reason: 'Motivo',
      phone: 'Teléfono',
      sms: 'SMS',
      action: 'Acción',
    },
    smsSent: 'Enviado',
    notSent: 'No enviado: llamar',
    noPhone: 'Sin teléfono: llamar o esperar en ventanilla',
    rebook: 'Cambiar horario',
  },
  problems: {
    ARRIVAL_QUERY_INVALID: {
      title: 'Revisa el folio o la CURP',
      body: 'Escribe el folio de 8 caracteres (como ACDE-FHJK) o la CURP de 18.',
    },
    ARRIVAL_NOT_FOUND: {
      title: 'No hay cita hoy',
      body: 'No encontramos una cita de hoy en esta unidad con ese folio o CURP. Si la persona no tiene cita, agéndala desde la búsqueda.',
    },
    ARRIVAL_NOT_TODAY: {
      title: 'La cita no es hoy',
      body: 'Esa cita es otro día. Revisa la fecha con la persona; puede cambiarla desde su registro.',
    },
    ALREADY_CHECKED_IN: {
      title: 'La llegada ya estaba registrada',
      body: 'Otra persona de recepción ya registró esta llegada. No hace falta hacer nada más.',
    },
    ARRIVAL_NOT_ACTIVE: {
      title: 'La cita ya no está vigente',
      body: 'La cita se canceló, se cambió o ya se atendió.',
    },
    ARRIVAL_NEEDS_REBOOKING: {
      title: 'Esta cita está por reagendar',
      body: 'La unidad no dará consulta en el horario de esta cita (cierre o ausencia). Cámbiala a otro horario con la persona antes de registrar su llegada.',
    },
    QUEUE_EMPTY: {
      title: 'No hay nadie esperando',
      body: 'Nadie que ya registró su llegada espera este consultorio. Las personas en camino aparecen cuando lleguen.',
    },
    NOT_CALLED: {
      title: 'Esa persona no fue llamada',
      body: 'Solo se registra la inasistencia de alguien que ya fue llamado hoy a este consultorio.',
    },
    CONSULTORIO_NOT_FOUND: {
      title: 'No encontramos el consultorio',
      body: 'Vuelve a recepción y elige uno de la lista.',
    },
    CLOSURE_EXISTS: {
      title: 'Ese día ya estaba cerrado',
      body: 'La unidad ya tenía un cierre registrado ese día.',
    },
    RESOURCE_NOT_FOUND: { title: 'No encontramos el consultorio', body: 'Elige uno de la lista.' },
  },
  toReception: 'Volver a recepción',
  toUnitAgenda: 'Volver a la agenda de la unidad',
};

export const WAITING_SCREEN = {
  title: 'Turnos',
  heading: 'Turnos llamados',
  columns: { folio: 'Folio', consultorio: 'Pasa a', at: 'Hora' },
  none: 'Aún no se ha llamado a nadie hoy.',
  footer:
    'Si tu folio aparece, pasa al consultorio indicado. Tu información personal no se muestra en esta pantalla.',
  unknown: 'Esta pantalla no corresponde a una unidad registrada.',
};
