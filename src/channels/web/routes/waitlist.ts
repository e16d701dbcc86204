import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../platform/domain-error.js';
import { declineOffer, openOffer, takeOffer } from '../../../waitlist/claim.js';
import { joinWaitlist, leaveWaitlist } from '../../../waitlist/entries.js';
import { waitWindowOf } from '../../../waitlist/window.js';
import type { WebContext } from '../context.js';
import { field, fieldValues } from '../form-fields.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { offerDeclinedPage, offerPage, offerTakenPage } from '../pages/waitlist.js';
import { actorOf, personOf, requireVisitor } from '../visitor.js';

type WithToken = { Params: { token: string } };

export function waitlistRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, config } = context;
  const linkKey = config.secrets.linkKey;

  app.post(
    '/lista-de-espera',
    { config: { formFields: ['persona', 'servicio', 'dias', 'turno'] } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      const person = personOf(visitor, field(request.body, 'persona'));
      await joinWaitlist(
        db,
        {
          beneficiaryId: person.id,
          unitClues: person.unitClues,
          serviceCode: field(request.body, 'servicio'),
          ...waitWindowOf({ days: fieldValues(request.body, 'dias'), shift: field(request.body, 'turno') }),
          channel: 'web',
          actor: actorOf(visitor),
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(reply, '/citas?espera=alta');
    },
  );

  app.post(
    '/lista-de-espera/salir',
    { config: { formFields: ['persona', 'servicio'] } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await context.limiter.change(request, visitor.me.id);
      const person = personOf(visitor, field(request.body, 'persona'));
      await leaveWaitlist(
        db,
        {
          beneficiaryId: person.id,
          serviceCode: field(request.body, 'servicio'),
          channel: 'web',
          actor: actorOf(visitor),
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(reply, '/citas?espera=baja');
    },
  );

  // The offer's one-tap page needs no sign-in: the signed link is bound to that offer.
  app.get<WithToken>('/o/:token', async (request, reply) => {
    const offer = await openOffer(db, linkKey, request.params.token, clock());
    const session = await context.sessions.ensure(request, reply);
    return sendPage(context, request, reply, offerPage(offer, request.params.token, session.csrfToken));
  });

  app.post<WithToken>('/o/:token', { config: { formFields: ['accion'] } }, async (request, reply) => {
    const action = field(request.body, 'accion');
    const input = { linkKey, token: request.params.token, sourceIp: request.ip };
    if (action === 'tomar')
      return sendPage(context, request, reply, offerTakenPage(await takeOffer(db, input, clock())));
    if (action === 'rechazar') {
      await declineOffer(db, input, clock());
      return sendPage(context, request, reply, offerDeclinedPage());
    }
    throw new DomainError('NOT_FOUND', 'unknown action');
  });
}
