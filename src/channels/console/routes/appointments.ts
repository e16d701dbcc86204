import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AvailableSlot } from '../../../agenda/availability.js';
import { type Appointment, getAppointment } from '../../../booking/appointments.js';
import { cancelAppointment } from '../../../booking/cancel.js';
import { isBookingRefusal } from '../../../booking/errors.js';
import { keepProposal } from '../../../booking/replacement.js';
import { rescheduleAppointment } from '../../../booking/reschedule.js';
import { readAppointmentForStaff } from '../../../booking/staff-reads.js';
import { mayActOnPerson } from '../../../identity/roles.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { requireOperation, scopeOf } from '../access.js';
import { actorOf, bookingChannelOf } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import {
  daysToOffer,
  nextFreeSlots,
  readSlotFilter,
  type SlotFilter,
  SlotFilterQuery,
} from '../free-slots.js';
import { appointmentPage, cancelPage } from '../pages/appointment.js';
import { chooseNewSlotPage } from '../pages/booking.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { refusalMessage } from '../refusals.js';

const AppointmentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function appointmentRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  /**
   * Showing an appointment shows whose it is: a read of that person's data, allowed to unit staff
   * only for their unit's people at their unit (refused and audited otherwise), and audited.
   */
  const readAppointment = (request: FastifyRequest, agent: StaffAccount, id: string): Promise<Appointment> =>
    readAppointmentForStaff(db, id, {
      actor: actorOf(agent),
      channel: 'console',
      sourceIp: request.ip,
      scope: scopeOf(agent),
    });
  const change = (agent: StaffAccount, sourceIp: string) => ({
    actor: actorOf(agent),
    staff: scopeOf(agent),
    sourceIp,
    channel: bookingChannelOf(agent),
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
      const agent = requireOperation(request, 'appointment.read');
      const appointment = await readAppointment(request, agent, request.params.id);
      const mayChange = mayActOnPerson(scopeOf(agent), 'appointment.change', {
        person: appointment.beneficiary.unitClues,
        places: [appointment.unit.clues],
      });
      return sendConsolePage(
        context,
        request,
        reply,
        appointmentPage(appointment, request.query.hecho, mayChange),
      );
    },
  );

  api.get(
    '/consola/citas/:id/cancelar',
    { schema: { params: AppointmentParams } },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.change');
      const appointment = await readAppointment(request, agent, request.params.id);
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(context, request, reply, cancelPage(appointment, session.csrfToken));
    },
  );

  api.post(
    '/consola/citas/:id/cancelar',
    {
      schema: {
        params: AppointmentParams,
        body: Type.Object({ motivo: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.change');
      const reason = request.body.motivo?.trim() || undefined;
      const cancelled = await cancelAppointment(
        db,
        { appointmentId: request.params.id, reason, ...change(agent, request.ip) },
        clock(),
      );
      return seeOther(reply, `/consola/citas/${cancelled.id}?hecho=cancelada`);
    },
  );

  function newSlotChoices(agent: StaffAccount, appointment: Appointment, filter: SlotFilter = {}) {
    return nextFreeSlots(
      db,
      {
        unitClues: appointment.unit.clues,
        serviceCode: appointment.service.code,
        channel: bookingChannelOf(agent),
        excludeSlotIds: [appointment.slotId],
      },
      clock(),
      filter,
    );
  }
  const slotPage = (
    appointment: Appointment,
    slots: AvailableSlot[],
    filter: SlotFilter,
    csrfToken: string,
  ) => ({
    appointment,
    slots,
    filter,
    days: daysToOffer(clock(), appointment.timeZone),
    csrfToken,
  });

  api.get(
    '/consola/citas/:id/cambiar',
    { schema: { params: AppointmentParams, querystring: Type.Object(SlotFilterQuery) } },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.change');
      const appointment = await readAppointment(request, agent, request.params.id);
      const filter = readSlotFilter(request.query);
      const slots = await newSlotChoices(agent, appointment, filter);
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(
        context,
        request,
        reply,
        chooseNewSlotPage(slotPage(appointment, slots, filter, session.csrfToken)),
      );
    },
  );

  api.post(
    '/consola/citas/:id/cambiar',
    {
      schema: {
        params: AppointmentParams,
        body: Type.Object({ horario: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
      },
    },
    async (request, reply) => {
      // The booking domain refuses another unit's person, appointment or new slot (roles.ts).
      const agent = requireOperation(request, 'appointment.change');
      try {
        const moved = await rescheduleAppointment(
          db,
          {
            appointmentId: request.params.id,
            slotId: request.body.horario,
            ...change(agent, request.ip),
          },
          clock(),
        );
        return seeOther(reply, `/consola/citas/${moved.id}?hecho=cambiada`);
      } catch (error) {
        if (!isBookingRefusal(error)) throw error;
        // A taken slot: the same page again, with the slots free now.
        if (error.code !== 'SLOT_TAKEN' && error.code !== 'QUOTA_EXHAUSTED') throw error;
        const appointment = await getAppointment(db, request.params.id);
        const slots = await newSlotChoices(agent, appointment);
        return sendConsolePage(
          context,
          request,
          reply,
          chooseNewSlotPage({
            ...slotPage(appointment, slots, {}, request.session?.csrfToken ?? ''),
            refusal: { code: error.code, message: refusalMessage(error.code, config.changeCutoffMinutes) },
          }),
        );
      }
    },
  );

  // Staff who reached the person keep the time held for them, from the rebooking worklist.
  api.post(
    '/consola/citas/:id/conservar-propuesta',
    {
      schema: {
        params: AppointmentParams,
        body: Type.Object({ propuesta: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.change');
      const key = { proposalId: request.body.propuesta, appointmentId: request.params.id };
      const moved = await keepProposal(db, key, change(agent, request.ip), clock());
      return seeOther(reply, `/consola/citas/${moved.id}?hecho=cambiada`);
    },
  );
}
