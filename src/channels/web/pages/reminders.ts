import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import { button, postForm, summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { LOOP_WEB } from '../../../platform/i18n/access-loop-messages.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import type { PortalPage } from './frame.js';

/** A reminder's one-tap page: no sign-in, the link is bound to this appointment. No names shown. */
export function reminderPage(a: Appointment, token: string, csrfToken: string): PortalPage {
  const t = LOOP_WEB.reminder;
  const action = `/r/${token}`;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.lead(a.service.name, a.unit.name)}</p>
${summaryList([
  { key: t.when, value: formatDateTime(a.startsAt, a.timeZone) },
  { key: t.folio, value: formatFolio(a.folio) },
])}
<h2>${t.question}</h2>
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="confirmar">${button(t.confirm)}` })}
<p>${t.cancelHint}</p>
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="cancelar">${button(t.cancel, 'warning')}` })}`,
  };
}

export function reminderAnsweredPage(answer: 'confirm' | 'cancel'): PortalPage {
  const t = LOOP_WEB.reminder;
  const [title, body] =
    answer === 'confirm' ? [t.confirmedTitle, t.confirmed] : [t.cancelledTitle, t.cancelled];
  return { title, main: html`<h1>${title}</h1><p>${body}</p>` };
}
