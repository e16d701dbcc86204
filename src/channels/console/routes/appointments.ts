import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Appointment, getAppointment } from '../../../booking/appointments.js';
import { cancelAppointment } from '../../../booking/cancel.js';
import { BookingError } from '../../../booking/errors.js';
import { rescheduleAppointment } from '../../../booking/reschedule.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { actorOf, auditAgent, requireAgent } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { nextFreeSlots } from '../free-slots.js';
import { appointmentPage, cancelPage } from '../pages/appointment.js';
import { chooseNewSlotPage } from '../pages/booking.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { refusalMessage } from '../refusals.js';

const AppointmentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function appointmentRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  /** Showing an appointment shows whose it is: a read of that person's data. */
  const auditRead = (request: FastifyRequest, agent: StaffAccount, appointment: Appointment) =>
    auditAgent(db, request, agent, {
      action: 'appointment.read',
      subjectBeneficiaryId: appointment.beneficiary.id,
      result: 'ok',
      detail: { appointmentId: appointment.id },
    });
  const change = (agentActor: string, sourceIp: string) => ({
    actor: agentActor,
    sourceIp,
    channel: 'agent' as const,
    cutoffMinutes: config.changeCutoffMinutes,
  });

  api.get(
    '/consola/citas/:id',
    {
      schema: {
        params: AppointmentParams,
        querystring: Type.Object({ hecho: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const agent = requireAgent(request);
      const appointment = await getAppointment(db, request.params.id);
      await auditRead(request, agent, appointment);
      return sendConsolePage(context, request, reply, appointmentPage(appointment, request.query.hecho));
    },
  );

  api.get(
    '/consola/citas/:id/cancelar',
    { schema: { params: AppointmentParams } },
    async (request, reply) => {
      const agent = requireAgent(request);
      const appointment = await getAppointment(db, request.params.id);
      await auditRead(request, agent, appointment);
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(context, request, reply, cancelPage(appointment, session.csrfToken));
    },
  );

  api.post(
    '/consola/citas/:id/cancelar',
    {
      schema: {
        params: AppointmentParams,
        body: Type.Object(
          { motivo: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: true },
        ),
      },
    },
    async (request, reply) => {
      const agent = requireAgent(request);
      const reason = request.body.motivo?.trim() || undefined;
      const cancelled = await cancelAppointment(
        db,
        { appointmentId: request.params.id, reason, ...change(actorOf(agent), request.ip) },
        clock(),
      );
      return seeOther(reply, `/consola/citas/${cancelled.id}?hecho=cancelada`);
    },
  );

  async function newSlotChoices(appointmentId: string) {
    const appointment = await getAppointment(db, appointmentId);
    const slots = await nextFreeSlots(
      db,
      {
        unitClues: appointment.unit.clues,
        serviceCode: appointment.service.code,
        excludeSlotIds: [appointment.slotId],
      },
      clock(),
    );
    return { appointment, slots };
  }

  api.get('/consola/citas/:id/cambiar', { schema: { params: AppointmentParams } }, async (request, reply) => {
    const agent = requireAgent(request);
    const { appointment, slots } = await newSlotChoices(request.params.id);
    await auditRead(request, agent, appointment);
    const session = await context.sessions.ensure(request, reply);
    return sendConsolePage(
      context,
      request,
      reply,
      chooseNewSlotPage({ appointment, slots, csrfToken: session.csrfToken }),
    );
  });

  api.post(
    '/consola/citas/:id/cambiar',
    {
      schema: {
        params: AppointmentParams,
        body: Type.Object(
          { horario: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
          { additionalProperties: true },
        ),
      },
    },
    async (request, reply) => {
      const agent = requireAgent(request);
      try {
        const moved = await rescheduleAppointment(
          db,
          {
            appointmentId: request.params.id,
            slotId: request.body.horario,
            ...change(actorOf(agent), request.ip),
          },
          clock(),
        );
        return seeOther(reply, `/consola/citas/${moved.id}?hecho=cambiada`);
      } catch (error) {
        if (!(error instanceof BookingError)) throw error;
        // A taken slot: the same page again, with the slots free now.
        if (error.code !== 'SLOT_TAKEN' && error.code !== 'QUOTA_EXHAUSTED') throw error;
        const { appointment, slots } = await newSlotChoices(request.params.id);
        return sendConsolePage(
          context,
          request,
          reply,
          chooseNewSlotPage({
            appointment,
            slots,
            csrfToken: request.session?.csrfToken ?? '',
            refusal: { code: error.code, message: refusalMessage(error.code, config.changeCutoffMinutes) },
          }),
        );
      }
    },
  );
}
