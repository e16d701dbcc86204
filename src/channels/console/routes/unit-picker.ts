import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listUnits } from '../../../network/units.js';
import { DomainError } from '../../../platform/domain-error.js';
import { FORBIDDEN, menuOf, unitPagesOf } from '../access.js';
import { requireSignedIn } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { sendConsolePage } from '../pages/frame.js';
import { unitPickerPage } from '../pages/unit-picker.js';

/**
 * National administrators pick any unit and reach its reception, agenda, templates, worklist and
 * waitlist. Staff of one unit have their unit in the menu and no picker: another unit's pages
 * answer them 403, audited, as before.
 */
export function unitPickerRoutes(app: FastifyInstance, context: ConsoleContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/consola/unidades',
    { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 80 })) }) } },
    async (request, reply) => {
      const agent = requireSignedIn(request);
      if (!menuOf(agent).units)
        throw new DomainError(FORBIDDEN, 'only national principals pick a unit', {
          operation: 'agenda.manage',
          unitClues: null,
          subjectBeneficiaryId: null,
        });
      const query = (request.query.q ?? '').trim();
      const tooShort = query.length > 0 && query.length < 3;
      const units =
        query.length >= 3
          ? (await listUnits(context.db, { q: query, limit: 30 })).map((unit) => ({
              unit,
              pages: unitPagesOf(agent, unit.clues),
            }))
          : null;
      return sendConsolePage(context, request, reply, unitPickerPage({ query, units, tooShort }));
    },
  );
}
