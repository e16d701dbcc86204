import type { FastifyInstance } from 'fastify';
import { findAvailability } from '../../../agenda/availability.js';
import { localToday } from '../../../agenda/slot-plan.js';
import { type Appointment, listAppointments } from '../../../booking/appointments.js';
import { cancelAppointment, changeableAppointment } from '../../../booking/cancel.js';
import { BookingError, isBookingRefusal } from '../../../booking/errors.js';
import { formatFolio } from '../../../booking/folio.js';
import { heldTimes, keepProposal } from '../../../booking/replacement.js';
import { rescheduleAppointment } from '../../../booking/reschedule.js';
import { isTooLateToChange } from '../../../booking/rules.js';
import { loadSlotForBooking } from '../../../booking/slot-facts.js';
import { getUnit } from '../../../network/units.js';
import { calendarDay } from '../../../platform/calendar-day.js';
import { DomainError } from '../../../platform/domain-error.js';
import { LOOP_WEB } from '../../../platform/i18n/access-loop-messages.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { waitlistOf } from '../../../waitlist/entries.js';
import { appointmentCalendar } from '../calendar-file.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import { cancelPage, myAppointmentsPage } from '../pages/appointments.js';
import { changeReviewPage, datesPage, type SlotLinks, timesPage } from '../pages/booking.js';
import { slotTakenPage } from '../pages/booking-problems.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { proposalKeptPage } from '../pages/rebooking.js';
import { waitlistSection } from '../pages/waitlist.js';
import { actorOf, appointmentOf, idParam, requireVisitor, type Visitor } from '../visitor.js';
import { SEARCH_DAYS } from './booking.js';

type WithId = { Params: { id: string } };
const MAX_SLOTS_LISTED = 1000;

function changeLinks(appointmentId: string): SlotLinks {
  const base = `/citas/${appointmentId}/cambiar`;
  return {
    dates: base,
    day: (localDate) => `${base}/hora?dia=${localDate}`,
    review: (slotId) => `${base}/revisar?horario=${slotId}`,
  };
}

export function appointmentRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, config } = context;
  const who = (visitor: Visitor) => ({
    actor: actorOf(visitor),
    channel: 'web' as const,
    cutoffMinutes: config.changeCutoffMinutes,
  });
  /** The visitor's appointment, if the domain still lets it be changed now. */
  const changeable = async (visitor: Visitor, id: string): Promise<Appointment> => {
    await appointmentOf(context, visitor, id);
    return changeableAppointment(db, id, who(visitor), clock());
  };

  app.get('/citas', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const now = clock();
    const all = await listAppointments(db, { beneficiaryIds: visitor.people.map((p) => p.id) });
    const ahead = all.filter((a) => a.startsAt > now).reverse();
    const upcoming = ahead.filter((a) => a.status === 'booked');
    const past = all.filter((a) => a.startsAt <= now);
    const phones = new Map<string, string>();
    for (const a of upcoming)
      if (!phones.has(a.unit.clues)) phones.set(a.unit.clues, (await getUnit(db, a.unit.clues)).phone);
    const held = await heldTimes(
      db,
      upcoming.filter((a) => a.needsRebooking).map((a) => a.id),
      now,
    );
    const cancelledFolio = field(request.query, 'cancelada');
    const waiting = await waitlistOf(
      db,
      visitor.people.map((p) => p.id),
    );
    const waitlistNotice = { alta: LOOP_WEB.mine.joined, baja: LOOP_WEB.mine.left }[
      field(request.query, 'espera')
    ];
    return sendPage(
      context,
      request,
      reply,
      myAppointmentsPage({
        upcoming: upcoming.map((appointment) => ({
          appointment,
          held: held.get(appointment.id) ?? null,
          changeable: !isTooLateToChange(appointment, now, config.changeCutoffMinutes),
          unitPhone: phones.get(appointment.unit.clues) ?? WEB.phone,
        })),
        cancelledAhead: ahead.filter((a) => a.status !== 'booked'),
        past,
        readerId: visitor.me.id,
        now,
        csrfToken: request.session?.csrfToken ?? '',
        notice: /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(cancelledFolio)
          ? WEB.mine.cancelled(cancelledFolio)
          : waitlistNotice,
        waitlist: waitlistSection(waiting, request.session?.csrfToken ?? ''),
      }),
    );
  });

  app.get<WithId>('/citas/:id/cancelar', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const appointment = await changeable(visitor, request.params.id);
    return sendPage(context, request, reply, cancelPage(request.session?.csrfToken ?? '', appointment));
  });

  app.post<WithId>(
    '/citas/:id/cancelar',
    { config: { formFields: [], writes: true } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      await appointmentOf(context, visitor, request.params.id);
      const cancelled = await cancelAppointment(
        db,
        { appointmentId: request.params.id, ...who(visitor) },
        clock(),
      );
      return seeOther(reply, `/citas?cancelada=${formatFolio(cancelled.folio)}`);
    },
  );

  // Mis citas' button for the time a closure held: the signed-in person keeps it for their family.
  app.post<WithId>(
    '/citas/:id/conservar-horario',
    { config: { formFields: ['propuesta'], writes: true } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      await appointmentOf(context, visitor, request.params.id);
      const proposalId = idParam(field(request.body, 'propuesta'));
      if (proposalId === null) throw new DomainError('NOT_FOUND', 'no proposal named');
      const key = { proposalId, appointmentId: request.params.id };
      const moved = await keepProposal(db, key, who(visitor), clock());
      return sendPage(context, request, reply, proposalKeptPage(moved));
    },
  );

  app.get<WithId>('/citas/:id/cambiar', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const current = await changeable(visitor, request.params.id);
    const slots = await findAvailability(
      db,
      {
        unitClues: current.unit.clues,
        serviceCode: current.service.code,
        days: SEARCH_DAYS,
        channel: 'web',
        limit: MAX_SLOTS_LISTED,
      },
      clock(),
    );
    return sendPage(
      context,
      request,
      reply,
      datesPage({
        slots,
        links: changeLinks(current.id),
        back: '/citas',
        serviceName: current.service.name,
        unitName: current.unit.name,
        current,
        now: clock(),
        today: localToday(clock(), current.timeZone),
      }),
    );
  });

  app.get<WithId>('/citas/:id/cambiar/hora', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const current = await changeable(visitor, request.params.id);
    const day = field(request.query, 'dia');
    if (calendarDay(day) === null) throw new DomainError('NOT_FOUND', 'not a day');
    const slots = await findAvailability(
      db,
      {
        unitClues: current.unit.clues,
        serviceCode: current.service.code,
        from: day,
        days: 1,
        channel: 'web',
      },
      clock(),
    );
    return sendPage(
      context,
      request,
      reply,
      timesPage({ slots: slots.filter((s) => s.localDate === day), links: changeLinks(current.id) }),
    );
  });

  app.get<WithId>('/citas/:id/cambiar/revisar', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const current = await changeable(visitor, request.params.id);
    const slotId = idParam(field(request.query, 'horario'));
    const slot = slotId === null ? undefined : await loadSlotForBooking(db, slotId);
    if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no such slot');
    return sendPage(
      context,
      request,
      reply,
      changeReviewPage({
        csrfToken: request.session?.csrfToken ?? '',
        appointment: current,
        slot: { slotId: slot.id, startsAt: slot.startsAt, timeZone: slot.timeZone },
        datesHref: changeLinks(current.id).dates,
      }),
    );
  });

  app.post<WithId>(
    '/citas/:id/cambiar',
    { config: { formFields: ['horario'], writes: true } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      await appointmentOf(context, visitor, request.params.id);
      const slotId = idParam(field(request.body, 'horario'));
      if (slotId === null) throw new BookingError('SLOT_NOT_FOUND', 'no slot chosen');
      try {
        const moved = await rescheduleAppointment(
          db,
          {
            appointmentId: request.params.id,
            slotId,
            ...who(visitor),
            rushDefaults: config.waitingRoom.defaults,
          },
          clock(),
        );
        return seeOther(reply, `/citas/${moved.id}/confirmacion?cambio=1`);
      } catch (error) {
        if (!isBookingRefusal(error) || error.code !== 'SLOT_TAKEN') throw error;
        const links = changeLinks(request.params.id);
        return sendPage(
          context,
          request,
          reply,
          slotTakenPage(error.details.alternatives, links.review, links.dates),
        );
      }
    },
  );

  app.get<WithId>('/citas/:id/cita.ics', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const appointment = await appointmentOf(context, visitor, request.params.id);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="cita-${formatFolio(appointment.folio)}.ics"`)
      .send(appointmentCalendar(appointment));
  });
}
