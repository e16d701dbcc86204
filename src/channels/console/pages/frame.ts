import type { FastifyReply, FastifyRequest } from 'fastify';
import { postForm } from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { page } from '../../../platform/html/layout.js';
import { CLINIC } from '../../../platform/i18n/clinic-messages.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { TEMPLATES, UNIT_PICKER } from '../../../platform/i18n/template-messages.js';
import { QUEUE_CONSOLE } from '../../../platform/i18n/waiting-room-messages.js';
import { countOpenCallbacks } from '../../../telephony/callbacks.js';
import { type ConsoleMenu, menuOf } from '../access.js';
import type { ConsoleContext } from '../context.js';

export interface ConsolePage {
  title: string;
  main: HtmlValue;
  status?: number;
  hasErrors?: boolean;
  /** The stable code of a refusal (header and data attribute), for support and tests. */
  errorCode?: string;
  /** Puts the cursor in the search box: pages where nothing else waits for the agent. */
  focusSearch?: boolean;
  /** The search box's current text. */
  query?: string;
}

/** Only the pages the signed-in role may use, so nobody is offered a page that will refuse them. */
function nav(request: FastifyRequest, menu: ConsoleMenu, openCallbacks: number): HtmlValue {
  const { agent, session } = request;
  if (!agent || !session) return undefined;
  const t = CONSOLE.nav;
  const role = CONSOLE.roles[agent.role] ?? agent.role;
  return html`<span>${CONSOLE.whoAmI(agent.name, role, agent.unitClues)}</span>
${menu.search ? html`<a href="/consola">${t.search}</a>` : ''}
${menu.callbacks ? html`<a href="/consola/llamadas">${t.callbacks(openCallbacks)}</a>` : ''}
${menu.staff ? html`<a href="/consola/personal">${t.staff}</a>` : ''}
${menu.audit ? html`<a href="/consola/auditoria">${t.audit}</a>` : ''}
${menu.suspicion ? html`<a href="/consola/sospechas">${t.suspicion}</a>` : ''}
${menu.releases ? html`<a href="/consola/aperturas">${QUEUE_CONSOLE.nav}</a>` : ''}
${menu.reception ? html`<a href="/consola/unidades/${menu.reception}/recepcion">${CLINIC.nav.reception}</a>` : ''}
${menu.unitAgenda ? html`<a href="/consola/unidades/${menu.unitAgenda}/agenda">${CLINIC.nav.unitAgenda}</a>` : ''}
${menu.unitAgenda ? html`<a href="/consola/unidades/${menu.unitAgenda}/plantillas">${TEMPLATES.nav}</a>` : ''}
${menu.units ? html`<a href="/consola/unidades">${UNIT_PICKER.nav}</a>` : ''}
${postForm({ action: '/consola/salir', csrfToken: session.csrfToken, body: html`<button type="submit" class="link-button">${t.signOut}</button>` })}`;
}

/** The search box on every page: the next caller can be looked up from anywhere (Alt+B). */
function searchBox(request: FastifyRequest, menu: ConsoleMenu, p: ConsolePage): HtmlValue {
  if (!request.agent || !request.session || !menu.search) return undefined;
  return postForm({
    action: '/consola/buscar',
    csrfToken: request.session.csrfToken,
    id: 'buscar',
    body: html`<div class="console-search" role="search">
<label class="label" for="q">${CONSOLE.search.label}</label>
<input class="input" id="q" name="q" type="search" accesskey="b" autocomplete="off" spellcheck="false" maxlength="80" value="${p.query ?? ''}"${p.focusSearch ? html` autofocus` : ''}>
<button type="submit" class="button button--secondary">${CONSOLE.search.submit}</button>
</div>`,
  });
}

export async function sendConsolePage(
  context: ConsoleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  p: ConsolePage,
) {
  const menu = request.agent ? menuOf(request.agent) : undefined;
  const openCallbacks = menu?.callbacks ? await countOpenCallbacks(context.db) : 0;
  if (p.errorCode) reply.header('citas-error-code', p.errorCode);
  return reply
    .code(p.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      consoleDocument(context, p, {
        nav: menu && nav(request, menu, openCallbacks),
        before: menu && searchBox(request, menu, p),
      }),
    );
}

/** The whole HTML document of a console page; menus only for a signed-in agent. */
export function consoleDocument(
  context: Pick<ConsoleContext, 'stylesheetHref'>,
  p: ConsolePage,
  agentParts: { nav?: HtmlValue; before?: HtmlValue } = {},
): string {
  const main = p.errorCode ? html`<div data-error-code="${p.errorCode}">${p.main}</div>` : p.main;
  return page({
    title: `${p.title} · ${CONSOLE.titleSuffix}`,
    hasErrors: p.hasErrors,
    homeHref: '/consola',
    stylesheetHref: context.stylesheetHref,
    nav: agentParts.nav,
    before: agentParts.before,
    main,
  }).value;
}

export const seeOther = (reply: FastifyReply, location: string) => reply.code(303).redirect(location);
