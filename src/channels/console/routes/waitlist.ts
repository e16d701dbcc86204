import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listServices } from '../../../network/services.js';
import { getUnit } from '../../../network/units.js';
import { DomainError } from '../../../platform/domain-error.js';
import { LOOP_CONSOLE } from '../../../platform/i18n/access-loop-messages.js';
import { findBeneficiaryByCurp } from '../../../registry/beneficiaries.js';
import { joinWaitlist } from '../../../waitlist/entries.js';
import { unitWaitlist } from '../../../waitlist/unit-view.js';
import { openWeekdays, waitWindowOf } from '../../../waitlist/window.js';
import { assertOnUnit, mayOnUnit, requireOperation } from '../access.js';
import { auditAgent } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { unitWaitlistPage } from '../pages/waitlist.js';

const UnitParams = Type.Object({ clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }) });

export function waitlistRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/consola/unidades/:clues/espera',
    {
      schema: {
        params: UnitParams,
        querystring: Type.Object({ alta: Type.Optional(Type.String({ maxLength: 2 })) }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.read');
      const clues = request.params.clues;
      await assertOnUnit(agent, 'appointment.read', { unitOf: () => clues });
      const view = await unitWaitlist(db, clues, clock());
      if (!view) throw new DomainError('NOT_FOUND', 'no such unit');
      // The list names the people waiting: reading it is a read of their data.
      await auditAgent(db, request, agent, {
        action: 'waitlist.read',
        unitClues: clues,
        result: 'ok',
        detail: { people: view.waiting.map((w) => w.beneficiaryId) },
      });
      const unit = await getUnit(db, clues);
      const services = (await listServices(db)).filter((s) => unit.services.includes(s.code));
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(
        context,
        request,
        reply,
        unitWaitlistPage({
          view,
          services,
          mayAdd: mayOnUnit(agent, 'appointment.book', clues),
          openDays: await openWeekdays(db, clues),
          csrfToken: session.csrfToken,
          notice: request.query.alta === '1' ? LOOP_CONSOLE.add.added : undefined,
        }),
      );
    },
  );

  api.post(
    '/consola/unidades/:clues/espera',
    {
      schema: {
        params: UnitParams,
        body: Type.Object({
          curp: Type.String({ maxLength: 40 }),
          servicio: Type.String({ maxLength: 60 }),
          // A check box sends its name once per box ticked.
          dias: Type.Optional(
            Type.Union([
              Type.String({ maxLength: 1 }),
              Type.Array(Type.String({ maxLength: 1 }), { maxItems: 7 }),
            ]),
          ),
          turno: Type.Optional(Type.String({ maxLength: 1 })),
        }),
      },
    },
    async (request, reply) => {
      const agent = requireOperation(request, 'appointment.book');
      const clues = request.params.clues;
      const person = await findBeneficiaryByCurp(db, request.body.curp.trim().toUpperCase());
      await assertOnUnit(agent, 'appointment.book', {
        unitOf: () => clues,
        subjectBeneficiaryId: person?.id ?? null,
      });
      if (!person) throw new DomainError('BENEFICIARY_NOT_FOUND', 'no beneficiary with that CURP');
      const days = request.body.dias;
      await joinWaitlist(
        db,
        {
          beneficiaryId: person.id,
          unitClues: clues,
          serviceCode: request.body.servicio,
          ...waitWindowOf({
            days: days === undefined ? [] : Array.isArray(days) ? days : [days],
            shift: request.body.turno ?? '',
          }),
          channel: 'agent',
          actor: `staff:${agent.id}`,
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(reply, `/consola/unidades/${clues}/espera?alta=1`);
    },
  );
}
