import type { Disruption } from '../../../agenda/closures.js';
import { formatFolio } from '../../../booking/folio.js';
import type { RebookingItem } from '../../../booking/rebooking.js';
import {
  button,
  errorFor,
  type FieldError,
  postForm,
  radios,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CLINIC } from '../../../platform/i18n/clinic-messages.js';
import { REBOOKING_CONSOLE } from '../../../platform/i18n/rebooking-messages.js';
import { TEMPLATES } from '../../../platform/i18n/template-messages.js';
import { formatDay, formatPhone, formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';
import { unitFormsPage } from './unit-page.js';

const t = CLINIC.unit;

export interface UnitAgendaView {
  unit: { clues: string; name: string };
  csrfToken: string;
  consultorios: { id: number; name: string }[];
  disruptions: Disruption[];
  worklistSize: number;
  done?: string;
  errors?: FieldError[];
  /** What was typed, shown again with the errors. */
  values?: Record<string, string>;
}

export function unitAgendaPage(v: UnitAgendaView): ConsolePage {
  const errors = v.errors ?? [];
  const value = (id: string) => v.values?.[id];
  const c = t.columns;
  const rows = v.disruptions.map(
    (d) =>
      html`<tr><td>${formatDay(d.day)}</td><td>${d.resourceName ?? t.wholeUnit}</td><td>${d.reason}</td></tr>`,
  );
  return unitFormsPage({
    title: t.title,
    unit: v.unit,
    intro: t.intro,
    errors,
    done: v.done,
    body: html`<p><a href="/consola/unidades/${v.unit.clues}/reprogramar">${t.worklistLink(v.worklistSize)}</a></p>
<p><a href="/consola/unidades/${v.unit.clues}/plantillas">${TEMPLATES.title}</a></p>
<h2>${t.closeTitle}</h2>
${postForm({
  action: `/consola/unidades/${v.unit.clues}/cierres`,
  csrfToken: v.csrfToken,
  body: html`${textInput({ id: 'cierre-dia', name: 'dia', label: t.day, hint: t.dayHint, width: 'w-6', maxlength: 10, value: value('cierre-dia'), error: errorFor(errors, 'cierre-dia') })}
${textInput({ id: 'cierre-motivo', name: 'motivo', label: t.reason, width: 'w-20', maxlength: 200, value: value('cierre-motivo'), error: errorFor(errors, 'cierre-motivo') })}
${button(t.close, 'warning')}`,
})}
<h2>${t.absenceTitle}</h2>
${
  v.consultorios.length
    ? postForm({
        action: `/consola/unidades/${v.unit.clues}/ausencias`,
        csrfToken: v.csrfToken,
        body: html`${radios({ name: 'consultorio', legend: t.consultorio, options: v.consultorios.map((k) => ({ value: String(k.id), label: k.name })), checked: value('consultorio'), error: errorFor(errors, 'consultorio') })}
${textInput({ id: 'ausencia-dia', name: 'dia', label: t.day, hint: t.dayHint, width: 'w-6', maxlength: 10, value: value('ausencia-dia'), error: errorFor(errors, 'ausencia-dia') })}
${textInput({ id: 'ausencia-motivo', name: 'motivo', label: t.reason, width: 'w-20', maxlength: 200, value: value('ausencia-motivo'), error: errorFor(errors, 'ausencia-motivo') })}
${button(t.absent, 'warning')}`,
      })
    : html`<p>${CLINIC.reception.noConsultorios}</p>`
}
<h2>${t.upcoming}</h2>
${
  rows.length
    ? html`<div class="table-wrap"><table class="table"><thead><tr><th scope="col">${c.day}</th><th scope="col">${c.what}</th><th scope="col">${c.reason}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>${t.noUpcoming}</p>`
}`,
  });
}

export function worklistPage(
  unit: { clues: string; name: string },
  items: RebookingItem[],
  csrfToken: string,
): ConsolePage {
  const w = CLINIC.worklist;
  const c = w.columns;
  const rows = items.map(
    (i) => html`<tr>
<td>${formatWhen(i.startsAt, i.timeZone)}<br><span class="mono">${formatFolio(i.folio)}</span></td>
<td><a href="/consola/personas/${i.person.id}">${i.person.givenNames} ${i.person.firstSurname}</a></td>
<td>${i.serviceName}</td>
<td>${i.reason ?? ''}</td>
<td>${i.phone ? html`<span class="mono">${formatPhone(i.phone)}</span>` : ''}</td>
<td>${!i.phone ? w.noPhone : i.notifiedAt ? w.smsSent : w.notSent}</td>
<td>${heldTime(i, csrfToken)}</td>
<td><a href="/consola/citas/${i.appointmentId}/cambiar">${w.rebook}<span class="visually-hidden"> ${formatFolio(i.folio)}</span></a></td>
</tr>`,
  );
  return {
    title: w.title,
    main: html`<h1>${w.title}</h1>
<p>${unit.name} (${unit.clues})</p>
<p>${w.intro}</p>
${
  rows.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.when}</th><th scope="col">${c.person}</th><th scope="col">${c.service}</th><th scope="col">${c.reason}</th><th scope="col">${c.phone}</th><th scope="col">${c.sms}</th><th scope="col">${REBOOKING_CONSOLE.column}</th><th scope="col">${c.action}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${w.none}</p>`
}`,
  };
}

/** The time held for the appointment and what became of it; while held, staff can keep it for the person. */
function heldTime(i: RebookingItem, csrfToken: string) {
  const p = i.proposal;
  const t = REBOOKING_CONSOLE;
  if (!p) return t.none;
  const when = formatWhen(p.startsAt, i.timeZone);
  if (p.status === 'open')
    return html`${t.open(when, formatWhen(p.expiresAt, i.timeZone))}
${postForm({
  action: `/consola/citas/${i.appointmentId}/conservar-propuesta`,
  csrfToken,
  body: html`<input type="hidden" name="propuesta" value="${String(p.id)}">${button(html`${t.keep}<span class="visually-hidden"> ${formatFolio(i.folio)}</span>`, 'secondary')}`,
})}`;
  if (p.status === 'expired') return t.expired(when);
  if (p.status === 'declined') return t.declined(when);
  // A kept proposal moved the appointment off this list; what remains here was withdrawn.
  return t.withdrawn(when);
}
