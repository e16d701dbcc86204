import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { suspicionReport } from '../../../analytics/suspicion.js';
import { calendarDay } from '../../../platform/calendar-day.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { requireNational } from '../access.js';
import { auditAgent } from '../agent.js';
import { AUDIT_ZONE } from '../audit-query.js';
import type { ConsoleContext } from '../context.js';
import { sendConsolePage } from '../pages/frame.js';
import { suspicionPage } from '../pages/suspicion.js';

/** Without a date, the report covers the last week. */
const DEFAULT_DAYS = 7;

/**
 * The suspicion report for national roles only. Its patterns cross units (one operator booking at
 * many clinics is the very signal), and the report has no unit filter, so `isAllowed` with no unit
 * refuses unit administrators even though their role may read reports of their own unit.
 */
export function suspicionRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/consola/sospechas',
    { schema: { querystring: Type.Object({ desde: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => {
      const agent = requireNational(request, 'report.read');
      const today = DateTime.fromJSDate(clock(), { zone: AUDIT_ZONE }).startOf('day');
      const typed = request.query.desde?.trim() ?? '';
      const day = typed
        ? DateTime.fromISO(calendarDay(typed) ?? 'invalid', { zone: AUDIT_ZONE })
        : today.minus({ days: DEFAULT_DAYS });
      if (!day.isValid || day > today) {
        return sendConsolePage(
          context,
          request,
          reply,
          suspicionPage({
            since: typed,
            report: null,
            errors: [{ field: 'desde', message: CONSOLE.suspicion.sinceError }],
          }),
        );
      }
      const since = day.toISODate() as string;
      const report = await suspicionReport(db, day.toJSDate());
      // The report names operators and addresses: reading it is recorded like any audit read.
      await auditAgent(db, request, agent, {
        action: 'report.read',
        result: 'ok',
        detail: { report: 'suspicious', since },
      });
      return sendConsolePage(context, request, reply, suspicionPage({ since, report, errors: [] }));
    },
  );
}
