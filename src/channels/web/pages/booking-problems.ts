import type { AvailableSlot } from '../../../agenda/availability.js';
import { distinctTimes } from '../../../agenda/distinct-times.js';
import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import { buttonLink, summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { PortalPage } from './frame.js';
import { problemPage } from './problem.js';

/** The slot went to someone else between choosing and confirming: offer the next free times. */
export function slotTakenPage(
  alternatives: readonly AvailableSlot[],
  review: (slotId: number) => string,
  dates: string,
): PortalPage {
  const t = WEB.problems.slotTaken;
  const times = distinctTimes(alternatives);
  const list =
    times.length > 0
      ? html`<h2>${t.alternatives}</h2>
<ul class="choice-list">${times.map((s) => html`<li><a href="${review(s.slotId)}">${formatDateTime(s.startsAt, s.timeZone)}</a></li>`)}</ul>`
      : html`<p>${t.noAlternatives}</p>`;
  return problemPage({
    status: 409,
    code: 'SLOT_TAKEN',
    title: t.title,
    body: t.body,
    extra: list,
    next: buttonLink(dates, WEB.times.otherDay, 'secondary'),
  });
}

/** One open appointment per service: show it, with "Cambiar" as the way forward. */
export function activeAppointmentPage(existing: Appointment, personName: string): PortalPage {
  const t = WEB.problems.activeExists;
  const r = WEB.review;
  return problemPage({
    status: 409,
    code: 'ACTIVE_APPOINTMENT_EXISTS',
    title: t.title(personName, existing.service.name),
    body: t.body,
    extra: summaryList([
      { key: r.when, value: formatDateTime(existing.startsAt, existing.timeZone) },
      { key: r.unit, value: existing.unit.name },
      { key: WEB.mine.folio, value: formatFolio(existing.folio) },
    ]),
    next: html`${buttonLink(`/citas/${existing.id}/cambiar`, t.change)}<a href="/citas/${existing.id}/cancelar">${t.cancel}</a>`,
  });
}
