import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { closeCallback, listOpenCallbacks, takeCallback } from '../../../telephony/callbacks.js';
import { requireNational } from '../access.js';
import { auditAgent } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { callbacksPage } from '../pages/callbacks.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';

const CallbackParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export function callbackRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/consola/llamadas', async (request, reply) => {
    const agent = requireNational(request, 'callback.handle');
    const requests = await listOpenCallbacks(db);
    // The list shows callers' numbers and names: reading it is a read of their data.
    await auditAgent(db, request, agent, {
      action: 'callback.list',
      result: 'ok',
      detail: { ids: requests.map((c) => c.id) },
    });
    const session = await context.sessions.ensure(request, reply);
    return sendConsolePage(context, request, reply, callbacksPage(requests, agent.id, session.csrfToken));
  });

  api.post(
    '/consola/llamadas/:id/tomar',
    { schema: { params: CallbackParams }, config: { formFields: [] } },
    async (request, reply) => {
      const agent = requireNational(request, 'callback.handle');
      const taken = await takeCallback(db, request.params.id, agent.id, clock());
      await auditAgent(db, request, agent, {
        action: 'callback.take',
        subjectBeneficiaryId: taken.beneficiary?.id ?? null,
        result: 'ok',
        detail: { callbackId: taken.id },
      });
      // With an identified caller the agent goes straight to their record, ready to dial and book.
      return seeOther(
        reply,
        taken.beneficiary ? `/consola/personas/${taken.beneficiary.id}` : '/consola/llamadas',
      );
    },
  );

  api.post(
    '/consola/llamadas/:id/cerrar',
    {
      schema: {
        params: CallbackParams,
        body: Type.Object({ resultado: Type.Union([Type.Literal('done'), Type.Literal('unreachable')]) }),
      },
    },
    async (request, reply) => {
      const agent = requireNational(request, 'callback.handle');
      const closed = await closeCallback(db, request.params.id, agent.id, request.body.resultado, clock());
      await auditAgent(db, request, agent, {
        action: 'callback.close',
        subjectBeneficiaryId: closed.beneficiary?.id ?? null,
        result: 'ok',
        detail: { callbackId: closed.id, outcome: closed.status },
      });
      return seeOther(reply, '/consola/llamadas');
    },
  );
}
