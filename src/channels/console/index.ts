import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import { registerBrowserScope } from '../../platform/http/browser.js';
import type { RefusalPages } from '../../platform/http/framework-errors.js';
import { requireDeclaredFormFields } from '../../platform/http/strict-forms.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';
import { loadAgent } from './agent.js';
import type { ConsoleContext } from './context.js';
import { consoleRefusalPages, registerConsoleErrors } from './errors.js';
import { allocationRoutes } from './routes/allocation.js';
import { appointmentRoutes } from './routes/appointments.js';
import { auditRoutes } from './routes/audit.js';
import { callbackRoutes } from './routes/callbacks.js';
import { peopleRoutes } from './routes/people.js';
import { receptionRoutes } from './routes/reception.js';
import { releaseRoutes } from './routes/releases.js';
import { signInRoutes } from './routes/sign-in.js';
import { staffRoutes } from './routes/staff.js';
import { suspicionRoutes } from './routes/suspicion.js';
import { unitAgendaRoutes } from './routes/unit-agenda.js';
import { unitPickerRoutes } from './routes/unit-picker.js';
import { unitTemplateRoutes } from './routes/unit-templates.js';
import { waitlistRoutes } from './routes/waitlist.js';
import { limitStaffAccounts } from './staff-limits.js';

/** Its own cookie, so a beneficiary's portal session and an agent's console session never mix. */
export const CONSOLE_COOKIE = '__Host-citas_consola';
const ANONYMOUS_SESSION_MINUTES = 15;

export interface ConsoleDeps {
  db: Db;
  config: Config;
  clock: () => Date;
  rateLimits: RateLimitStore;
  stylesheetHref: string;
}

/**
 * The staff console under /consola (phone agents, reception, unit and national administrators,
 * auditors; each sees only what identity/roles.ts grants), in its own encapsulated scope with the
 * browser pieces the portal uses (cookie sessions, CSRF, security headers, the page layout).
 * Returns its pages for refusals made outside its routes.
 */
export async function registerConsole(app: FastifyInstance, deps: ConsoleDeps) {
  let refusalPages: RefusalPages | undefined;
  await app.register(async (scope) => {
    const sessions = await registerBrowserScope(scope, {
      db: deps.db,
      production: deps.config.production,
      sessions: {
        cookieName: CONSOLE_COOKIE,
        idleMinutes: deps.config.staffSessions.idleMinutes,
        maxMinutes: deps.config.staffSessions.maxHours * 60,
        anonymousMinutes: ANONYMOUS_SESSION_MINUTES,
        clock: deps.clock,
      },
    });
    requireDeclaredFormFields(scope);
    loadAgent(scope, deps.db);
    limitStaffAccounts(scope, deps);
    const context: ConsoleContext = { ...deps, sessions };
    registerConsoleErrors(scope, context);
    refusalPages = consoleRefusalPages(context, deps.config.production);
    signInRoutes(scope, context);
    peopleRoutes(scope, context);
    appointmentRoutes(scope, context);
    allocationRoutes(scope, context);
    callbackRoutes(scope, context);
    staffRoutes(scope, context);
    auditRoutes(scope, context);
    suspicionRoutes(scope, context);
    releaseRoutes(scope, context);
    receptionRoutes(scope, context);
    unitAgendaRoutes(scope, context);
    unitTemplateRoutes(scope, context);
    unitPickerRoutes(scope, context);
    waitlistRoutes(scope, context);
  });
  if (!refusalPages) throw new Error('the console scope was not registered');
  return { refusalPages };
}
