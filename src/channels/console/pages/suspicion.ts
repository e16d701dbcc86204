import type { SuspicionReport } from '../../../analytics/suspicion.js';
import { errorFor, errorSummary, type FieldError, textInput } from '../../../platform/html/components.js';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import type { ConsolePage } from './frame.js';

const t = CONSOLE.suspicion;

/** A findings table, named by its heading; focusable so a keyboard can scroll it on a narrow screen. */
function table(headingId: string, headers: string[], rows: SafeHtml[]): SafeHtml {
  if (rows.length === 0) return html`<p>${t.none}</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${headingId}"><table class="table">
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** The findings of `citas report suspicious`, on a page; phones stay masked as in the terminal. */
export function suspicionPage(o: {
  since: string;
  report: SuspicionReport | null;
  errors: FieldError[];
}): ConsolePage {
  const c = t.columns;
  const r = o.report;
  const findings = r
    ? html`<h2 id="muchas-personas">${t.manyPeople}</h2>
${table(
  'muchas-personas',
  [c.kind, c.who, c.people, c.bookings],
  r.manyPeople.map(
    (m) =>
      html`<tr><td>${t.kind[m.kind] ?? m.kind}</td><td class="mono">${m.kind === 'phone' ? maskPhone(m.who) : m.who}</td><td>${m.people}</td><td>${m.bookings}</td></tr>`,
  ),
)}
<h2 id="cancelaciones">${t.highCancellation}</h2>
${table(
  'cancelaciones',
  [c.who, c.bookings, c.cancelled, c.share],
  r.highCancellation.map(
    (h) =>
      html`<tr><td class="mono">${h.actor}</td><td>${h.bookings}</td><td>${h.cancelled}</td><td>${Math.round(h.share * 100)} %</td></tr>`,
  ),
)}
<h2 id="volteados">${t.quickFlips}</h2>
${table(
  'volteados',
  [c.slot, c.flips],
  r.quickFlips.map((f) => html`<tr><td class="mono">${f.slotId}</td><td>${f.flips}</td></tr>`),
)}`
    : '';
  return {
    title: t.title,
    status: o.errors.length ? 400 : 200,
    hasErrors: o.errors.length > 0,
    main: html`${errorSummary(o.errors)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
<form method="get" action="/consola/sospechas" novalidate>
${textInput({ id: 'desde', label: t.since, hint: t.sinceHint, value: o.since, width: 'w-20', maxlength: 10, error: errorFor(o.errors, 'desde') })}
<button type="submit" class="button button--primary">${t.submit}</button>
</form>
${findings}`,
  };
}
