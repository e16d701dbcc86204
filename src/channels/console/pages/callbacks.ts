import { postForm } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { CallbackRequest } from '../../../telephony/callbacks.js';
import { formatPhone, formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';

const ZONE = 'America/Mexico_City';

export function callbacksPage(requests: CallbackRequest[], agentId: number, csrfToken: string): ConsolePage {
  const t = CONSOLE.callbacks;
  const action = (id: number, path: string, label: string, extra = html``) =>
    postForm({
      action: `/consola/llamadas/${id}/${path}`,
      csrfToken,
      body: html`${extra}<button type="submit" class="button button--secondary">${label}</button>`,
    });
  let focused = false;
  const rows = requests.map((c) => {
    const mine = c.takenBy?.id === agentId;
    let actions = html``;
    if (c.status === 'pending') {
      // The oldest pending request is the agent's next job: its "Tomar" button takes the focus.
      const autofocus = !focused;
      focused = true;
      actions = postForm({
        action: `/consola/llamadas/${c.id}/tomar`,
        csrfToken,
        body: html`<button type="submit" class="button button--secondary"${autofocus ? html` autofocus` : ''}>${t.take}</button>`,
      });
    } else if (mine) {
      actions = html`${action(c.id, 'cerrar', t.done, html`<input type="hidden" name="resultado" value="done">`)}
${action(c.id, 'cerrar', t.unreachable, html`<input type="hidden" name="resultado" value="unreachable">`)}`;
    }
    return html`<tr>
<td>${formatWhen(c.requestedAt, ZONE)}</td>
<td class="mono">${formatPhone(c.phone)}</td>
<td>${c.beneficiary ? html`<a href="/consola/personas/${c.beneficiary.id}">${c.beneficiary.givenNames} ${c.beneficiary.firstSurname}</a>` : t.unidentified}</td>
<td>${t.reason[c.reason] ?? c.reason}</td>
<td>${c.status === 'pending' ? t.pending : t.takenBy(c.takenBy?.name ?? '')}</td>
<td class="actions">${actions}</td>
</tr>`;
  });
  const c = t.columns;
  return {
    title: t.title,
    focusSearch: !focused,
    main: html`<h1>${t.title}</h1>
<p>${t.intro}</p>
${
  requests.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.when}</th><th scope="col">${c.phone}</th><th scope="col">${c.who}</th><th scope="col">${c.reason}</th><th scope="col">${c.status}</th><th scope="col"><span class="visually-hidden">${c.actions}</span></th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
    : html`<p>${t.none}</p>`
}`,
  };
}
