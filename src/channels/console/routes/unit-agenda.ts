import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listDisruptions } from '../../../agenda/closures.js';
import { localToday } from '../../../agenda/slot-plan.js';
import {
  closeUnitDay,
  type Rebooking,
  rebookingWorklist,
  recordDayAbsence,
} from '../../../booking/rebooking.js';
import { rebookingSettingsOf } from '../../../config.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { getUnit } from '../../../network/units.js';
import type { FieldError } from '../../../platform/html/components.js';
import { CLINIC } from '../../../platform/i18n/clinic-messages.js';
import { consultoriosOf } from '../../../reception/consultorio-queue.js';
import { assertOnUnit, requireOperation } from '../access.js';
import { actorOf, auditAgent } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { unitAgendaPage, worklistPage } from '../pages/unit-agenda.js';

const UnitParams = Type.Object({ clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }) });
const DayAndReason = { dia: Type.String({ maxLength: 20 }), motivo: Type.String({ maxLength: 300 }) };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day, today or later on the unit's clock. */
const isDayFromToday = (day: string, today: string) =>
  DAY.test(day) &&
  !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) &&
  new Date(`${day}T12:00:00Z`).toISOString().startsWith(day) &&
  day >= today;

/** The unit administrator's agenda: closures, absences and the rebooking worklist, in the console. */
export function unitAgendaRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  const manage = async (request: FastifyRequest, clues: string) => {
    const agent = requireOperation(request, 'agenda.manage');
    await assertOnUnit(agent, 'agenda.manage', { unitOf: () => clues });
    return { agent, unit: await getUnit(db, clues) };
  };
  const who = (request: FastifyRequest, agent: StaffAccount) => ({
    actor: actorOf(agent),
    channel: 'console',
    sourceIp: request.ip,
    rebooking: rebookingSettingsOf(config),
  });
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    unit: { clues: string; name: string; timeZone: string },
    extra: { done?: string; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const session = await context.sessions.ensure(request, reply);
    const [consultorios, disruptions, worklist] = await Promise.all([
      consultoriosOf(db, unit.clues),
      listDisruptions(db, unit.clues, localToday(clock(), unit.timeZone)),
      rebookingWorklist(db, unit.clues),
    ]);
    return sendConsolePage(
      context,
      request,
      reply,
      unitAgendaPage({
        unit,
        csrfToken: session.csrfToken,
        consultorios,
        disruptions,
        worklistSize: worklist.length,
        ...extra,
      }),
    );
  };
  const checkDayAndReason = (
    body: { dia: string; motivo: string },
    prefix: string,
    timeZone: string,
  ): FieldError[] => {
    const errors: FieldError[] = [];
    if (!isDayFromToday(body.dia.trim(), localToday(clock(), timeZone)))
      errors.push({ field: `${prefix}-dia`, message: CLINIC.unit.errors.day });
    const reason = body.motivo.trim();
    if (reason.length < 3 || reason.length > 200)
      errors.push({ field: `${prefix}-motivo`, message: CLINIC.unit.errors.reason });
    return errors;
  };

  api.get(
    '/consola/unidades/:clues/agenda',
    {
      schema: {
        params: UnitParams,
        querystring: Type.Object({
          bloqueados: Type.Optional(Type.Integer({ minimum: 0 })),
          reagendar: Type.Optional(Type.Integer({ minimum: 0 })),
          avisados: Type.Optional(Type.Integer({ minimum: 0 })),
          apartados: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request, reply) => {
      const { unit } = await manage(request, request.params.clues);
      const q = request.query;
      const done =
        q.bloqueados !== undefined
          ? CLINIC.unit.done(q.bloqueados, q.reagendar ?? 0, q.avisados ?? 0, q.apartados ?? 0)
          : undefined;
      return show(request, reply, unit, { done });
    },
  );

  const doneUrl = (clues: string, r: Rebooking) =>
    `/consola/unidades/${clues}/agenda?bloqueados=${r.blockedSlots}&reagendar=${r.flaggedAppointments}&avisados=${r.notified}&apartados=${r.proposed}`;

  api.post(
    '/consola/unidades/:clues/cierres',
    { schema: { params: UnitParams, body: Type.Object(DayAndReason) } },
    async (request, reply) => {
      const { agent, unit } = await manage(request, request.params.clues);
      const errors = checkDayAndReason(request.body, 'cierre', unit.timeZone);
      if (errors.length)
        return show(request, reply, unit, {
          errors,
          values: { 'cierre-dia': request.body.dia, 'cierre-motivo': request.body.motivo },
        });
      const result = await closeUnitDay(
        db,
        {
          unitClues: unit.clues,
          day: request.body.dia.trim(),
          reason: request.body.motivo.trim(),
          ...who(request, agent),
        },
        clock(),
      );
      return seeOther(reply, doneUrl(unit.clues, result));
    },
  );

  api.post(
    '/consola/unidades/:clues/ausencias',
    {
      schema: {
        params: UnitParams,
        body: Type.Object({ ...DayAndReason, consultorio: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const { agent, unit } = await manage(request, request.params.clues);
      const consultorios = await consultoriosOf(db, unit.clues);
      const chosen = consultorios.find((c) => String(c.id) === request.body.consultorio);
      const errors = checkDayAndReason(request.body, 'ausencia', unit.timeZone);
      if (!chosen) errors.unshift({ field: 'consultorio', message: CLINIC.unit.errors.consultorio });
      if (errors.length || !chosen)
        return show(request, reply, unit, {
          errors,
          values: {
            consultorio: request.body.consultorio ?? '',
            'ausencia-dia': request.body.dia,
            'ausencia-motivo': request.body.motivo,
          },
        });
      const result = await recordDayAbsence(
        db,
        {
          resourceId: chosen.id,
          day: request.body.dia.trim(),
          reason: request.body.motivo.trim(),
          ...who(request, agent),
        },
        clock(),
      );
      return seeOther(reply, doneUrl(unit.clues, result));
    },
  );

  // Reception and agents work the list too: it needs the right to change appointments there.
  api.get(
    '/consola/unidades/:clues/reprogramar',
    { schema: { params: UnitParams } },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.change');
      await assertOnUnit(agent, 'appointment.change', { unitOf: () => request.params.clues });
      const unit = await getUnit(db, request.params.clues);
      const items = await rebookingWorklist(db, unit.clues);
      await auditAgent(db, request, agent, {
        action: 'rebooking.list',
        unitClues: unit.clues,
        result: 'ok',
        detail: { appointments: items.map((i) => i.appointmentId) },
      });
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(context, request, reply, worklistPage(unit, items, session.csrfToken));
    },
  );
}
