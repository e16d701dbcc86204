import { type TSchema, Type } from '@sinclair/typebox';

// Any length up to a bound: the CURP rules (registry/curp.ts) explain what is wrong better than a
// length check would.
export const CurpString = Type.String({ minLength: 1, maxLength: 64, description: 'CURP, 18 caracteres' });
export const CluesString = Type.String({
  pattern: '^[A-Z]{5}[0-9]{6}$',
  description: 'Clave CLUES de la unidad',
});
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Channel = Type.Union([
  Type.Literal('web'),
  Type.Literal('ivr'),
  Type.Literal('agent'),
  Type.Literal('counter'),
]);
export const AppointmentStatus = Type.Union([
  Type.Literal('booked'),
  Type.Literal('cancelled'),
  Type.Literal('attended'),
  Type.Literal('no_show'),
]);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
  },
  { additionalProperties: true, description: 'RFC 9457 problem document (application/problem+json)' },
);

export const Slot = Type.Object({
  slotId: Type.Integer(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  unit: Type.String(),
  service: Type.String(),
  resource: Type.Object({ id: Type.Integer(), name: Type.String() }),
  shift: Type.Union([Type.Literal('M'), Type.Literal('V')]),
});

export const Appointment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  folio: Type.String(),
  folioDisplay: Type.String(),
  status: AppointmentStatus,
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  unit: Type.String(),
  unitName: Type.String(),
  service: Type.String(),
  serviceName: Type.String(),
  resource: Type.Object({ id: Type.Integer(), name: Type.String() }),
  curp: Type.String(),
  channel: Channel,
  needsRebooking: Type.Boolean(),
  checkIn: Type.Object(
    {
      accompaniedBy: Type.Union([Type.Literal('none'), Type.Literal('holder'), Type.Literal('guardian')], {
        description: 'Una persona menor de edad acude con la o el titular (o su tutor) el día de la cita.',
      }),
      documents: Type.Array(
        Type.Union([
          Type.Literal('own_photo_id'),
          Type.Literal('own_curp_or_affiliation'),
          Type.Literal('companion_photo_id'),
          Type.Literal('minor_curp_or_affiliation'),
        ]),
      ),
      present: Type.Array(Type.String(), {
        description: 'Lo que se presenta en la unidad, en frases para leer a la persona.',
      }),
    },
    { description: 'Identificación que se presenta en la unidad para ser atendido.' },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const Unit = Type.Object({
  clues: Type.String(),
  name: Type.String(),
  type: Type.String(),
  state: Type.Object({ code: Type.String(), name: Type.String() }),
  municipality: Type.String(),
  timeZone: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  services: Type.Array(Type.String()),
});

export const Beneficiary = Type.Object({
  curp: Type.String(),
  affiliationNumber: Type.Union([Type.String(), Type.Null()]),
  givenNames: Type.String(),
  firstSurname: Type.String(),
  secondSurname: Type.String(),
  birthDate: Type.String({ format: 'date' }),
  sex: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  holder: Type.Boolean(),
  unit: Type.String(),
  consultorio: Type.String(),
  shift: Type.String(),
  eligibleUntil: Type.String({ format: 'date' }),
  eligible: Type.Boolean(),
});

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** Error answers every route may give, for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { ...Problem, description: 'Problem' }]));
