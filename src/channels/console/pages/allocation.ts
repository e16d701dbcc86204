import type { AllocationRelease } from '../../../allocation/releases.js';
import type { PersonRequest } from '../../../allocation/requests.js';
import { button, postForm, radios, summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { ALLOCATION_CONSOLE, ALLOCATION_WEB } from '../../../platform/i18n/allocation-messages.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import type { ConsolePage } from './frame.js';

const t = ALLOCATION_CONSOLE;
const outcomeWords = ALLOCATION_WEB.mine;

export interface AllocationView {
  person: Beneficiary;
  open: AllocationRelease[];
  requests: { request: PersonRequest; release: AllocationRelease; withdrawable: boolean }[];
  csrfToken: string;
  notice?: string;
}

export function personRequestsPage(v: AllocationView): ConsolePage {
  const name = `${v.person.givenNames} ${v.person.firstSurname} ${v.person.secondSurname}`.trim();
  const base = `/consola/personas/${v.person.id}/solicitudes`;
  return {
    title: `${t.title}: ${name}`,
    main: html`${v.notice ? html`<div class="inset" role="status">${v.notice}</div>` : ''}
<h1>${t.title}: <a href="/consola/personas/${v.person.id}">${name}</a></h1>
<h2>${t.open}</h2>
${
  v.open.length === 0
    ? html`<p>${t.none}</p>`
    : v.open.map(
        (r) => html`<section aria-labelledby="apertura-${r.id}">
<h3 id="apertura-${r.id}">${r.service.name} · ${r.unit.name} · ${formatDateTime(r.opensAt, r.unit.timeZone)}</h3>
${postForm({
  action: base,
  csrfToken: v.csrfToken,
  body: html`<input type="hidden" name="apertura" value="${String(r.id)}">
${radios({
  name: 'turno',
  legend: t.shift,
  options: [
    { value: 'cualquiera', label: ALLOCATION_WEB.form.shifts.any },
    ...r.shifts.map((s) => ({ value: s, label: ALLOCATION_WEB.form.shifts[s] })),
  ],
  checked: 'cualquiera',
})}
${button(t.file)}`,
})}
</section>`,
      )
}
<h2>${t.requests}</h2>
${
  v.requests.length === 0
    ? html`<p>${outcomeWords.none}</p>`
    : v.requests.map(
        (s) => html`<section>
${summaryList([
  {
    key: outcomeWords.drawAt,
    value: `${s.release.service.name} · ${s.release.unit.name} · ${formatDateTime(s.release.opensAt, s.release.unit.timeZone)}`,
  },
  {
    key: outcomeWords.status,
    value: s.request.outcome ? (outcomeWords.outcome[s.request.outcome.status] ?? '') : outcomeWords.pending,
  },
])}
${
  s.withdrawable
    ? postForm({
        action: `${base}/${s.request.id}/retirar`,
        csrfToken: v.csrfToken,
        body: button(t.withdraw, 'warning'),
      })
    : ''
}
</section>`,
      )
}`,
  };
}
