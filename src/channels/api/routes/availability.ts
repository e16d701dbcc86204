import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type AvailabilityForm, findAvailabilityAs } from '../../../agenda/availability.js';
import { getServiceCached, getUnitCached } from '../../../network/catalog-cache.js';
import { DomainError } from '../../../platform/domain-error.js';
import type { ApiContext } from '../context.js';
import { presentSlot } from '../present.js';
import { Channel, CluesString, DateString, Items, problemResponses, Slot } from '../schemas.js';

// Remembered as its JSON, encoded (agenda/availability-memory.ts): a hit is written out as it is,
// bytes outside the JavaScript heap weigh a third of the slot objects they were made from, and the
// heap, whose garbage headroom grows with what it holds, stays small.
const AS_JSON: AvailabilityForm<Buffer> = {
  name: 'api-json',
  present: (slots) => Buffer.from(JSON.stringify({ items: slots.map(presentSlot) })),
  bytes: (json) => json.length + 100,
};

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
      const json = await findAvailabilityAs(
        reads,
        { unitClues: clues, serviceCode: code, from, days, channel, limit, timeZone: unit.timeZone },
        clock(),
        AS_JSON,
      );
      // Already JSON: the route's serializer (typed by the schema above) is not run on bytes.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
}
