import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import type { Proposal } from '../../../booking/replacement.js';
import { button, buttonLink, postForm, summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import { REBOOKING_WEB } from '../../../platform/i18n/rebooking-messages.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { PortalPage } from './frame.js';

/** The one-tap page of a closure's proposed time: no sign-in, the link is the key. */
export function proposalPage(proposal: Proposal, token: string, csrfToken: string): PortalPage {
  const t = REBOOKING_WEB;
  const action = `/p/${token}`;
  const when = (at: Date) => formatDateTime(at, proposal.timeZone);
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.lead(proposal.unitName)}</p>
${summaryList([
  { key: t.service, value: proposal.serviceName },
  { key: t.folio, value: formatFolio(proposal.folio) },
  { key: t.lost, value: when(proposal.lostStartsAt) },
  { key: t.proposed, value: html`<strong>${when(proposal.startsAt)}</strong>` },
])}
<p>${t.until(when(proposal.expiresAt))}</p>
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="conservar">${button(t.keep)}` })}
<p>${buttonLink(`/citas/${proposal.appointmentId}/cambiar`, t.other, 'secondary')}</p>
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="rechazar">${button(t.decline, 'secondary')}` })}`,
  };
}

export function proposalKeptPage(appointment: Appointment): PortalPage {
  const t = REBOOKING_WEB;
  return {
    title: t.keptTitle,
    main: html`<h1>${t.keptTitle}</h1>
<p class="lead">${formatDateTime(appointment.startsAt, appointment.timeZone)}</p>
<p>${t.kept(formatFolio(appointment.folio))}</p>
${buttonLink('/citas', WEB.nav.myAppointments)}`,
  };
}

export function proposalDeclinedPage(): PortalPage {
  const t = REBOOKING_WEB;
  return {
    title: t.declinedTitle,
    main: html`<h1>${t.declinedTitle}</h1><p>${t.declined}</p>
${buttonLink('/citas', WEB.nav.myAppointments)}`,
  };
}
