import type { SameDaySuggestion } from '../../../agenda/same-day-demand.js';
import type { AgendaTemplate } from '../../../agenda/slot-plan.js';
import { PREVIEW_DAYS } from '../../../agenda/template-change.js';
import { formatFolio } from '../../../booking/folio.js';
import type { OrphanAppointment, TemplatePreview } from '../../../booking/template-edit.js';
import {
  button,
  errorFor,
  errorSummary,
  type FieldError,
  postForm,
  radios,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { formatDateLong, formatTime } from '../../../platform/i18n/dates.js';
import { TEMPLATES } from '../../../platform/i18n/template-messages.js';
import { formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';
import { unitFormsPage } from './unit-page.js';

const t = TEMPLATES;
const hhmm = (time: string) => time.slice(0, 5);
const daysOf = (weekdays: readonly number[]) => weekdays.map((d) => t.weekdays[d - 1]).join(', ');

type Unit = { clues: string; name: string; timeZone: string };
type Named = { id: number; name: string };
type NamedService = { code: string; name: string };

export interface TemplateListView {
  unit: Unit;
  csrfToken: string;
  templates: AgendaTemplate[];
  /** Each service's same-day demand and the share it suggests (agenda/same-day-demand.ts). */
  demand: SameDaySuggestion[];
  consultorios: Named[];
  services: NamedService[];
  done?: string;
  errors?: FieldError[];
}

export function templateListPage(v: TemplateListView): ConsolePage {
  const c = t.columns;
  const errors = v.errors ?? [];
  const consultorio = (id: number) => v.consultorios.find((k) => k.id === id)?.name ?? String(id);
  const service = (code: string) => v.services.find((s) => s.code === code)?.name ?? code;
  const ordered = [...v.templates].sort(
    (a, b) =>
      consultorio(a.resourceId).localeCompare(consultorio(b.resourceId)) ||
      a.shift.localeCompare(b.shift) ||
      a.id - b.id,
  );
  const rows = ordered.map(
    (x) => html`<tr>
<td>${consultorio(x.resourceId)}</td><td>${t.shifts[x.shift] ?? x.shift}</td><td>${service(x.serviceCode)}</td>
<td>${daysOf(x.weekdays)}</td><td>${hhmm(x.startTime)}–${hhmm(x.endTime)}</td><td>${t.minutes(x.slotMinutes)}</td>
<td>${t.sharesOf(x.shares.web, x.shares.phone, x.shares.counter)}</td><td>${t.percent(x.sameDayShare ?? 0)}</td>
<td><a href="/consola/unidades/${v.unit.clues}/plantillas/${x.id}">${t.editLink}<span class="visually-hidden"> ${consultorio(x.resourceId)} ${service(x.serviceCode)}</span></a></td>
</tr>`,
  );
  const offered = v.services.filter((s) => v.templates.some((x) => x.serviceCode === s.code));
  const sharesOf = (code: string) => {
    const shares = [
      ...new Set(v.templates.filter((x) => x.serviceCode === code).map((x) => x.sameDayShare ?? 0)),
    ];
    return shares
      .sort((a, b) => a - b)
      .map(t.percent)
      .join(', ');
  };
  return unitFormsPage({
    title: t.title,
    unit: v.unit,
    intro: t.intro,
    errors,
    done: v.done,
    body: html`<p><a href="/consola/unidades/${v.unit.clues}/plantillas/nueva">${t.newLink}</a></p>
${
  rows.length
    ? html`<div class="table-wrap"><table class="table"><thead><tr><th scope="col">${c.consultorio}</th><th scope="col">${c.shift}</th><th scope="col">${c.service}</th><th scope="col">${c.days}</th><th scope="col">${c.hours}</th><th scope="col">${c.length}</th><th scope="col">${c.shares}</th><th scope="col">${c.sameDay}</th><th scope="col">${c.action}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>${t.none}</p>`
}
${
  offered.length
    ? html`<h2>${t.sameDayTitle}</h2>
<p>${t.sameDayIntro}</p>
<ul>${offered.map((s) => html`<li>${t.sameDayNow(s.name, sharesOf(s.code))} ${demandOf(v, s)}</li>`)}</ul>
${postForm({
  action: `/consola/unidades/${v.unit.clues}/plantillas/mismo-dia`,
  csrfToken: v.csrfToken,
  body: html`${radios({ name: 'servicio', legend: t.fields.service, options: offered.map((s) => ({ value: s.code, label: s.name })), error: errorFor(errors, 'servicio') })}
${textInput({ id: 'mismo_dia', name: 'mismo_dia', label: t.fields.sameDay, width: 'w-4', inputmode: 'numeric', maxlength: 3, error: errorFor(errors, 'mismo_dia') })}
${button(t.sameDaySet, 'secondary')}`,
})}`
    : ''
}`,
  });
}

/** What the service's recent days asked for, and a one-click way to the share they suggest. */
function demandOf(v: TemplateListView, service: NamedService) {
  const d = v.demand.find((x) => x.serviceCode === service.code);
  if (!d) return '';
  if (d.suggested === null) return t.sameDayTooFew(d.appointments);
  const asked = Math.round((100 * d.bookedSameDay) / d.appointments);
  const fill = d.sameDaySlots > 0 ? Math.round((100 * d.sameDaySlotsBooked) / d.sameDaySlots) : null;
  const apply =
    d.suggested === d.current
      ? ''
      : postForm({
          action: `/consola/unidades/${v.unit.clues}/plantillas/mismo-dia`,
          csrfToken: v.csrfToken,
          body: html`<input type="hidden" name="servicio" value="${service.code}"><input type="hidden" name="mismo_dia" value="${String(d.suggested)}">${button(html`${t.sameDayApply(d.suggested)}<span class="visually-hidden"> ${service.name}</span>`, 'secondary')}`,
        });
  return html`${t.sameDayDemand(asked, d.appointments, fill)} ${t.sameDaySuggested(d.suggested)}${apply}`;
}

export interface TemplateFormView {
  unit: Unit;
  csrfToken: string;
  /** The template being changed; absent for a new one. */
  template?: AgendaTemplate;
  consultorios: Named[];
  services: NamedService[];
  values: Record<string, string | string[]>;
  errors?: FieldError[];
  preview?: TemplatePreview;
  /** Set when saving was refused: the booked appointments the change would leave without a slot. */
  refused?: OrphanAppointment[];
  /** The refusal was of retiring the template (its button to rebook goes with the retire form). */
  retireRefused?: boolean;
}

export function templateFormPage(v: TemplateFormView): ConsolePage {
  const errors = v.errors ?? [];
  const f = t.fields;
  const value = (name: string) => {
    const x = v.values[name];
    return Array.isArray(x) ? x[0] : x;
  };
  const days = [v.values.dias ?? []].flat();
  const action = v.template
    ? `/consola/unidades/${v.unit.clues}/plantillas/${v.template.id}`
    : `/consola/unidades/${v.unit.clues}/plantillas/nueva`;
  const orphans = v.refused ?? v.preview?.orphans ?? [];
  const time = (id: string, label: string, hint?: string) =>
    textInput({
      id,
      name: id,
      label,
      hint,
      width: 'w-4',
      maxlength: 5,
      value: value(id),
      error: errorFor(errors, id),
    });
  const number = (id: string, label: string, hint?: string) =>
    textInput({
      id,
      name: id,
      label,
      hint,
      width: 'w-4',
      inputmode: 'numeric',
      maxlength: 3,
      value: value(id),
      error: errorFor(errors, id),
    });
  const weekdayError = errorFor(errors, 'dias');
  const title = v.template ? t.editTitle : t.newTitle;
  return {
    title,
    status: v.refused ? 409 : errors.length ? 422 : 200,
    hasErrors: errors.length > 0,
    main: html`${errorSummary(errors)}
<p><a href="/consola/unidades/${v.unit.clues}/plantillas">${t.toList}</a></p>
<h1>${title}</h1>
<p>${v.unit.name} (${v.unit.clues})</p>
${orphans.length ? orphanWarning(orphans, v.unit.timeZone, v.refused !== undefined) : ''}
${v.preview ? previewOf(v.preview, v.unit.timeZone) : ''}
${postForm({
  action,
  csrfToken: v.csrfToken,
  body: html`${
    v.template
      ? html`<p>${v.consultorios.find((k) => k.id === v.template?.resourceId)?.name ?? ''} · ${v.services.find((s) => s.code === v.template?.serviceCode)?.name ?? ''}</p>`
      : html`${radios({ name: 'consultorio', legend: f.consultorio, options: v.consultorios.map((k) => ({ value: String(k.id), label: k.name })), checked: value('consultorio'), error: errorFor(errors, 'consultorio') })}
${radios({ name: 'servicio', legend: f.service, options: v.services.map((s) => ({ value: s.code, label: s.name })), checked: value('servicio'), error: errorFor(errors, 'servicio') })}`
  }
<div class="field${weekdayError ? ' field--error' : ''}"><fieldset class="fieldset"><legend class="legend">${f.weekdays}</legend>
${weekdayError ? html`<p class="field-error" id="dias-error">${weekdayError}</p>` : ''}
<div class="radios radios--inline">${t.weekdays.map(
    (name, i) =>
      html`<div class="radio"><input class="radio-input" type="checkbox" id="${i === 0 ? 'dias' : `dias-${i + 1}`}" name="dias" value="${String(i + 1)}"${days.includes(String(i + 1)) ? html` checked` : ''}><label class="radio-label" for="${i === 0 ? 'dias' : `dias-${i + 1}`}">${name}</label></div>`,
  )}</div></fieldset></div>
${time('inicio', f.startTime, f.timeHint)}
${time('fin', f.endTime)}
${number('duracion', f.slotMinutes)}
${number('horizonte', f.horizonDays)}
${time('apertura', f.releaseTime)}
${number('web', f.web, f.sharesHint)}
${number('telefono', f.phone)}
${number('ventanilla', f.counter)}
${number('mismo_dia', f.sameDay, f.sameDayHint)}
<div class="button-group">
<button type="submit" class="button button--secondary" name="accion" value="vista">${t.preview}</button>
<button type="submit" class="button" name="accion" value="guardar">${t.save}</button>
${orphans.length && !v.retireRefused ? html`<button type="submit" class="button button--warning" name="accion" value="reagendar">${t.saveAndRebook(orphans.length)}</button>` : ''}
</div>`,
})}
${v.template ? retireForm(v, orphans.length) : ''}`,
  };
}

function retireForm(v: TemplateFormView, orphans: number) {
  return html`<h2>${t.retireTitle}</h2>
<p>${t.retireBody}</p>
${postForm({
  action: `/consola/unidades/${v.unit.clues}/plantillas/${v.template?.id}/retirar`,
  csrfToken: v.csrfToken,
  body: html`<div class="button-group">${button(t.retire, 'warning')}${
    orphans && v.retireRefused
      ? html`<button type="submit" class="button button--warning" name="accion" value="reagendar">${t.retireAndRebook(orphans)}</button>`
      : ''
  }</div>`,
})}`;
}

function orphanWarning(orphans: readonly OrphanAppointment[], zone: string, refused: boolean) {
  return html`<div class="error-summary" role="${refused ? 'alert' : 'status'}" data-orphans="${String(orphans.length)}">
<h2>${t.orphansTitle(orphans.length)}</h2>
<p>${t.orphansBody}</p>
<ul>${orphans.map((o) => html`<li>${t.orphanRow(formatFolio(o.folio), formatWhen(o.startsAt, zone))}</li>`)}</ul>
</div>`;
}

function previewOf(preview: TemplatePreview, zone: string) {
  const byDay = new Map<string, typeof preview.slots>();
  for (const s of preview.slots) byDay.set(s.localDate, [...(byDay.get(s.localDate) ?? []), s]);
  return html`<section aria-labelledby="vista-previa"><h2 id="vista-previa">${t.previewTitle(PREVIEW_DAYS)}</h2>
${
  preview.slots.length
    ? html`<p>${t.previewCount(preview.slots.length)}</p>
<dl class="preview">${[...byDay.values()].map(
        (slots) => html`<dt>${formatDateLong(slots[0]?.startsAt ?? new Date(), zone)}</dt>
<dd>${slots.map((s, i) => html`${i ? ', ' : ''}${formatTime(s.startsAt, zone)} (${t.pools[s.pool] ?? s.pool}${sameDay(s, zone) ? html`, ${t.sameDayMark}` : ''})`)}</dd>`,
      )}</dl>`
    : html`<p>${t.previewNone}</p>`
}</section>`;
}

const sameDay = (s: { startsAt: Date; opensAt: Date }, zone: string) =>
  formatDateLong(s.startsAt, zone) === formatDateLong(s.opensAt, zone);
