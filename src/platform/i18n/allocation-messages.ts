// es-MX words of request and allocate, on every channel (portal, console, phone line).

const PHONE = '55 4000 1000';

export const ALLOCATION_WEB = {
  nav: 'Mis solicitudes',
  list: {
    title: 'Solicitar cita en una apertura',
    lead: 'En algunas unidades las citas más solicitadas no se ganan por llegar primero: se piden antes y se asignan por sorteo.',
    how: [
      'Envía tu solicitud antes de la hora de asignación. Da igual si la envías al principio o al final: el orden se sortea.',
      'A la hora de asignación se sortea el orden de todas las solicitudes y a cada persona, por turno, se le da el primer horario libre que aceptó.',
      'El resultado llega por SMS al celular registrado: la cita con su folio, o que no alcanzaste lugar y qué hacer.',
    ],
    none: 'Ahora no hay aperturas recibiendo solicitudes.',
    closes: 'Asignación',
    request: 'Solicitar',
    requestFor: (service: string, unit: string) => `Solicitar ${service} en ${unit}`,
  },
  form: {
    title: (service: string) => `Solicitud de cita de ${service}`,
    intro: (unit: string, when: string) =>
      `${unit}. Las citas se asignan por sorteo el ${when}. Puedes enviar la solicitud hasta ese momento.`,
    curpLabel: 'CURP de la persona que irá a la cita',
    curpHint: 'Son 18 letras y números. Está en tu acta de nacimiento o en tu credencial.',
    birthLegend: 'Fecha de nacimiento',
    birthHint: 'Por ejemplo, 27 3 1985',
    daysLegend: '¿Qué días puedes ir?',
    daysHint: 'Marca los que te sirven. Si no marcas ninguno, aceptas cualquiera.',
    shiftLegend: '¿En qué turno?',
    shifts: { any: 'Cualquiera', M: 'Matutino (mañana)', V: 'Vespertino (tarde)' },
    submit: 'Enviar solicitud',
    privacy:
      'Usamos tu CURP solo para esta solicitud y para avisarte el resultado. Consulta el aviso de privacidad.',
  },
  received: {
    title: 'Recibimos la solicitud',
    body: (when: string) => [
      `Si los datos corresponden a una persona con derecho a esta cita en esta unidad, participará en la asignación del ${when}.`,
      'El resultado llegará por SMS al celular registrado en el Instituto.',
      'Si ya se había enviado una solicitud para esta persona en esta apertura, se conserva la primera.',
      'Para ver o retirar tus solicitudes, entra a Citas con tu código: Mis solicitudes.',
    ],
    back: 'Ver otras aperturas',
  },
  mine: {
    title: 'Mis solicitudes',
    none: 'No tienes solicitudes.',
    forWhom: (service: string, unit: string, name: string) => `${service} en ${unit}, para ${name}`,
    drawAt: 'Asignación',
    preferences: 'Preferencias',
    anyDay: 'cualquier día',
    anyShift: 'cualquier turno',
    status: 'Resultado',
    pending: 'Esperando la asignación',
    outcome: {
      pending: 'Asignando',
      booked: 'Obtuviste cita: está en Mis citas',
      not_granted: 'No alcanzaste lugar',
      refused: 'No se pudo asignar',
    } as Record<string, string>,
    withdraw: 'Retirar solicitud',
    withdrawn: 'Retiraste la solicitud.',
    newRequest: 'Solicitar en otra apertura',
  },
  problems: {
    windowClosed: {
      title: 'Esta apertura ya no recibe solicitudes',
      body: [
        'La asignación ya se hizo o todavía no empieza a recibir solicitudes. No se hizo ningún cambio.',
        'Si la asignación ya se hizo, los lugares que quedan se ofrecen en Agendar cita.',
      ],
    },
    notFound: {
      title: 'No encontramos esa solicitud',
      body: ['Puede que ya se haya retirado. No se hizo ningún cambio.'],
    },
    preferences: {
      title: 'Esos días o ese turno no están en esta apertura',
      body: ['Elige entre los días y turnos que muestra la solicitud. No se hizo ningún cambio.'],
    },
  },
} as const;

export const ALLOCATION_PHONE = {
  /** Main-menu option, said only when the caller's unit takes requests. */
  menuOption: 'Para solicitar una cita en el sorteo de tu unidad, marca cuatro.',
  offer: (service: string, when: string) =>
    `Las citas de ${service} de tu unidad se asignan por sorteo el ${when}. Para enviar tu solicitud, para cualquier día y turno, marca uno. Para regresar, marca dos.`,
  filed: 'Recibimos tu solicitud. El resultado te llegará por mensaje de texto a la hora del sorteo.',
  exists: 'Ya tenías una solicitud para ese sorteo. Se conserva la primera.',
  closed: 'Ese sorteo ya no recibe solicitudes.',
  none: 'Tu unidad no tiene sorteos recibiendo solicitudes ahora.',
} as const;

export const ALLOCATION_CONSOLE = {
  title: 'Solicitudes de asignación',
  open: 'Aperturas que reciben solicitudes',
  none: 'No hay aperturas de la unidad de esta persona recibiendo solicitudes.',
  file: 'Registrar solicitud',
  shift: 'Turno',
  days: 'Días',
  filed: 'Solicitud registrada. El resultado le llegará por SMS.',
  exists: 'Esta persona ya tenía una solicitud para esa apertura; se conserva la primera.',
  requests: 'Sus solicitudes',
  withdraw: 'Retirar',
  withdrawn: 'Solicitud retirada.',
  link: 'Solicitudes de asignación',
  phone: PHONE,
} as const;
