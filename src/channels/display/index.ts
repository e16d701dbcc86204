import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { formatFolio } from '../../booking/folio.js';
import { CLUES_PATTERN, findUnit } from '../../network/units.js';
import type { Db } from '../../platform/db/connect.js';
import { html } from '../../platform/html/html.js';
import { page } from '../../platform/html/layout.js';
import { securityHeaders } from '../../platform/http/security-headers.js';
import { WAITING_SCREEN } from '../../platform/i18n/clinic-messages.js';
import { formatTime } from '../../platform/i18n/dates.js';
import { latestCalls } from '../../reception/consultorio-queue.js';

/**
 * `?consultorios=3,4`: a screen for a floor or a wing shows only those consultorios' calls. Anything
 * else shows the whole unit, so a mistyped address on a TV still shows calls rather than an error.
 */
const consultoriosOf = (list: string | undefined): number[] | undefined =>
  list && /^\d{1,12}(,\d{1,12}){0,19}$/.test(list) ? list.split(',').map(Number) : undefined;

/** Seconds between the screen's reloads: a called person sees their folio within this. */
export const SCREEN_REFRESH_SECONDS = 10;

export interface DisplayDeps {
  db: Db;
  clock: () => Date;
  production: boolean;
  stylesheetHref: string;
}

/**
 * The waiting room's TV: today's called folios and their consultorio, nothing that names a person.
 * No session and no JavaScript; the Refresh header reloads it. Public, like a screen on a wall.
 */
export async function registerDisplay(app: FastifyInstance, deps: DisplayDeps) {
  await app.register(async (scope) => {
    scope.addHook('onRequest', securityHeaders({ production: deps.production }));
    scope.withTypeProvider<TypeBoxTypeProvider>().get(
      '/pantalla/:clues',
      {
        schema: {
          hide: true,
          params: Type.Object({ clues: Type.String() }),
          querystring: Type.Object({ consultorios: Type.Optional(Type.String({ maxLength: 200 })) }),
        },
      },
      async (request, reply) => {
        const t = WAITING_SCREEN;
        // Anything but a known CLUES gets the same plain page, never a validation error.
        const clues = request.params.clues;
        const unit = CLUES_PATTERN.test(clues) ? await findUnit(deps.db, clues) : undefined;
        const calls = unit
          ? await latestCalls(
              deps.db,
              unit.clues,
              deps.clock(),
              8,
              consultoriosOf(request.query.consultorios),
            )
          : [];
        const rows = calls.map(
          (c) =>
            html`<tr><td class="mono">${formatFolio(c.folio)}</td><td>${c.consultorio}</td><td>${unit ? formatTime(c.calledAt, unit.timeZone) : ''}</td></tr>`,
        );
        const main = unit
          ? html`<h1>${t.heading}</h1>
<p>${unit.name}</p>
${
  rows.length
    ? html`<div class="table-wrap"><table class="table"><thead><tr><th scope="col">${t.columns.folio}</th><th scope="col">${t.columns.consultorio}</th><th scope="col">${t.columns.at}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>${t.none}</p>`
}
<p>${t.footer}</p>`
          : html`<h1>${t.heading}</h1><p>${t.unknown}</p>`;
        return reply
          .code(unit ? 200 : 404)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('refresh', String(SCREEN_REFRESH_SECONDS))
          .send(page({ title: t.title, homeHref: '/', stylesheetHref: deps.stylesheetHref, main }).value);
      },
    );
  });
}
