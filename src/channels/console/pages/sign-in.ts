import {
  button,
  errorSummary,
  type FieldError,
  postForm,
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
