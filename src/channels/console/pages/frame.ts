import type { FastifyReply, FastifyRequest } from 'fastify';
import { postForm } from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { page } from '../../../platform/html/layout.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { countOpenCallbacks } from '../../../telephony/callbacks.js';
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

function nav(request: FastifyRequest, openCallbacks: number): HtmlValue {
  const session = request.session;
  if (!request.agent || !session) return undefined;
  return html`<a href="/consola">${CONSOLE.nav.search}</a>
<a href="/consola/llamadas">${CONSOLE.nav.callbacks(openCallbacks)}</a>
${postForm({ action: '/consola/salir', csrfToken: session.csrfToken, body: html`<button type="submit" class="link-button">${CONSOLE.nav.signOut}</button>` })}`;
}

/** The search box on every page: the next caller can be looked up from anywhere (Alt+B). */
function searchBox(request: FastifyRequest, p: ConsolePage): HtmlValue {
  if (!request.agent || !request.session) return undefined;
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
  const openCallbacks = request.agent ? await countOpenCallbacks(context.db) : 0;
  const main = p.errorCode ? html`<div data-error-code="${p.errorCode}">${p.main}</div>` : p.main;
  if (p.errorCode) reply.header('citas-error-code', p.errorCode);
  return reply
    .code(p.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      page({
        title: `${p.title} · ${CONSOLE.titleSuffix}`,
        hasErrors: p.hasErrors,
        homeHref: '/consola',
        stylesheetHref: context.stylesheetHref,
        nav: nav(request, openCallbacks),
        before: searchBox(request, p),
        main,
      }).value,
    );
}

export const seeOther = (reply: FastifyReply, location: string) => reply.code(303).redirect(location);
