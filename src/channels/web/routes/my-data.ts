import type { FastifyInstance } from 'fastify';
import {
  type Access,
  collectMyData,
  MY_DATA_LIMIT,
  type MyData,
  recordMyDataAccess,
} from '../../../my-data/my-data.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../pages/frame.js';
import { describeAction, describeActor, describeChannel, myDataPage } from '../pages/my-data.js';
import { requireVisitor } from '../visitor.js';

const described = (e: Access) => ({
  ...e,
  actor: { ...e.actor, description: describeActor(e.actor) },
  description: describeAction(e.action),
  channelDescription: describeChannel(e.channel),
});

/** The download: the same data, with the Spanish descriptions beside the stable codes. */
function forDownload(data: MyData) {
  return {
    ...data,
    appointments: data.appointments.map((a) => ({
      ...a,
      history: a.history.map((e) => ({ ...e, actor: { ...e.actor, description: describeActor(e.actor) } })),
    })),
    signIns: data.signIns.map(described),
    accesses: data.accesses.map(described),
  };
}

export function myDataRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock } = context;

  app.get('/mis-datos', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    // Recorded first, so the page itself shows this very access.
    await recordMyDataAccess(db, visitor.me.id, 'page', request.ip);
    const data = await collectMyData(db, visitor.me.id);
    return sendPage(context, request, reply, myDataPage(data, MY_DATA_LIMIT, clock()));
  });

  app.get('/mis-datos.json', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    await recordMyDataAccess(db, visitor.me.id, 'download', request.ip);
    const data = forDownload(await collectMyData(db, visitor.me.id));
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="mis-datos-citas.json"')
      .send(JSON.stringify({ generatedAt: context.clock().toISOString(), ...data }, null, 2));
  });
}
