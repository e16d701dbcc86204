import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import type { ProposalState } from '../../../booking/replacement.js';
import {
  backLink,
  button,
  buttonLink,
  postForm,
  summaryList,
  warning,
} from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { ALLOCATION_WEB } from '../../../platform/i18n/allocation-messages.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import { REBOOKING_WEB } from '../../../platform/i18n/rebooking-messages.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { checkInSection, nameOfPatient } from './booking.js';
import type { PortalPage } from './frame.js';

const nameOf = nameOfPatient;

/** An appointment's state in words: a booked one is "Agendada" until its time, "Pasada" after. */
export const statusLabel = (a: Pick<Appointment, 'status' | 'startsAt'>, now: Date) =>
  a.status === 'booked' && a.startsAt > now ? WEB.mine.bookedAhead : (WEB.mine.status[a.status] ?? a.status);

export interface UpcomingAppointment {
  appointment: Appointment;
  /** The time held for it after a closure, while it is held (booking/replacement.ts). */
  held: ProposalState | null;
  /** False once the change cutoff has passed (the domain's rule decides). */
  changeable: boolean;
  unitPhone: string;
}

function upcomingCard(u: UpcomingAppointment, readerId: number, csrfToken: string) {
  const a = u.appointment;
  const t = WEB.mine;
  return html`<section class="appointment" aria-labelledby="cita-${a.id}">
<h3 id="cita-${a.id}">${formatDateTime(a.startsAt, a.timeZone)}<br><span class="muted">${t.forWhom(a.service.name, nameOf(a))}</span></h3>
${a.needsRebooking ? warning(t.needsRebooking, t.notice) : ''}
${u.held ? heldTime(a, u.held, csrfToken) : ''}
${summaryList([
  { key: t.unit, value: html`${a.unit.name}<br>${a.unit.address}` },
  { key: t.folio, value: formatFolio(a.folio) },
])}
${
  u.changeable
    ? html`<div class="button-group">${buttonLink(`/citas/${a.id}/cambiar`, t.change, 'secondary')}<a href="/citas/${a.id}/cancelar">${t.cancel}<span class="visually-hidden"> ${formatDateTime(a.startsAt, a.timeZone)}</span></a></div>`
    : html`<p>${t.tooLate(u.unitPhone)}</p>`
}
${checkInSection(a, readerId, 'h4')}
<p><a href="/citas/${a.id}/cita.ics" download>${t.calendar}<span class="visually-hidden"> ${formatDateTime(a.startsAt, a.timeZone)}</span></a></p>
</section>`;
}

/** The time held for an appointment a closure took away, and the button that keeps it. */
function heldTime(a: Appointment, held: ProposalState, csrfToken: string) {
  const t = REBOOKING_WEB;
  return html`<p><strong>${t.mineHeld(formatDateTime(held.startsAt, a.timeZone), formatDateTime(held.expiresAt, a.timeZone))}</strong></p>
${postForm({
  action: `/citas/${a.id}/conservar-horario`,
  csrfToken,
  body: html`<input type="hidden" name="propuesta" value="${String(held.id)}">${button(t.keepMine)}`,
})}`;
}

/** Appointments that are not coming up, each with its state. */
function appointmentList(appointments: readonly Appointment[], now: Date) {
  return html`<ul>${appointments.map(
    (a) =>
      html`<li>${formatDateTime(a.startsAt, a.timeZone)} — ${a.service.name}, ${nameOf(a)} <span class="tag">${statusLabel(a, now)}</span></li>`,
  )}</ul>`;
}

export function myAppointmentsPage(o: {
  upcoming: UpcomingAppointment[];
  /** Cancelled (or otherwise closed) appointments whose time has not come. */
  cancelledAhead: Appointment[];
  past: Appointment[];
  readerId: number;
  now: Date;
  csrfToken: string;
  notice?: string;
  /** The family's waitlist entries (pages/waitlist.ts). */
  waitlist?: HtmlValue;
}): PortalPage {
  const t = WEB.mine;
  return {
    title: t.title,
    main: html`${o.notice ? html`<div class="inset" role="status">${o.notice}</div>` : ''}
<h1>${t.title}</h1>
<h2>${t.upcoming}</h2>
${o.upcoming.length > 0 ? o.upcoming.map((u) => upcomingCard(u, o.readerId, o.csrfToken)) : html`<p>${t.noneUpcoming}</p>`}
${buttonLink('/cita', WEB.start.signedInBegin)}
${o.cancelledAhead.length > 0 ? html`<h2>${t.cancelledAhead}</h2>${appointmentList(o.cancelledAhead, o.now)}` : ''}
${o.waitlist ?? ''}
<h2>${t.past}</h2>
${o.past.length > 0 ? appointmentList(o.past, o.now) : html`<p>${t.nonePast}</p>`}
<p><a href="/mis-solicitudes">${ALLOCATION_WEB.nav}</a></p>
<p><a href="/mis-datos">${WEB.myData.link}</a></p>`,
  };
}

export function cancelPage(csrfToken: string, a: Appointment): PortalPage {
  const t = WEB.cancel;
  const r = WEB.review;
  return {
    title: t.title,
    before: backLink('/citas'),
    main: html`<h1>${t.title}</h1>
${summaryList([
  { key: r.patient, value: nameOf(a) },
  { key: r.service, value: a.service.name },
  { key: r.when, value: formatDateTime(a.startsAt, a.timeZone) },
  { key: r.unit, value: a.unit.name },
  { key: WEB.mine.folio, value: formatFolio(a.folio) },
])}
${warning(t.warning, WEB.mine.notice)}
${postForm({
  action: `/citas/${a.id}/cancelar`,
  csrfToken,
  body: html`<div class="button-group">${button(t.confirm, 'warning')}<a href="/citas">${t.keep}</a></div>`,
})}`,
  };
}
