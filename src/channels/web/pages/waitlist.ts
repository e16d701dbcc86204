import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import { button, buttonLink, postForm, radios, summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { LOOP_WEB } from '../../../platform/i18n/access-loop-messages.js';
import { formatDateTime, formatDateWithYear, formatTime } from '../../../platform/i18n/dates.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { Offer } from '../../../waitlist/claim.js';
import type { WaitlistEntry } from '../../../waitlist/entries.js';
import type { PortalPage } from './frame.js';

/** The form offered where no slot is left: join the waitlist for this person and service. */
export function joinWaitlistForm(o: {
  csrfToken: string;
  personId: number;
  serviceCode: string;
  serviceName: string;
  offerMinutes: number;
  /** The weekdays the unit opens for the service (waitlist/window.ts `openWeekdays`). */
  openDays: readonly number[];
}) {
  const t = LOOP_WEB.join;
  return html`<h2>${t.title}</h2>
<p>${t.lead(o.serviceName, o.offerMinutes)}</p>
${postForm({
  action: '/lista-de-espera',
  csrfToken: o.csrfToken,
  body: html`<input type="hidden" name="persona" value="${String(o.personId)}">
<input type="hidden" name="servicio" value="${o.serviceCode}">
${radios({
  name: 'dias',
  legend: t.daysLegend,
  hint: t.daysHint,
  options: o.openDays.map((d) => ({ value: String(d), label: t.weekdays[d] ?? '' })),
  multiple: { checkedValues: [] },
})}
${radios({
  name: 'turno',
  legend: t.shiftLegend,
  checked: '',
  options: [
    { value: '', label: t.shifts.any },
    { value: 'M', label: t.shifts.M },
    { value: 'V', label: t.shifts.V },
  ],
})}
${button(t.submit)}`,
})}`;
}

/** The waitlist section of Mis citas: each entry, the offer out if any, and a way to leave. */
export function waitlistSection(entries: readonly WaitlistEntry[], csrfToken: string) {
  if (entries.length === 0) return '';
  const t = LOOP_WEB.mine;
  return html`<h2>${t.title}</h2>
${entries.map(
  (e) => html`<section class="appointment">
<h3>${t.waiting(e.serviceName, e.unitName)}</h3>
<p>${t.since(formatDateWithYear(e.joinedAt, e.timeZone))}</p>
${e.openOffer ? html`<p><strong>${t.offerOut(formatDateTime(e.openOffer.startsAt, e.timeZone), formatTime(e.openOffer.expiresAt, e.timeZone))}</strong></p>` : ''}
${postForm({
  action: '/lista-de-espera/salir',
  csrfToken,
  body: html`<input type="hidden" name="persona" value="${String(e.beneficiaryId)}">
<input type="hidden" name="servicio" value="${e.serviceCode}">
${button(t.leave, 'secondary')}`,
})}
</section>`,
)}`;
}

/** The one-tap page of an offer: no sign-in, the link is the key. */
export function offerPage(offer: Offer, token: string, csrfToken: string): PortalPage {
  const t = LOOP_WEB.offer;
  const action = `/o/${token}`;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.lead(offer.serviceName, offer.unitName)}</p>
${summaryList([{ key: t.when, value: formatDateTime(offer.startsAt, offer.timeZone) }])}
<p>${t.until(formatTime(offer.expiresAt, offer.timeZone))}</p>
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="tomar">${button(t.take)}` })}
${postForm({ action, csrfToken, body: html`<input type="hidden" name="accion" value="rechazar">${button(t.decline, 'secondary')}` })}`,
  };
}

export function offerTakenPage(appointment: Appointment): PortalPage {
  const t = LOOP_WEB.offer;
  return {
    title: t.takenTitle,
    main: html`<h1>${t.takenTitle}</h1>
<p class="lead">${formatDateTime(appointment.startsAt, appointment.timeZone)}</p>
<p>${t.taken(formatFolio(appointment.folio))}</p>
${buttonLink('/citas', WEB.nav.myAppointments)}`,
  };
}

export function offerDeclinedPage(): PortalPage {
  const t = LOOP_WEB.offer;
  return { title: t.declinedTitle, main: html`<h1>${t.declinedTitle}</h1><p>${t.declined}</p>` };
}
