import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../platform/domain-error.js';
import { answerReminderLink, remindedAppointment } from '../../../reminders/answer.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import { sendPage } from '../pages/frame.js';
import { reminderAnsweredPage, reminderPage } from '../pages/reminders.js';

type WithToken = { Params: { token: string } };
const ANSWERS = { confirmar: 'confirm', cancelar: 'cancel' } as const;

export function reminderRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, config } = context;
  const linkKey = config.secrets.linkKey;

  // The reminder's one-tap page needs no sign-in: the signed link is bound to one appointment.
  app.get<WithToken>('/r/:token', async (request, reply) => {
    const appointment = await remindedAppointment(db, linkKey, request.params.token, clock());
    const session = await context.sessions.ensure(request, reply);
    return sendPage(
      context,
      request,
      reply,
      reminderPage(appointment, request.params.token, session.csrfToken),
    );
  });

  app.post<WithToken>('/r/:token', { config: { formFields: ['accion'] } }, async (request, reply) => {
    const answer = ANSWERS[field(request.body, 'accion') as keyof typeof ANSWERS];
    if (!answer) throw new DomainError('NOT_FOUND', 'unknown answer');
    await answerReminderLink(
      db,
      {
        linkKey,
        token: request.params.token,
        answer,
        cutoffMinutes: config.changeCutoffMinutes,
        sourceIp: request.ip,
      },
      clock(),
    );
    return sendPage(context, request, reply, reminderAnsweredPage(answer));
  });
}
