import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listAppointments } from '../../../booking/appointments.js';
import { bookSlot } from '../../../booking/book.js';
import { bookableServices } from '../../../booking/bookable-services.js';
import { eligibilityNow } from '../../../booking/eligibility.js';
import { type AnyBookingError, BookingError, isBookingRefusal } from '../../../booking/errors.js';
import { loadSlotForBooking } from '../../../booking/slot-facts.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { getService } from '../../../network/services.js';
import { attendanceOf } from '../../../no-show/attendance.js';
import {
  type Beneficiary,
  getBeneficiaryById,
  listFamily,
  searchBeneficiaries,
} from '../../../registry/beneficiaries.js';
import { readRegistryQuery } from '../../../registry/name-search.js';
import { assertOnUnit, homeOf, mayOnUnit, menuOf, requireOperation, scopeOf } from '../access.js';
import { actorOf, auditAgent, bookingChannelOf, requireSignedIn } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import {
  daysToOffer,
  nextFreeSlots,
  readSlotFilter,
  SLOTS_SHOWN,
  type SlotFilter,
  SlotFilterQuery,
} from '../free-slots.js';
import { type BookingRefusal, confirmBookingPage } from '../pages/booking.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { personPage } from '../pages/person.js';
import { searchHomePage, searchResultsPage } from '../pages/search.js';
import { refusalMessage } from '../refusals.js';

const SEARCH_LIMIT = 25;

const PersonParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const SlotId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export function refusalOf(error: AnyBookingError, cutoffMinutes: number): BookingRefusal {
  return {
    code: error.code,
    message: refusalMessage(error.code, cutoffMinutes),
    alternatives: error.code === 'SLOT_TAKEN' ? error.details.alternatives.slice(0, SLOTS_SHOWN) : [],
    existing: error.code === 'ACTIVE_APPOINTMENT_EXISTS' ? error.details.existing : undefined,
  };
}

export function peopleRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/consola', async (request, reply) => {
    const agent = requireSignedIn(request);
    // Auditors have no search: their start is the audit trail.
    if (!menuOf(agent).search) return seeOther(reply, homeOf(agent));
    return sendConsolePage(context, request, reply, searchHomePage());
  });

  api.post(
    '/consola/buscar',
    { schema: { body: Type.Object({ q: Type.String({ maxLength: 80 }) }) } },
    async (request, reply) => {
      const agent = requireOperation(request, 'beneficiary.read');
      const q = request.body.q.trim();
      if (q.length < 2) {
        return sendConsolePage(context, request, reply, { ...searchHomePage(true), query: q });
      }
      // Unit-scoped staff find only people adscribed to their unit, as in the API.
      const found = await searchBeneficiaries(db, {
        q,
        limit: SEARCH_LIMIT,
        unit: agent.unitClues ?? undefined,
      });
      await auditAgent(db, request, agent, {
        action: 'beneficiary.search',
        result: 'ok',
        detail: {
          by: readRegistryQuery(q).by,
          ids: found.map((b) => b.id),
        },
      });
      // One match: straight to the person, one keystroke saved on every call.
      const [only] = found;
      if (found.length === 1 && only) return seeOther(reply, `/consola/personas/${only.id}`);
      const eligibleNow = await eligibilityNow(db, found, clock());
      return sendConsolePage(context, request, reply, searchResultsPage(q, found, eligibleNow));
    },
  );

  api.get(
    '/consola/personas/:id',
    {
      schema: {
        params: PersonParams,
        querystring: Type.Object({
          servicio: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' })),
          ...SlotFilterQuery,
        }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'beneficiary.read');
      const person = await readPerson(request, agent, request.params.id);
      return showPerson(request, reply, agent, person, request.query.servicio, readSlotFilter(request.query));
    },
  );

  /** A person's record, if the agent may read their unit's data; the read is audited either way. */
  async function readPerson(request: FastifyRequest, agent: StaffAccount, id: number): Promise<Beneficiary> {
    const person = await getBeneficiaryById(db, id);
    await assertOnUnit(agent, 'beneficiary.read', {
      unitOf: () => person.unitClues,
      subjectBeneficiaryId: person.id,
    });
    await auditAgent(db, request, agent, {
      action: 'beneficiary.read',
      subjectBeneficiaryId: person.id,
      unitClues: person.unitClues,
      result: 'ok',
    });
    return person;
  }

  /** The slot, if the agent may book at its unit (refused and audited otherwise). */
  async function slotToBook(agent: StaffAccount, person: Beneficiary, slotId: number) {
    const slot = await loadSlotForBooking(db, slotId);
    if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no slot with that id');
    await assertOnUnit(agent, 'appointment.book', {
      unitOf: () => slot.unitClues,
      subjectBeneficiaryId: person.id,
    });
    return slot;
  }

  async function showPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    agent: StaffAccount,
    person: Beneficiary,
    serviceCode: string | undefined,
    filter: SlotFilter,
  ) {
    const now = clock();
    const channel = bookingChannelOf(agent);
    const { unit, services } = await bookableServices(db, person, channel);
    const reminders = context.config.accessLoop.reminders;
    const [family, appointments, attendance] = await Promise.all([
      listFamily(db, person),
      listAppointments(db, { beneficiaryIds: [person.id], limit: 20 }),
      // Part of the person's record: read under the same audited beneficiary.read as the rest.
      attendanceOf(db, person.id, reminders.noShow, Math.min(...reminders.leadHours), now),
    ]);
    // A service the person already has a coming appointment of is shown when asked for, never by default.
    const bookedServices = new Set(
      appointments.filter((a) => a.status === 'booked' && a.startsAt > now).map((a) => a.service.code),
    );
    const service =
      services.find((s) => s.code === serviceCode) ?? services.find((s) => !bookedServices.has(s.code));
    // Free slots are offered only to those who may book at the person's unit (not unit admins).
    const mayBook = mayOnUnit(agent, 'appointment.book', unit.clues);
    const slots =
      service && mayBook
        ? await nextFreeSlots(db, { unitClues: unit.clues, serviceCode: service.code, channel }, now, filter)
        : [];
    return sendConsolePage(
      context,
      request,
      reply,
      personPage({
        person,
        unit,
        family,
        appointments,
        attendance,
        services,
        service,
        slots,
        filter,
        days: daysToOffer(now, unit.timeZone),
        bookedServices,
        mayBook,
        channel,
        eligibleNow: await eligibilityNow(db, [person, ...family], now),
      }),
    );
  }

  api.get(
    '/consola/personas/:id/confirmar',
    { schema: { params: PersonParams, querystring: Type.Object({ horario: SlotId }) } },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const person = await readPerson(request, agent, request.params.id);
      const slot = await slotToBook(agent, person, request.query.horario);
      const session = await context.sessions.ensure(request, reply);
      const page = confirmBookingPage({
        person,
        slot,
        serviceName: (await getService(db, slot.serviceCode)).name,
        csrfToken: session.csrfToken,
        idempotencyKey: randomUUID(),
      });
      return sendConsolePage(context, request, reply, page);
    },
  );

  api.post(
    '/consola/personas/:id/citas',
    {
      schema: {
        params: PersonParams,
        body: Type.Object({ horario: SlotId, clave: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const person = await getBeneficiaryById(db, request.params.id);
      await assertOnUnit(agent, 'beneficiary.read', {
        unitOf: () => person.unitClues,
        subjectBeneficiaryId: person.id,
      });
      const slotId = request.body.horario;
      await slotToBook(agent, person, slotId);
      const now = clock();
      try {
        const { appointment } = await bookSlot(
          db,
          {
            curp: person.curp,
            slotId,
            channel: bookingChannelOf(agent),
            actor: actorOf(agent),
            staff: scopeOf(agent),
            sourceIp: request.ip,
            // The check page's key: a double submit or a retried POST books once.
            idempotencyKey: request.body.clave,
          },
          now,
        );
        return seeOther(reply, `/consola/citas/${appointment.id}?hecho=agendada`);
      } catch (error) {
        if (!isBookingRefusal(error)) throw error;
        const slot = await loadSlotForBooking(db, slotId);
        if (!slot) throw error;
        return sendConsolePage(
          context,
          request,
          reply,
          confirmBookingPage({
            person,
            slot,
            serviceName: (await getService(db, slot.serviceCode)).name,
            csrfToken: request.session?.csrfToken ?? '',
            idempotencyKey: randomUUID(),
            refusal: refusalOf(error, context.config.changeCutoffMinutes),
          }),
        );
      }
    },
  );
}
