import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type AvailableSlot, findAvailability } from '../../../agenda/availability.js';
import { getServiceCached, getUnitCached } from '../../../network/catalog-cache.js';
import { DomainError } from '../../../platform/domain-error.js';
import type { ApiContext } from '../context.js';
import { presentSlot } from '../present.js';
import { Channel, CluesString, DateString, Items, problemResponses, Slot } from '../schemas.js';

// A remembered answer (agenda/availability-memory.ts) is the same array on every call: its JSON
// is written once, not once per request.
const rendered = new WeakMap<readonly AvailableSlot[], string>();

function renderSlots(slots: readonly AvailableSlot[]): string {
  let body = rendered.get(slots);
  if (body === undefined) {
    body = JSON.stringify({ items: slots.map(presentSlot) });
    rendered.set(slots, body);
  }
  return body;
}

export function availabilityRoutes({ app, reads, clock }: ApiContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/availability',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Horarios libres de un servicio en una unidad, del más próximo al más lejano',
        querystring: Type.Object(
          {
            unit: CluesString,
            service: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
            from: Type.Optional(DateString),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, default: 7 })),
            channel: Type.Optional(Channel),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(Slot), ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const { unit: clues, service: code, from, days = 7, channel, limit } = request.query;
      const [unit] = await Promise.all([getUnitCached(reads, clues), getServiceCached(reads, code)]);
      if (!unit.services.includes(code))
        throw new DomainError('SERVICE_NOT_OFFERED', 'unit does not offer it');
      const slots = await findAvailability(
        reads,
        { unitClues: clues, serviceCode: code, from, days, channel, limit, timeZone: unit.timeZone },
        clock(),
      );
      // Already JSON: the route's serializer (typed by the schema above) is not run on a string.
      return reply.type('application/json; charset=utf-8').send(renderSlots(slots) as never);
    },
  );
}
