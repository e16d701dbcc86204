import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  acceptsRequests,
  getAllocationRelease,
  releasesTakingRequests,
} from '../../../allocation/releases.js';
import { fileRequest, requestsOf, withdrawRequest } from '../../../allocation/requests.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { DomainError } from '../../../platform/domain-error.js';
import { ALLOCATION_CONSOLE } from '../../../platform/i18n/allocation-messages.js';
import { getBeneficiaryById } from '../../../registry/beneficiaries.js';
import { assertOnUnit, FORBIDDEN, requireOperation } from '../access.js';
import { actorOf, auditAgent, bookingChannelOf } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { personRequestsPage } from '../pages/allocation.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const PersonParams = Type.Object({ id: Id });

/**
 * Agents file requests for the callers they serve (phone share), see them and withdraw them. Only
 * roles that book from the phone share do: the counter's share is never allocated.
 */
export function allocationRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  async function personFor(request: FastifyRequest, agent: StaffAccount, id: number) {
    if (bookingChannelOf(agent) !== 'agent') {
      throw new DomainError(FORBIDDEN, 'only the phone share is allocated', {
        operation: 'appointment.book',
      });
    }
    const person = await getBeneficiaryById(db, id);
    await assertOnUnit(agent, 'appointment.book', {
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

  api.get(
    '/consola/personas/:id/solicitudes',
    {
      schema: {
        params: PersonParams,
        querystring: Type.Object({ aviso: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const person = await personFor(request, agent, request.params.id);
      const now = clock();
      const session = await context.sessions.ensure(request, reply);
      const requests = [];
      for (const r of await requestsOf(db, [person.id])) {
        const release = await getAllocationRelease(db, r.releaseId);
        requests.push({ request: r, release, withdrawable: acceptsRequests(release, now) });
      }
      const notices: Record<string, string> = {
        registrada: ALLOCATION_CONSOLE.filed,
        existente: ALLOCATION_CONSOLE.exists,
        retirada: ALLOCATION_CONSOLE.withdrawn,
      };
      return sendConsolePage(
        context,
        request,
        reply,
        personRequestsPage({
          person,
          open: await releasesTakingRequests(db, now, { unitClues: person.unitClues }),
          requests,
          csrfToken: session.csrfToken,
          notice: request.query.aviso ? notices[request.query.aviso] : undefined,
        }),
      );
    },
  );

  api.post(
    '/consola/personas/:id/solicitudes',
    {
      schema: {
        params: PersonParams,
        body: Type.Object({
          apertura: Id,
          turno: Type.Union([Type.Literal('cualquiera'), Type.Literal('M'), Type.Literal('V')]),
        }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const person = await personFor(request, agent, request.params.id);
      const release = await getAllocationRelease(db, request.body.apertura);
      if (release.unit.clues !== person.unitClues) {
        await assertOnUnit(agent, 'appointment.book', {
          unitOf: () => release.unit.clues,
          subjectBeneficiaryId: person.id,
        });
      }
      const { turno } = request.body;
      const { created } = await fileRequest(
        db,
        {
          releaseId: release.id,
          curp: person.curp,
          channel: 'agent',
          actor: actorOf(agent),
          days: [],
          shift: turno === 'cualquiera' ? null : turno,
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(
        reply,
        `/consola/personas/${person.id}/solicitudes?aviso=${created ? 'registrada' : 'existente'}`,
      );
    },
  );

  api.post(
    '/consola/personas/:id/solicitudes/:request/retirar',
    { schema: { params: Type.Object({ id: Id, request: Id }), body: Type.Object({}) } },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const person = await personFor(request, agent, request.params.id);
      await withdrawRequest(
        db,
        {
          requestId: request.params.request,
          allowed: [person.id],
          actor: actorOf(agent),
          channel: 'console',
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(reply, `/consola/personas/${person.id}/solicitudes?aviso=retirada`);
    },
  );
}
