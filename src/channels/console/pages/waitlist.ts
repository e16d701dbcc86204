import { button, postForm, radios, textInput } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { LOOP_CONSOLE } from '../../../platform/i18n/access-loop-messages.js';
import { formatTime } from '../../../platform/i18n/dates.js';
import type { UnitWaitlist } from '../../../waitlist/unit-view.js';
import { formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';

const DAYS = 30;

function windowOf(w: UnitWaitlist['waiting'][number]) {
  const t = LOOP_CONSOLE;
  const days = w.weekdays ? w.weekdays.map((d) => t.weekdays[d - 1]).join(', ') : '';
  const shift = w.shift ? t.shifts[w.shift] : '';
  return [days, shift].filter(Boolean).join(' · ') || t.anyWindow;
}

export function unitWaitlistPage(o: {
  view: UnitWaitlist;
  services: Array<{ code: string; name: string }>;
  mayAdd: boolean;
  /** The weekdays the unit opens (waitlist/window.ts `openWeekdays`). */
  openDays: readonly number[];
  csrfToken: string;
  notice?: string;
}): ConsolePage {
  const t = LOOP_CONSOLE;
  const v = o.view;
  const c = t.columns;
  const outcomes = Object.entries(t.outcomes).map(
    ([key, label]) => html`<dt>${label}</dt><dd>${String(v.offers[key as keyof typeof v.offers])}</dd>`,
  );
  return {
    title: t.title(v.unitName),
    main: html`${o.notice ? html`<div class="inset" role="status">${o.notice}</div>` : ''}
<h1>${t.title(v.unitName)}</h1>
<p>${t.intro}</p>
<h2>${t.lastDays(DAYS)}</h2>
<dl class="summary">${outcomes}<dt>${t.fillRate}</dt><dd>${v.fillRate === null ? t.noFillRate : `${Math.round(v.fillRate * 100)} %`}</dd></dl>
${
  v.waiting.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.who}</th><th scope="col">${c.service}</th><th scope="col">${c.window}</th><th scope="col">${c.since}</th><th scope="col">${c.offer}</th></tr></thead>
<tbody>${v.waiting.map(
        (w) => html`<tr>
<td><a href="/consola/personas/${String(w.beneficiaryId)}">${w.name}</a></td>
<td>${w.serviceName}</td>
<td>${windowOf(w)}</td>
<td>${formatWhen(w.joinedAt, v.timeZone)}</td>
<td>${w.offerExpiresAt ? t.offerUntil(formatTime(w.offerExpiresAt, v.timeZone)) : ''}</td>
</tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t.none}</p>`
}
${
  o.mayAdd
    ? html`<h2>${t.add.title}</h2>
${postForm({
  action: `/consola/unidades/${v.unitClues}/espera`,
  csrfToken: o.csrfToken,
  body: html`${textInput({ id: 'curp', name: 'curp', label: t.add.curp, autocomplete: 'off', maxlength: 18, uppercase: true, spellcheck: false })}
${radios({ name: 'servicio', legend: t.add.service, options: o.services.map((s) => ({ value: s.code, label: s.name })) })}
${radios({
  name: 'dias',
  legend: t.add.days,
  hint: t.add.daysHint,
  options: o.openDays.map((d) => ({ value: String(d), label: t.add.weekdays[d] ?? '' })),
  multiple: { checkedValues: [] },
})}
${radios({
  name: 'turno',
  legend: t.add.shift,
  checked: '',
  options: [
    { value: '', label: t.add.anyShift },
    { value: 'M', label: t.shifts.M },
    { value: 'V', label: t.shifts.V },
  ],
})}
${button(t.add.submit)}`,
})}`
    : ''
}`,
  };
}
