import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listServices } from '../../../network/services.js';
import { getUnit } from '../../../network/units.js';
import type { FieldError } from '../../../platform/html/components.js';
import { QUEUE_CONSOLE } from '../../../platform/i18n/waiting-room-messages.js';
import { nationalReleaseBoard, unitReleaseBoard } from '../../../waiting-room/dashboard.js';
import { policyFrom } from '../../../waiting-room/policy.js';
import { saveReleasePolicy } from '../../../waiting-room/settings.js';
import { assertOnUnit, mayOnUnit, requireNational, requireOperation } from '../access.js';
import { requireSignedIn } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { nationalReleasesPage, unitReleasesPage } from '../pages/releases.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const UnitParams = Type.Object({ clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }) });
const ServiceParams = Type.Object({
  clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }),
  servicio: Type.String({ maxLength: 40 }),
});
const SettingsBody = Type.Object({
  modo: Text(20),
  anticipacion: Text(10),
  pase: Text(10),
  ritmo: Text(10),
  duracion: Text(10),
});

/**
 * The releases' lines for staff: national roles see the country's busiest, a unit's roles their
 * unit; settings are changed by whoever manages the unit's agenda (audited by the domain).
 */
export function releaseRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const defaults = config.waitingRoom.defaults;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const serviceNames = async () => new Map((await listServices(db)).map((s) => [s.code, s.name]));

  api.get('/consola/aperturas', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    if (signedIn.unitClues) return seeOther(reply, `/consola/aperturas/${signedIn.unitClues}`);
    requireNational(request, 'report.read');
    const releases = await nationalReleaseBoard(db, defaults, clock());
    return sendConsolePage(context, request, reply, nationalReleasesPage(releases, await serviceNames()));
  });

  const showUnit = async (
    request: FastifyRequest & { params: { clues: string } },
    reply: FastifyReply,
    errors: FieldError[],
  ) => {
    const agent = requireOperation(request, 'report.read');
    const clues = request.params.clues;
    await assertOnUnit(agent, 'report.read', { unitOf: () => clues });
    const unit = await getUnit(db, clues);
    const services = await unitReleaseBoard(db, clues, defaults, clock());
    return sendConsolePage(
      context,
      request,
      reply,
      unitReleasesPage({
        unit,
        services,
        serviceNames: await serviceNames(),
        editable: mayOnUnit(agent, 'agenda.manage', clues),
        csrfToken: request.session?.csrfToken ?? '',
        saved: (request.query as Record<string, unknown> | undefined)?.guardado === '1',
        errors,
      }),
    );
  };

  api.get('/consola/aperturas/:clues', { schema: { params: UnitParams } }, (request, reply) =>
    showUnit(request, reply, []),
  );

  api.post(
    '/consola/aperturas/:clues/:servicio',
    { schema: { params: ServiceParams, body: SettingsBody } },
    async (request, reply) => {
      const agent = requireOperation(request, 'agenda.manage');
      const { clues, servicio } = request.params;
      await assertOnUnit(agent, 'agenda.manage', { unitOf: () => clues });
      const b = request.body;
      const policy = policyFrom({
        mode: b.modo ?? '',
        preWindowMinutes: b.anticipacion ?? '',
        passMinutes: b.pase ?? '',
        admitPerMinute: b.ritmo ?? '',
        rushMinutes: b.duracion ?? '',
      });
      if (!policy) {
        const field = `ritmo-${servicio}`;
        return showUnit(request, reply, [{ field, message: QUEUE_CONSOLE.unit.invalid }]);
      }
      await saveReleasePolicy(
        db,
        { unitClues: clues, serviceCode: servicio, policy, staffId: agent.id, sourceIp: request.ip },
        defaults,
        clock(),
      );
      return seeOther(reply, `/consola/aperturas/${clues}?guardado=1`);
    },
  );
}
