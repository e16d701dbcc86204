import type { AllocationRelease } from '../../../allocation/releases.js';
import type { PersonRequest } from '../../../allocation/requests.js';
import {
  button,
  buttonLink,
  dateInput,
  errorFor,
  errorSummary,
  type FieldError,
  postForm,
  radios,
  summaryList,
  textInput,
} from '../../../platform/html/components.js';
import { attrs, html } from '../../../platform/html/html.js';
import { ALLOCATION_WEB } from '../../../platform/i18n/allocation-messages.js';
import { formatDateLong, formatDateTime } from '../../../platform/i18n/dates.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import { fullName } from '../visitor.js';
import { type PortalPage, paragraphs } from './frame.js';

const t = ALLOCATION_WEB;
/** A release day ('YYYY-MM-DD') in words; noon UTC keeps the calendar day in any zone arithmetic. */
const dayInWords = (day: string) => formatDateLong(new Date(`${day}T12:00:00Z`), 'UTC');
const drawMoment = (r: AllocationRelease) => formatDateTime(r.opensAt, r.unit.timeZone);

export function releasesPage(releases: readonly AllocationRelease[]): PortalPage {
  return {
    title: t.list.title,
    main: html`<h1>${t.list.title}</h1>
<p class="lead">${t.list.lead}</p>
<ol>${t.list.how.map((step) => html`<li>${step}</li>`)}</ol>
${
  releases.length === 0
    ? html`<p>${t.list.none}</p>`
    : releases.map(
        (r) => html`<section class="appointment" aria-labelledby="apertura-${r.id}">
<h2 id="apertura-${r.id}">${r.service.name}<br><span class="muted">${r.unit.name}</span></h2>
${summaryList([{ key: t.list.closes, value: drawMoment(r) }])}
<p><a href="/solicitudes/${r.id}">${t.list.requestFor(r.service.name, r.unit.name)}</a></p>
</section>`,
      )
}`,
  };
}

export interface RequestFormValues {
  curp: string;
  day: string;
  month: string;
  year: string;
  days: string[];
  shift: string;
}

export const EMPTY_REQUEST_FORM: RequestFormValues = {
  curp: '',
  day: '',
  month: '',
  year: '',
  days: [],
  shift: 'cualquiera',
};

function dayCheckboxes(release: AllocationRelease, chosen: readonly string[]) {
  return html`<div class="field">
<fieldset class="fieldset" aria-describedby="dias-hint">
<legend class="legend">${t.form.daysLegend}</legend>
<p class="hint" id="dias-hint">${t.form.daysHint}</p>
<div class="radios">
${release.days.map((day, i) => {
  const id = i === 0 ? 'dias' : `dias-${i + 1}`;
  return html`<div class="radio"><input${attrs({ class: 'radio-input', id, name: 'dias', type: 'checkbox', value: day, checked: chosen.includes(day) })}>
<label class="radio-label" for="${id}">${dayInWords(day)}</label></div>`;
})}
</div>
</fieldset>
</div>`;
}

export function requestFormPage(
  release: AllocationRelease,
  csrfToken: string,
  values: RequestFormValues,
  errors: FieldError[],
): PortalPage {
  const shifts = [
    { value: 'cualquiera', label: t.form.shifts.any },
    ...release.shifts.map((s) => ({ value: s, label: t.form.shifts[s] })),
  ];
  return {
    title: t.form.title(release.service.name),
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(errors)}
<h1>${t.form.title(release.service.name)}</h1>
<p>${t.form.intro(release.unit.name, drawMoment(release))}</p>
${postForm({
  action: `/solicitudes/${release.id}`,
  csrfToken,
  body: html`${textInput({
    id: 'curp',
    label: t.form.curpLabel,
    hint: t.form.curpHint,
    value: values.curp,
    error: errorFor(errors, 'curp'),
    width: 'w-20',
    maxlength: 30,
    spellcheck: false,
    uppercase: true,
  })}
${dateInput({
  id: 'nacimiento',
  legend: t.form.birthLegend,
  hint: t.form.birthHint,
  value: values,
  error: errorFor(errors, 'nacimiento'),
  autocompletePrefix: 'bday',
})}
${dayCheckboxes(release, values.days)}
${radios({ name: 'turno', legend: t.form.shiftLegend, options: shifts, checked: values.shift })}
${button(t.form.submit)}`,
})}
<p><a href="/aviso-de-privacidad">${t.form.privacy}</a></p>`,
  };
}

export function requestReceivedPage(release: AllocationRelease): PortalPage {
  return {
    title: t.received.title,
    main: html`<div class="panel" role="status"><h1>${t.received.title}</h1></div>
${paragraphs(t.received.body(drawMoment(release)))}
<p><a href="/mis-solicitudes">${ALLOCATION_WEB.nav}</a></p>
${buttonLink('/solicitudes', t.received.back, 'secondary')}`,
  };
}

export interface ShownRequest {
  request: PersonRequest;
  release: AllocationRelease;
  person: Beneficiary;
  withdrawable: boolean;
}

function preferencesOf(r: PersonRequest) {
  const days = r.days.length > 0 ? r.days.map(dayInWords).join(', ') : t.mine.anyDay;
  const shift = r.shift ? t.form.shifts[r.shift] : t.mine.anyShift;
  return `${days}; ${shift}`;
}

export function myRequestsPage(
  shown: readonly ShownRequest[],
  csrfToken: string,
  notice?: string,
): PortalPage {
  return {
    title: t.mine.title,
    main: html`${notice ? html`<div class="inset" role="status">${notice}</div>` : ''}
<h1>${t.mine.title}</h1>
${
  shown.length === 0
    ? html`<p>${t.mine.none}</p>`
    : shown.map(
        (s) => html`<section class="appointment" aria-labelledby="solicitud-${s.request.id}">
<h2 id="solicitud-${s.request.id}">${t.mine.forWhom(s.release.service.name, s.release.unit.name, fullName({ ...s.person, secondSurname: '' }))}</h2>
${summaryList([
  { key: t.mine.drawAt, value: drawMoment(s.release) },
  { key: t.mine.preferences, value: preferencesOf(s.request) },
  {
    key: t.mine.status,
    value: s.request.outcome ? (t.mine.outcome[s.request.outcome.status] ?? '') : t.mine.pending,
  },
])}
${
  s.withdrawable
    ? postForm({
        action: `/mis-solicitudes/${s.request.id}/retirar`,
        csrfToken,
        body: button(t.mine.withdraw, 'warning'),
      })
    : ''
}
</section>`,
      )
}
${buttonLink('/solicitudes', t.mine.newRequest, 'secondary')}`,
  };
}
