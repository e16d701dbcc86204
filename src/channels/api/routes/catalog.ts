import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listServices } from '../../../network/services.js';
import { getUnit, listUnits } from '../../../network/units.js';
import type { ApiContext } from '../context.js';
import { presentUnit } from '../present.js';
import { CluesString, Items, problemResponses, Unit } from '../schemas.js';

const Service = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('medical'), Type.Literal('administrative')]),
  slotMinutes: Type.Integer(),
  requiresAdscription: Type.Boolean(),
  requiresReferral: Type.Boolean(),
});

/** The public catalog: units of the network and the services they offer. */
export function catalogRoutes({ app, reads }: ApiContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['catálogo'],
        summary: 'Unidades médicas y administrativas',
        querystring: Type.Object(
          {
            state: Type.Optional(
              Type.String({ pattern: '^[A-Z]{2}$', description: 'Clave de entidad (CURP)' }),
            ),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(Unit), ...problemResponses(400) },
      },
    },
    async (request) => ({ items: (await listUnits(reads, request.query)).map(presentUnit) }),
  );

  api.get(
    '/api/v1/units/:clues',
    {
      schema: {
        tags: ['catálogo'],
        summary: 'Una unidad por su clave CLUES',
        params: Type.Object({ clues: CluesString }),
        response: { 200: Unit, ...problemResponses(400, 404) },
      },
    },
    async (request) => presentUnit(await getUnit(reads, request.params.clues)),
  );

  api.get(
    '/api/v1/services',
    {
      schema: { tags: ['catálogo'], summary: 'Catálogo de servicios', response: { 200: Items(Service) } },
    },
    async () => ({ items: await listServices(reads) }),
  );
}
