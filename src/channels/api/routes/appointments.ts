import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bookSlot } from '../../../booking/book.js';
import { cancelAppointment } from '../../../booking/cancel.js';
import { rescheduleAppointment } from '../../../booking/reschedule.js';
import { readAppointmentForStaff, readAppointmentsForStaff } from '../../../booking/staff-reads.js';
import type { AppointmentChannel } from '../../../platform/db/schema.js';
import { DomainError } from '../../../platform/domain-error.js';
import type { ApiContext } from '../context.js';
import { presentAppointment } from '../present.js';
import { Appointment, AppointmentStatus, Channel, CurpString, Items, problemResponses } from '../schemas.js';
import { actorOf, staffReader, staffScopeOf } from '../staff-auth.js';
import { parseCurp } from './beneficiaries.js';

/** Staff book on a person's behalf by phone or at the counter; web and IVR have their own channels. */
const STAFF_CHANNELS: ReadonlySet<AppointmentChannel> = new Set(['agent', 'counter']);

const AppointmentId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const SlotId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export function appointmentRoutes({ app, db, clock, config, requireStaff }: ApiContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/v1/appointments',
    {
      onRequest: requireStaff('appointment.book'),
      schema: {
        tags: ['citas'],
        summary: 'Agendar una cita',
        description:
          'Aparta el horario para la persona. Un reintento con el mismo encabezado Idempotency-Key devuelve la misma cita.',
        security: [{ bearer: [] }],
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({
              minLength: 8,
              maxLength: 200,
              pattern: '^[\\x21-\\x7e]+$',
              description:
                'una clave única por operación, de 8 a 200 caracteres ASCII visibles sin espacios; por ejemplo, un UUID',
            }),
          ),
        }),
        body: Type.Object(
          { curp: CurpString, slotId: SlotId, channel: Channel },
          { additionalProperties: false },
        ),
        response: { 201: Appointment, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { slotId, channel } = request.body;
      const curp = parseCurp(request.body.curp);
      if (!STAFF_CHANNELS.has(channel))
        throw new DomainError('CHANNEL_NOT_ALLOWED', 'staff book as agent or counter');
      const { appointment, replayed } = await bookSlot(
        db,
        {
          curp,
          slotId,
          channel,
          actor: actorOf(request),
          staff: staffScopeOf(request),
          sourceIp: request.ip,
          churnLimit: config.churnLimit,
          idempotencyKey: request.headers['idempotency-key'],
        },
        clock(),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(presentAppointment(appointment));
    },
  );

  api.get(
    '/api/v1/appointments',
    {
      onRequest: requireStaff('appointment.read'),
      schema: {
        tags: ['citas'],
        summary: 'Citas de una persona, de la más reciente a la más antigua',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          { curp: CurpString, status: Type.Optional(AppointmentStatus) },
          { additionalProperties: false },
        ),
        response: { 200: Items(Appointment), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const found = await readAppointmentsForStaff(
        db,
        { curp: parseCurp(request.query.curp), status: request.query.status },
        staffReader(request),
      );
      return { items: found.map(presentAppointment) };
    },
  );

  api.get(
    '/api/v1/appointments/:id',
    {
      onRequest: requireStaff('appointment.read'),
      schema: {
        tags: ['citas'],
        summary: 'Una cita',
        security: [{ bearer: [] }],
        params: AppointmentId,
        response: { 200: Appointment, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const appointment = await readAppointmentForStaff(db, request.params.id, staffReader(request));
      return presentAppointment(appointment);
    },
  );

  api.post(
    '/api/v1/appointments/:id/cancel',
    {
      onRequest: requireStaff('appointment.change'),
      // The body is optional: a bare POST cancels without a reason.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: ['citas'],
        summary: 'Cancelar una cita',
        security: [{ bearer: [] }],
        params: AppointmentId,
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Appointment, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const cancelled = await cancelAppointment(
        db,
        {
          appointmentId: request.params.id,
          reason: request.body.reason,
          actor: actorOf(request),
          staff: staffScopeOf(request),
          sourceIp: request.ip,
          channel: 'agent',
          cutoffMinutes: config.changeCutoffMinutes,
        },
        clock(),
      );
      return presentAppointment(cancelled);
    },
  );

  api.post(
    '/api/v1/appointments/:id/reschedule',
    {
      onRequest: requireStaff('appointment.change'),
      schema: {
        tags: ['citas'],
        summary: 'Cambiar una cita a otro horario del mismo servicio',
        description:
          'Una sola transacción: si el nuevo horario no se puede apartar, la cita original no cambia.',
        security: [{ bearer: [] }],
        params: AppointmentId,
        body: Type.Object({ slotId: SlotId }, { additionalProperties: false }),
        response: { 200: Appointment, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const moved = await rescheduleAppointment(
        db,
        {
          appointmentId: request.params.id,
          slotId: request.body.slotId,
          actor: actorOf(request),
          staff: staffScopeOf(request),
          sourceIp: request.ip,
          channel: 'agent',
          cutoffMinutes: config.changeCutoffMinutes,
        },
        clock(),
      );
      return presentAppointment(moved);
    },
  );
}
