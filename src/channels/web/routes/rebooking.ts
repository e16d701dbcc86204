import type { FastifyInstance } from 'fastify';
import { declineProposal, keepProposal, openProposal } from '../../../booking/replacement.js';
import { DomainError } from '../../../platform/domain-error.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import { sendPage } from '../pages/frame.js';
import { proposalDeclinedPage, proposalKeptPage, proposalPage } from '../pages/rebooking.js';

type WithToken = { Params: { token: string } };

export function rebookingRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, config } = context;
  const linkKey = config.secrets.linkKey;

  // The proposal's one-tap page needs no sign-in: the signed link is bound to that proposal.
  app.get<WithToken>('/p/:token', async (request, reply) => {
    const proposal = await openProposal(db, linkKey, request.params.token, clock());
    const session = await context.sessions.ensure(request, reply);
    return sendPage(context, request, reply, proposalPage(proposal, request.params.token, session.csrfToken));
  });

  app.post<WithToken>('/p/:token', { config: { formFields: ['accion'] } }, async (request, reply) => {
    const action = field(request.body, 'accion');
    const now = clock();
    const key = { linkKey, token: request.params.token };
    if (action === 'conservar') {
      const who = {
        channel: 'web' as const,
        cutoffMinutes: config.changeCutoffMinutes,
        sourceIp: request.ip,
      };
      return sendPage(context, request, reply, proposalKeptPage(await keepProposal(db, key, who, now)));
    }
    if (action === 'rechazar') {
      await declineProposal(db, key, { channel: 'web', sourceIp: request.ip }, now);
      return sendPage(context, request, reply, proposalDeclinedPage());
    }
    throw new DomainError('NOT_FOUND', 'unknown action');
  });
}
