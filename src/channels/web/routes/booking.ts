import type { FastifyInstance } from 'fastify';
import { findAvailability } from '../../../agenda/availability.js';
import { localToday } from '../../../agenda/slot-plan.js';
import { bookSlot, issueBookingReview } from '../../../booking/book.js';
import { bookableServices } from '../../../booking/bookable-services.js';
import { bookablePeople } from '../../../booking/eligibility.js';
import { BookingError, isBookingRefusal } from '../../../booking/errors.js';
import { loadSlotForBooking } from '../../../booking/slot-facts.js';
import { getService } from '../../../network/services.js';
import { getUnit } from '../../../network/units.js';
import { calendarDay } from '../../../platform/calendar-day.js';
import { DomainError } from '../../../platform/domain-error.js';
import { formatDateWithYear } from '../../../platform/i18n/dates.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { openWeekdays } from '../../../waitlist/window.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import {
  confirmationPage,
  datesPage,
  notEligiblePage,
  reviewPage,
  type SlotLinks,
  servicePage,
  timesPage,
  whoPage,
} from '../pages/booking.js';
import { activeAppointmentPage, slotTakenPage } from '../pages/booking-problems.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { passRequiredPage, releasePath, reviewRequiredPage } from '../pages/waiting-room.js';
import { joinWaitlistForm } from '../pages/waitlist.js';
import {
  actorOf,
  appointmentOf,
  fullName,
  idParam,
  personOf,
  requireVisitor,
  type Visitor,
} from '../visitor.js';

/** How far ahead the date page looks; agendas open 14 days ahead, so this covers all of them. */
export const SEARCH_DAYS = 30;
const MAX_SLOTS_LISTED = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The links of a new booking's journey, each carrying the choices made so far in its query. */
export function newBookingLinks(personId: number, serviceCode: string): SlotLinks {
  const base = `persona=${personId}&servicio=${encodeURIComponent(serviceCode)}`;
  return {
    dates: `/cita/fecha?${base}`,
    day: (localDate) => `/cita/hora?${base}&dia=${localDate}`,
    review: (slotId) => `/cita/revisar?persona=${personId}&horario=${slotId}`,
  };
}

export function bookingRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock } = context;

  const eligiblePeople = (visitor: Visitor) => bookablePeople(db, visitor.people, clock());
  /** A person the visitor may book for now; anyone without eligibility gets the refusal page. */
  const bookablePerson = async (visitor: Visitor, raw: unknown) => {
    const person = personOf(visitor, raw);
    if ((await bookablePeople(db, [person], clock())).length === 0)
      throw new DomainError('NOT_ELIGIBLE', 'no eligibility');
    return person;
  };

  app.get('/cita', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const people = await eligiblePeople(visitor);
    if (people.length === 0) {
      const ended = formatDateWithYear(new Date(`${visitor.me.eligibleUntil}T12:00:00Z`), 'UTC');
      return sendPage(context, request, reply, notEligiblePage(ended));
    }
    return sendPage(context, request, reply, whoPage(people, visitor.me));
  });

  app.get('/cita/servicio', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    if (field(request.query, 'persona') === '') {
      return sendPage(
        context,
        request,
        reply,
        whoPage(await eligiblePeople(visitor), visitor.me, WEB.who.error),
      );
    }
    const person = await bookablePerson(visitor, field(request.query, 'persona'));
    const { unit, services } = await bookableServices(db, person, 'web');
    return sendPage(context, request, reply, servicePage(person, unit, services));
  });

  app.get('/cita/fecha', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const person = await bookablePerson(visitor, field(request.query, 'persona'));
    const { unit, services } = await bookableServices(db, person, 'web');
    const code = field(request.query, 'servicio');
    if (code === '')
      return sendPage(context, request, reply, servicePage(person, unit, services, WEB.service.error));
    const service = services.find((s) => s.code === code);
    if (!service) throw new DomainError('SERVICE_NOT_FOUND', 'not a bookable service here');
    const slots = await findAvailability(
      context.browse(request),
      {
        unitClues: unit.clues,
        serviceCode: service.code,
        days: SEARCH_DAYS,
        channel: 'web',
        limit: MAX_SLOTS_LISTED,
      },
      clock(),
    );
    const links = newBookingLinks(person.id, service.code);
    const back = `/cita/servicio?persona=${person.id}`;
    return sendPage(
      context,
      request,
      reply,
      datesPage({
        slots,
        links,
        back,
        serviceName: service.name,
        unitName: unit.name,
        now: clock(),
        today: localToday(clock(), unit.timeZone),
        waitlist:
          slots.length === 0
            ? joinWaitlistForm({
                csrfToken: request.session?.csrfToken ?? '',
                personId: person.id,
                serviceCode: service.code,
                serviceName: service.name,
                offerMinutes: context.config.accessLoop.waitlist.offerMinutes,
                openDays: await openWeekdays(db, unit.clues, service.code),
              })
            : undefined,
      }),
    );
  });

  app.get('/cita/hora', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const person = await bookablePerson(visitor, field(request.query, 'persona'));
    const service = await getService(db, field(request.query, 'servicio'));
    const day = field(request.query, 'dia');
    if (calendarDay(day) === null) throw new DomainError('NOT_FOUND', 'not a day');
    const slots = await findAvailability(
      context.browse(request),
      { unitClues: person.unitClues, serviceCode: service.code, from: day, days: 1, channel: 'web' },
      clock(),
    );
    const links = newBookingLinks(person.id, service.code);
    return sendPage(
      context,
      request,
      reply,
      timesPage({ slots: slots.filter((s) => s.localDate === day), links }),
    );
  });

  app.get('/cita/revisar', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const person = await bookablePerson(visitor, field(request.query, 'persona'));
    const slotId = idParam(field(request.query, 'horario'));
    const slot = slotId === null ? undefined : await loadSlotForBooking(db, slotId);
    if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no such slot');
    const service = await getService(db, slot.serviceCode);
    const unit = await getUnit(db, slot.unitClues);
    const links = newBookingLinks(person.id, service.code);
    const sessionHash = request.session?.idHash ?? '';
    const idempotencyKey = await issueBookingReview(
      db,
      { sessionHash, beneficiaryId: person.id, slotId: slot.id },
      clock(),
    );
    return sendPage(
      context,
      request,
      reply,
      reviewPage({
        csrfToken: request.session?.csrfToken ?? '',
        person,
        service,
        unit,
        slot: { slotId: slot.id, startsAt: slot.startsAt, timeZone: slot.timeZone },
        idempotencyKey,
        links: { who: '/cita', service: `/cita/servicio?persona=${person.id}`, dates: links.dates },
      }),
    );
  });

  app.post(
    '/cita',
    { config: { formFields: ['persona', 'horario', 'clave'], writes: true } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      const person = personOf(visitor, field(request.body, 'persona'));
      const slotId = idParam(field(request.body, 'horario'));
      if (slotId === null) throw new BookingError('SLOT_NOT_FOUND', 'no slot chosen');
      const key = field(request.body, 'clave');
      try {
        const { appointment } = await bookSlot(
          db,
          {
            curp: person.curp,
            slotId,
            channel: 'web',
            actor: actorOf(visitor),
            // The key is per page view: a double click or a retried POST books once and shows that booking.
            idempotencyKey: UUID.test(key) ? key : undefined,
            sourceIp: request.ip,
            rushDefaults: context.config.waitingRoom.defaults,
            review: { sessionHash: request.session?.idHash ?? '' },
          },
          clock(),
        );
        return seeOther(reply, `/citas/${appointment.id}/confirmacion`);
      } catch (error) {
        if (!isBookingRefusal(error)) throw error;
        if (error.code === 'SLOT_TAKEN') {
          const slot = await loadSlotForBooking(db, slotId);
          const links = newBookingLinks(person.id, slot?.serviceCode ?? '');
          return sendPage(
            context,
            request,
            reply,
            slotTakenPage(error.details.alternatives, links.review, links.dates),
          );
        }
        if (error.code === 'PASS_REQUIRED') {
          const { unitClues, serviceCode } = error.details;
          return sendPage(context, request, reply, passRequiredPage(releasePath(unitClues, serviceCode)));
        }
        if (error.code === 'REVIEW_REQUIRED') {
          // The way back goes to the review of a slot that exists: never a link built from an unknown id.
          if (!(await loadSlotForBooking(db, slotId)))
            throw new BookingError('SLOT_NOT_FOUND', 'no such slot');
          return sendPage(
            context,
            request,
            reply,
            reviewRequiredPage(newBookingLinks(person.id, '').review(slotId)),
          );
        }
        if (error.code === 'ACTIVE_APPOINTMENT_EXISTS' && error.details.existing) {
          return sendPage(
            context,
            request,
            reply,
            activeAppointmentPage(error.details.existing, fullName(person)),
          );
        }
        throw error;
      }
    },
  );

  app.get<{ Params: { id: string } }>('/citas/:id/confirmacion', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const appointment = await appointmentOf(context, visitor, request.params.id);
    const changed = field(request.query, 'cambio') === '1';
    return sendPage(
      context,
      request,
      reply,
      confirmationPage(appointment, changed, context.config.changeCutoffMinutes, visitor.me.id),
    );
  });
}
