import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatFolio } from '../../../booking/folio.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { CLINIC } from '../../../platform/i18n/clinic-messages.js';
import {
  checkIn,
  findArrivals,
  parseArrivalQuery,
  type ReceptionActor,
} from '../../../reception/arrivals.js';
import {
  callNext,
  consultorioDay,
  consultoriosOf,
  markNoShow,
} from '../../../reception/consultorio-queue.js';
import { assertOnUnit, requireOperation, scopeOf } from '../access.js';
import { actorOf, auditAgent } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { queuePage, receptionPage } from '../pages/reception.js';

const UnitParams = Type.Object({ clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }) });
const ConsultorioParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const FOLIO = Type.String({ pattern: '^[ACDEFHJKMNPRTWXY3479]{8}$' });

/** The counter's check-in and the consultorios' queues: each route asks one reception operation. */
export function receptionRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const policy = config.reception;
  const actor = (request: FastifyRequest, agent: StaffAccount): ReceptionActor => ({
    actor: actorOf(agent),
    staff: scopeOf(agent),
    sourceIp: request.ip,
  });
  const onUnit = async (request: FastifyRequest, clues: string) => {
    const agent = requireOperation(request, 'arrival.record');
    await assertOnUnit(agent, 'arrival.record', { unitOf: () => clues });
    return agent;
  };
  const home = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendConsolePage>[2],
    clues: string,
    extra: Partial<Parameters<typeof receptionPage>[0]> = {},
  ) => {
    const session = await context.sessions.ensure(request, reply);
    const consultorios = await consultoriosOf(db, clues);
    return sendConsolePage(
      context,
      request,
      reply,
      receptionPage({ unitClues: clues, csrfToken: session.csrfToken, consultorios, ...extra }),
    );
  };

  api.get(
    '/consola/unidades/:clues/recepcion',
    {
      schema: {
        params: UnitParams,
        querystring: Type.Object({
          registrada: Type.Optional(FOLIO),
          tarde: Type.Optional(Type.Literal('1')),
        }),
      },
    },
    async (request, reply) => {
      await onUnit(request, request.params.clues);
      const { registrada, tarde } = request.query;
      return home(request, reply, request.params.clues, {
        done: registrada ? { folio: registrada, late: tarde === '1' } : undefined,
      });
    },
  );

  // A POST, so a CURP never sits in a URL (logs, history).
  api.post(
    '/consola/unidades/:clues/recepcion',
    { schema: { params: UnitParams, body: Type.Object({ llegada: Type.String({ maxLength: 30 }) }) } },
    async (request, reply) => {
      const agent = await onUnit(request, request.params.clues);
      const arrivals = await findArrivals(
        db,
        {
          unitClues: request.params.clues,
          query: parseArrivalQuery(request.body.llegada),
          toleranceMinutes: policy.lateToleranceMinutes,
        },
        clock(),
      );
      // The cards show names and documents: a read of those people's data.
      await auditAgent(db, request, agent, {
        action: 'arrival.search',
        unitClues: request.params.clues,
        subjectBeneficiaryId:
          arrivals.length === 1 ? (arrivals[0]?.appointment.beneficiary.id ?? null) : null,
        result: 'ok',
        detail: { appointments: arrivals.map((a) => a.appointment.id) },
      });
      return home(request, reply, request.params.clues, { arrivals, query: request.body.llegada });
    },
  );

  api.post(
    '/consola/unidades/:clues/recepcion/citas/:id/llegada',
    {
      schema: {
        params: Type.Object({ clues: UnitParams.properties.clues, id: Type.String({ format: 'uuid' }) }),
      },
      config: { formFields: [] },
    },
    async (request, reply) => {
      const agent = await onUnit(request, request.params.clues);
      const done = await checkIn(
        db,
        {
          appointmentId: request.params.id,
          toleranceMinutes: policy.lateToleranceMinutes,
          ...actor(request, agent),
        },
        clock(),
      );
      const late = done.late ? '&tarde=1' : '';
      return seeOther(
        reply,
        `/consola/unidades/${done.appointment.unit.clues}/recepcion?registrada=${done.appointment.folio}${late}`,
      );
    },
  );

  api.get(
    '/consola/consultorios/:id/fila',
    {
      schema: {
        params: ConsultorioParams,
        querystring: Type.Object({
          llamado: Type.Optional(FOLIO),
          inasistencia: Type.Optional(Type.Literal('1')),
        }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'arrival.record');
      const day = await consultorioDay(
        db,
        { resourceId: request.params.id, policy, ...actor(request, agent) },
        clock(),
      );
      const session = await context.sessions.ensure(request, reply);
      const { llamado, inasistencia } = request.query;
      const banner = llamado
        ? CLINIC.queue.called(formatFolio(llamado))
        : inasistencia
          ? CLINIC.queue.markedNoShow
          : undefined;
      return sendConsolePage(context, request, reply, queuePage(day, session.csrfToken, banner));
    },
  );

  api.post(
    '/consola/consultorios/:id/llamar',
    { schema: { params: ConsultorioParams }, config: { formFields: [] } },
    async (request, reply) => {
      const agent = requireOperation(request, 'arrival.record');
      const called = await callNext(
        db,
        { resourceId: request.params.id, policy, ...actor(request, agent) },
        clock(),
      );
      return seeOther(reply, `/consola/consultorios/${request.params.id}/fila?llamado=${called.folio}`);
    },
  );

  api.post(
    '/consola/consultorios/:id/inasistencia',
    { schema: { params: ConsultorioParams, body: Type.Object({ cita: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const agent = requireOperation(request, 'arrival.record');
      await markNoShow(
        db,
        { resourceId: request.params.id, appointmentId: request.body.cita, ...actor(request, agent) },
        clock(),
      );
      return seeOther(reply, `/consola/consultorios/${request.params.id}/fila?inasistencia=1`);
    },
  );
}
