import {
  button,
  dateInput,
  errorFor,
  errorSummary,
  type FieldError,
  postForm,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { QUEUE } from '../../../platform/i18n/waiting-room-messages.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { withReturn } from '../return-path.js';
import type { SignInValues } from '../sign-in-form.js';
import { urgency } from './booking.js';
import { type PortalPage, paragraphs } from './frame.js';

export function startPage(signedIn: boolean): PortalPage {
  const t = WEB.start;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.lead}</p>
<h2>${t.needTitle}</h2>
<ul>${t.needs.map((n) => html`<li>${n}</li>`)}</ul>
<a class="button button--primary" href="${signedIn ? '/cita' : '/entrar'}" role="button" draggable="false">${signedIn ? t.signedInBegin : t.begin}</a>
<h2>${QUEUE.start.title}</h2>
<p>${QUEUE.start.body}</p>
<p><a href="/fila">${QUEUE.start.link}</a></p>
<h2>${t.otherWaysTitle}</h2>
<p>${t.otherWays}</p>
${urgency()}`,
  };
}

export function signInPage(
  csrfToken: string,
  values: SignInValues,
  errors: FieldError[],
  /** Where signing in leads (return-path.ts); the booking's first page when null. */
  after: string | null = null,
): PortalPage {
  const t = WEB.signIn;
  return {
    title: t.title,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(errors)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
${postForm({
  action: withReturn('/entrar', after),
  csrfToken,
  body: html`${textInput({
    id: 'curp',
    label: t.curpLabel,
    hint: t.curpHint,
    value: values.curp,
    error: errorFor(errors, 'curp'),
    width: 'w-20',
    maxlength: 30,
    spellcheck: false,
    uppercase: true,
  })}
${dateInput({
  id: 'nacimiento',
  legend: t.birthLegend,
  hint: t.birthHint,
  value: values,
  error: errorFor(errors, 'nacimiento'),
  autocompletePrefix: 'bday',
})}
${button(t.submit)}`,
})}
${privacyNotice()}`,
  };
}

/** The simplified notice, where personal data is first asked for. */
function privacyNotice() {
  const t = WEB.privacy.short;
  return html`<section class="inset" aria-labelledby="aviso-simplificado">
<h2 id="aviso-simplificado">${t.title}</h2>
${paragraphs(t.body)}
<p><a href="/aviso-de-privacidad">${t.more}</a></p>
</section>`;
}

export interface CodePageState {
  resendInSeconds: number | null;
  notice?: string;
  value?: string;
  errors: FieldError[];
  /** Where signing in leads (return-path.ts). */
  after?: string | null;
}

export function codePage(csrfToken: string, s: CodePageState): PortalPage {
  const t = WEB.code;
  // The button is always there: pressed too early, it says how long is left (no reload to find it).
  const resend =
    s.resendInSeconds === null
      ? html`<p>${t.noMoreSends}</p>`
      : html`<p>${t.notReceived}${s.resendInSeconds > 0 ? html` ${t.resendIn(s.resendInSeconds)}` : ''}</p>
${postForm({ action: withReturn('/entrar/codigo/nuevo', s.after ?? null), csrfToken, body: button(t.resend, 'secondary') })}`;
  return {
    title: t.title,
    hasErrors: s.errors.length > 0,
    status: s.errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(s.errors)}
${s.notice ? html`<div class="inset" role="status">${s.notice}</div>` : ''}
<h1>${t.title}</h1>
<p>${t.sentIfMatch}</p>
<p>${t.expiry}</p>
${postForm({
  action: withReturn('/entrar/codigo', s.after ?? null),
  csrfToken,
  body: html`${textInput({
    id: 'codigo',
    label: t.label,
    value: s.value,
    error: errorFor(s.errors, 'codigo'),
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    width: 'w-6',
    maxlength: 9,
    spellcheck: false,
  })}
${button(t.submit)}`,
})}
<h2>${t.notReceivedTitle}</h2>
${resend}
${paragraphs(t.nothingArrives)}
<p><a href="/entrar">${t.otherCurp}</a></p>`,
  };
}
