import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { unitOfResource } from '../../../agenda/ownership.js';
import { closeUnitDay, recordAbsence } from '../../../booking/rebooking.js';
import { rebookingSettingsOf } from '../../../config.js';
import { getUnit } from '../../../network/units.js';
import type { ApiContext } from '../context.js';
import { CluesString, DateString, problemResponses } from '../schemas.js';
import { actorOf, assertAllowedOnUnit } from '../staff-auth.js';

const Disruption = Type.Object({
  blockedSlots: Type.Integer({ description: 'Horarios libres que ya no se pueden agendar' }),
  flaggedAppointments: Type.Integer({ description: 'Citas que pasaron a la lista por reagendar' }),
  proposed: Type.Integer({ description: 'De ellas, citas con el horario libre más cercano apartado' }),
  notified: Type.Integer({ description: 'Personas a las que se envió el SMS' }),
});

/** Administrators close a unit for a day or record a resource's absence. */
export function agendaRoutes({ app, db, config, clock, requireStaff }: ApiContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Each appointment the change moves gets the nearest free time held and its person the SMS
  // (rebooking.ts).
  const changer = (request: FastifyRequest) => ({
    actor: actorOf(request),
    channel: 'api',
    sourceIp: request.ip,
    rebooking: rebookingSettingsOf(config),
  });
  const admin = requireStaff('agenda.manage');

  api.post(
    '/api/v1/units/:clues/closures',
    {
      onRequest: admin,
      schema: {
        tags: ['agenda'],
        summary: 'Cerrar una unidad un día (bloquea horarios libres y marca citas para reagendar)',
        security: [{ bearer: [] }],
        params: Type.Object({ clues: CluesString }),
        body: Type.Object(
          { day: DateString, reason: Type.String({ minLength: 3, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: Disruption, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await getUnit(db, request.params.clues);
      await assertAllowedOnUnit(request, 'agenda.manage', () => request.params.clues);
      const result = await closeUnitDay(
        db,
        { unitClues: request.params.clues, ...request.body, ...changer(request) },
        clock(),
      );
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/api/v1/resources/:id/absences',
    {
      onRequest: admin,
      schema: {
        tags: ['agenda'],
        summary: 'Registrar la ausencia de un consultorio o ventanilla',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }),
        body: Type.Object(
          {
            startsAt: Type.String({ format: 'date-time' }),
            endsAt: Type.String({ format: 'date-time' }),
            reason: Type.String({ minLength: 3, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Disruption, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await assertAllowedOnUnit(request, 'agenda.manage', () => unitOfResource(db, request.params.id));
      const result = await recordAbsence(
        db,
        {
          resourceId: request.params.id,
          startsAt: new Date(request.body.startsAt),
          endsAt: new Date(request.body.endsAt),
          reason: request.body.reason,
          ...changer(request),
        },
        clock(),
      );
      return reply.code(201).send(result);
    },
  );
}
