import type { AvailableSlot } from '../../../agenda/availability.js';
import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import type { Service } from '../../../network/services.js';
import type { Unit } from '../../../network/units.js';
import type { Attendance } from '../../../no-show/attendance.js';
import type { AppointmentChannel } from '../../../platform/db/schema.js';
import { summaryList } from '../../../platform/html/components.js';
import { type HtmlValue, html, type SafeHtml } from '../../../platform/html/html.js';
import { ALLOCATION_CONSOLE } from '../../../platform/i18n/allocation-messages.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import type { SlotFilter } from '../free-slots.js';
import { attendanceSection } from './attendance.js';
import { formatDay, formatPhone, formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';
import { slotFilterForm } from './slot-filter.js';

export interface PersonView {
  person: Beneficiary;
  unit: Unit;
  family: Beneficiary[];
  appointments: Appointment[];
  /** Attended, missed and late-cancelled appointments, and the no-show policy's answer for the person. */
  attendance: Attendance;
  services: Service[];
  service: Service | undefined;
  slots: AvailableSlot[];
  /** The day and shift asked for, and the days that may be asked for. */
  filter: SlotFilter;
  days: readonly string[];
  /** Services the person already has a coming appointment of: never chosen for them by default. */
  bookedServices: ReadonlySet<string>;
  /** Whether the viewer may book at the person's unit; unit administrators only look. */
  mayBook: boolean;
  channel: AppointmentChannel;
  /** Whether the person or a family member may book now (booking/eligibility.ts). */
  eligibleNow: (b: Beneficiary) => boolean;
}

const fullName = (b: Beneficiary) => `${b.givenNames} ${b.firstSurname} ${b.secondSurname}`.trim();

export const eligibility = (b: Beneficiary, eligibleNow: boolean): HtmlValue =>
  eligibleNow
    ? CONSOLE.person.eligibleUntil(formatDay(b.eligibleUntil))
    : html`<strong class="tag tag--warning">${CONSOLE.person.notEligible(formatDay(b.eligibleUntil))}</strong>`;

/**
 * A slot radio list: the first slot is chosen and focused, so Enter goes straight to the check
 * page; arrows pick another. `name` is the form field.
 */
export function slotChoices(slots: AvailableSlot[], legend: string, autofocus: boolean): SafeHtml {
  return html`<fieldset class="fieldset">
<legend class="legend">${legend}</legend>
<div class="radios">
${slots.map((s, i) => {
  const id = i === 0 ? 'horario' : `horario-${i + 1}`;
  return html`<div class="radio">
<input class="radio-input" id="${id}" name="horario" type="radio" value="${s.slotId}"${i === 0 ? html` checked${autofocus ? html` autofocus` : ''}` : ''}>
<label class="radio-label" for="${id}">${formatWhen(s.startsAt, s.timeZone)} <span class="muted">· ${s.resource.name}</span></label>
</div>`;
})}
</div>
</fieldset>`;
}

export function appointmentTable(appointments: Appointment[], withPerson: boolean): SafeHtml {
  const c = CONSOLE.person.columns;
  return html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.when}</th>${withPerson ? html`<th scope="col">${CONSOLE.appointment.rows.person}</th>` : ''}<th scope="col">${c.service}</th><th scope="col">${c.folio}</th><th scope="col">${c.status}</th></tr></thead>
<tbody>${appointments.map(
    (a) => html`<tr>
<td><a href="/consola/citas/${a.id}">${formatWhen(a.startsAt, a.timeZone)}</a></td>
${withPerson ? html`<td>${a.beneficiary.givenNames}</td>` : ''}
<td>${a.service.name}</td>
<td class="mono">${formatFolio(a.folio)}</td>
<td>${CONSOLE.status[a.status] ?? a.status}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

export function personPage(v: PersonView): ConsolePage {
  const t = CONSOLE.person;
  const { person } = v;
  const identity = summaryList([
    { key: t.rows.curp, value: html`<span class="mono">${person.curp}</span>` },
    { key: t.rows.affiliation, value: person.affiliationNumber ?? t.noAffiliation },
    { key: t.rows.birthDate, value: formatDay(person.birthDate) },
    { key: t.rows.phone, value: person.phone ? formatPhone(person.phone) : t.noPhone },
    { key: t.rows.category, value: t.categoryOf(person) },
    { key: t.rows.unit, value: `${v.unit.name} (${v.unit.clues}), ${v.unit.address}` },
    { key: t.rows.consultorio, value: `${person.consultorio}, ${t.shift[person.shift] ?? person.shift}` },
    { key: t.rows.eligibility, value: eligibility(person, v.eligibleNow(person)) },
  ]);
  const others = v.family.filter((b) => b.id !== person.id);
  const family = others.length
    ? html`<ul class="family">${others.map(
        (b) =>
          html`<li><a href="/consola/personas/${b.id}">${fullName(b)}</a> · ${t.categoryOf(b)} · ${eligibility(b, v.eligibleNow(b))}</li>`,
      )}</ul>`
    : html`<p>${t.noFamily}</p>`;
  return {
    title: fullName(person),
    focusSearch: v.slots.length === 0,
    main: html`<h1>${fullName(person)}</h1>
<div class="console-columns">
${
  v.mayBook
    ? html`<section aria-labelledby="agendar">
<h2 id="agendar">${t.book}</h2>
${bookingForm(v)}
</section>`
    : ''
}
<section aria-labelledby="datos">
<h2 id="datos">${t.identity}</h2>
${identity}
</section>
</div>
<h2>${t.appointments}</h2>
${v.mayBook && v.channel === 'agent' ? html`<p><a href="/consola/personas/${person.id}/solicitudes">${ALLOCATION_CONSOLE.link}</a></p>` : ''}
${v.appointments.length ? appointmentTable(v.appointments, false) : html`<p>${t.noAppointments}</p>`}
${attendanceSection(v.attendance, v.unit.timeZone)}
<h2>${t.family}</h2>
${family}`,
  };
}

function bookingForm(v: PersonView): SafeHtml {
  const t = CONSOLE.person;
  const others = v.services.filter((s) => s.code !== v.service?.code);
  const switcher = others.length
    ? html`<p>${t.otherServices} ${others.map((s, i) => html`${i > 0 ? ', ' : ''}<a href="/consola/personas/${v.person.id}?servicio=${s.code}">${s.name}</a>${v.bookedServices.has(s.code) ? html` <span class="muted">(${t.hasAppointment})</span>` : ''}`)}</p>`
    : '';
  if (!v.service) return html`${v.services.length > 0 ? html`<p>${t.allBooked}</p>` : ''}${switcher}`;
  const filter = slotFilterForm({
    action: `/consola/personas/${v.person.id}`,
    days: v.days,
    chosen: v.filter,
    hidden: { servicio: v.service.code },
  });
  const filtered = v.filter.day !== undefined || v.filter.shift !== undefined;
  if (v.slots.length === 0) {
    const none = filtered ? CONSOLE.slotFilter.none : v.channel === 'counter' ? t.noSlotsCounter : t.noSlots;
    return html`<p><strong>${v.service.name}:</strong> ${none}</p>${filter}${switcher}`;
  }
  return html`<form method="get" action="/consola/personas/${v.person.id}/confirmar" novalidate>
${slotChoices(v.slots, t.slotsLegend(v.service.name), true)}
<button type="submit" class="button button--primary">${t.continue}</button>
</form>
${filter}
${switcher}`;
}
