import type { AvailableSlot } from '../../../agenda/availability.js';
import type { Appointment } from '../../../booking/appointments.js';
import type { SlotForBooking } from '../../../booking/slot-facts.js';
import { button, postForm, summaryList } from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import type { SlotFilter } from '../free-slots.js';
import { formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';
import { slotChoices } from './person.js';
import { slotFilterForm } from './slot-filter.js';

export interface BookingRefusal {
  code: string;
  message: string;
  alternatives: AvailableSlot[];
  existing: Appointment | undefined;
}

/** An error box at the top of a page: what the rule said, then what to do next. */
export function refusalBox(refusal: { code: string; message: string }, extra: HtmlValue = ''): HtmlValue {
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-code="${refusal.code}">
<h2>${CONSOLE.errorTitle}</h2>
<p>${refusal.message}</p>
${extra}
</div>`;
}

export function confirmBookingPage(o: {
  person: Beneficiary;
  slot: SlotForBooking;
  serviceName: string;
  csrfToken: string;
  idempotencyKey: string;
  refusal?: BookingRefusal;
}): ConsolePage {
  const t = CONSOLE.confirm;
  const { person, slot, refusal } = o;
  const summary = summaryList([
    {
      key: t.rows.person,
      value: `${person.givenNames} ${person.firstSurname} ${person.secondSurname}`.trim(),
    },
    { key: t.rows.service, value: o.serviceName },
    { key: t.rows.unit, value: slot.unitName },
    { key: t.rows.when, value: formatWhen(slot.startsAt, slot.timeZone) },
  ]);
  const back = html`<a href="/consola/personas/${person.id}?servicio=${slot.serviceCode}">${t.other}</a>`;
  if (refusal) {
    const alternatives = refusal.alternatives.length
      ? html`<form method="get" action="/consola/personas/${person.id}/confirmar" novalidate>
${slotChoices(refusal.alternatives, CONSOLE.alternatives, true)}
<button type="submit" class="button button--primary">${CONSOLE.person.continue}</button>
</form>`
      : '';
    const existing = refusal.existing
      ? html`<p><a href="/consola/citas/${refusal.existing.id}" autofocus>${CONSOLE.existing}</a></p>`
      : '';
    return {
      title: t.title,
      status: refusal.code === 'SLOT_TAKEN' || refusal.code === 'ACTIVE_APPOINTMENT_EXISTS' ? 409 : 422,
      errorCode: refusal.code,
      hasErrors: true,
      main: html`${refusalBox(refusal, existing)}
<h1>${t.title}</h1>
${summary}
${alternatives}
<p>${back}</p>`,
    };
  }
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
${summary}
<p class="hint">${t.readBack}</p>
${postForm({
  action: `/consola/personas/${person.id}/citas`,
  csrfToken: o.csrfToken,
  body: html`<input type="hidden" name="horario" value="${slot.id}">
<input type="hidden" name="clave" value="${o.idempotencyKey}">
<div class="button-group"><button type="submit" class="button button--primary" autofocus>${t.submit}</button> ${back}</div>`,
})}`,
  };
}

export function chooseNewSlotPage(o: {
  appointment: Appointment;
  slots: AvailableSlot[];
  /** The day and shift asked for, and the days that may be asked for. */
  filter: SlotFilter;
  days: readonly string[];
  csrfToken: string;
  refusal?: { code: string; message: string };
}): ConsolePage {
  const t = CONSOLE.reschedule;
  const a = o.appointment;
  const keep = html`<a href="/consola/citas/${a.id}">${t.keep}</a>`;
  const form = o.slots.length
    ? postForm({
        action: `/consola/citas/${a.id}/cambiar`,
        csrfToken: o.csrfToken,
        body: html`${slotChoices(o.slots, t.legend, true)}
<div class="button-group">${button(t.submit)} ${keep}</div>`,
      })
    : html`<p>${o.filter.day || o.filter.shift ? CONSOLE.slotFilter.none : t.noSlots}</p><p>${keep}</p>`;
  const filter = slotFilterForm({ action: `/consola/citas/${a.id}/cambiar`, days: o.days, chosen: o.filter });
  return {
    title: t.title,
    status: o.refusal ? 409 : 200,
    errorCode: o.refusal?.code,
    hasErrors: o.refusal !== undefined,
    main: html`${o.refusal ? refusalBox(o.refusal) : ''}
<h1>${t.title}</h1>
<p>${a.service.name} · ${a.beneficiary.givenNames} ${a.beneficiary.firstSurname} · ${formatWhen(a.startsAt, a.timeZone)}</p>
${form}
${filter}`,
  };
}
