import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { sendPage } from '../pages/frame.js';
import { privacyPage } from '../pages/privacy.js';

export function privacyRoutes(app: FastifyInstance, context: WebContext) {
  app.get('/aviso-de-privacidad', async (request, reply) =>
    sendPage(context, request, reply, privacyPage(request.session?.subject?.kind === 'beneficiary')),
  );
}
