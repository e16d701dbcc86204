import type { FastifyReply, FastifyRequest } from 'fastify';
import { postForm } from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { page } from '../../../platform/html/layout.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { WebContext } from '../context.js';

export interface PortalPage {
  title: string;
  main: HtmlValue;
  before?: HtmlValue;
  hasErrors?: boolean;
  status?: number;
  /** The stable code of a refusal, for support staff and tests (header and data attribute). */
  errorCode?: string;
}

/** The account links, shown once someone is signed in; "Salir" is a POST so a link cannot sign out. */
function nav(request: FastifyRequest): HtmlValue {
  const session = request.session;
  if (session?.subject?.kind !== 'beneficiary') return undefined;
  return html`<a href="/citas">${WEB.nav.myAppointments}</a>
<a href="/cita">${WEB.nav.newAppointment}</a>
${postForm({ action: '/salir', csrfToken: session.csrfToken, body: html`<button type="submit" class="link-button">${WEB.nav.signOut}</button>` })}`;
}

export function sendPage(context: WebContext, request: FastifyRequest, reply: FastifyReply, p: PortalPage) {
  if (p.errorCode) reply.header('citas-error-code', p.errorCode);
  return reply
    .code(p.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(portalDocument(context, p, request));
}

/** The whole HTML document of a page; without a request (no session yet), no account links. */
export function portalDocument(
  context: Pick<WebContext, 'stylesheetHref'>,
  p: PortalPage,
  request?: FastifyRequest,
): string {
  const main = p.errorCode ? html`<div data-error-code="${p.errorCode}">${p.main}</div>` : p.main;
  return page({
    title: p.title,
    hasErrors: p.hasErrors,
    homeHref: '/',
    stylesheetHref: context.stylesheetHref,
    nav: request && nav(request),
    before: p.before,
    main,
    footerLinks: html`<a href="/aviso-de-privacidad">${WEB.privacy.footerLink}</a>`,
  }).value;
}

/** After a POST, send the browser to a page with GET (so reloading never repeats the action). */
export const seeOther = (reply: FastifyReply, location: string) => reply.code(303).redirect(location);

/** Paragraphs from the catalog. */
export const paragraphs = (texts: readonly string[]) => texts.map((t) => html`<p>${t}</p>`);
