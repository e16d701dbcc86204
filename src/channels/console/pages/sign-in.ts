import {
  button,
  errorSummary,
  type FieldError,
  postForm,
  summaryList,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { ConsolePage } from './frame.js';

export function signInPage(csrfToken: string, email: string, errors: FieldError[]): ConsolePage {
  const t = CONSOLE.signIn;
  return {
    title: t.title,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 401 : 200,
    main: html`${errorSummary(errors)}
<h1>${t.title}</h1>
${postForm({
  action: '/consola/entrar',
  csrfToken,
  body: html`${textInput({ id: 'correo', label: t.email, type: 'email', value: email, autocomplete: 'username', spellcheck: false, width: 'w-20', autofocus: errors.length === 0 })}
${textInput({ id: 'clave', label: t.password, type: 'password', autocomplete: 'current-password', width: 'w-20' })}
${button(t.submit)}`,
})}`,
  };
}

/** The code step; on a first enrolment it shows the secret to add to the authenticator app. */
export function secondFactorPage(
  csrfToken: string,
  enrol: { secret: string; uri: string } | null,
  errors: FieldError[],
): ConsolePage {
  const t = CONSOLE.secondFactor;
  const title = enrol ? t.enrolTitle : t.title;
  return {
    title,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 401 : 200,
    main: html`${errorSummary(errors)}
<h1>${title}</h1>
${
  enrol
    ? html`<p>${t.enrolIntro}</p>
${summaryList([
  { key: t.uriLabel, value: html`<a class="mono" href="${enrol.uri}" id="totp-uri">${enrol.uri}</a>` },
  { key: t.secretLabel, value: html`<span class="mono" id="totp-secret">${enrol.secret}</span>` },
])}`
    : html`<p>${t.intro}</p>`
}
${postForm({
  action: '/consola/entrar/codigo',
  csrfToken,
  body: html`${textInput({ id: 'codigo', label: t.code, inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, width: 'w-6', autofocus: true, error: errors[0]?.message })}
${button(t.submit)}`,
})}`,
  };
}

/** After sign-in, when the account was locked out meanwhile: the owner hears of it once. */
export function lockoutNoticePage(lockouts: number, next: string): ConsolePage {
  const t = CONSOLE.lockoutNotice;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p>${t.body(lockouts)}</p>
<p><a class="button" href="${next}">${t.next}</a></p>`,
  };
}
