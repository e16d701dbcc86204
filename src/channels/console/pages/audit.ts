import type { AuditRecord } from '../../../audit/search.js';
import { errorFor, errorSummary, type FieldError, textInput } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { type AuditForm, auditQueryString, auditTime } from '../audit-query.js';
import type { ConsolePage } from './frame.js';

const t = CONSOLE.audit;

/** "staff:12 (ana@…)" for console accounts, "token:7", "ivr:CA…" for the rest. */
export const actorLabel = (r: AuditRecord): string =>
  r.actorEmail ? `${r.actorKind}:${r.actorId} (${r.actorEmail})` : `${r.actorKind}:${r.actorId}`;

function filterForm(form: AuditForm, errors: FieldError[]) {
  const field = (id: keyof AuditForm, label: string, o: { width?: string; hint?: string } = {}) =>
    textInput({
      id,
      label,
      value: form[id],
      hint: o.hint,
      width: o.width ?? 'w-20',
      maxlength: 200,
      spellcheck: false,
      error: errorFor(errors, id),
    });
  // GET, so a filtered page is a link an auditor can keep; nothing changes, no CSRF token needed.
  return html`<form method="get" action="/consola/auditoria" novalidate>
<fieldset class="fieldset">
<legend class="legend">${t.filters}</legend>
${field('personal', t.staff)}
${field('curp', t.curp)}
${field('unidad', t.unit)}
${field('desde', t.from, { hint: t.datesHint })}
${field('hasta', t.until)}
</fieldset>
<div class="button-group"><button type="submit" class="button button--primary">${t.submit}</button> <a href="/consola/auditoria">${t.clear}</a></div>
</form>`;
}

export function auditPage(o: {
  form: AuditForm;
  errors: FieldError[];
  entries: AuditRecord[];
  nextBefore: number | null;
  isFirstPage: boolean;
  exportMax: string;
}): ConsolePage {
  const c = t.columns;
  const rows = o.entries.map(
    (r) => html`<tr>
<td class="mono">${auditTime(r.at)}</td>
<td class="wrap-anywhere">${actorLabel(r)}</td>
<td class="mono">${r.action}</td>
<td class="mono">${r.subjectCurpMasked ?? ''}</td>
<td class="mono">${r.unitClues ?? ''}</td>
<td>${r.channel}</td>
<td class="mono">${r.sourceIp ?? ''}</td>
<td>${t.result[r.result] ?? r.result}</td>
</tr>`,
  );
  const table = o.entries.length
    ? // Focusable, so a keyboard can scroll the wide table sideways on a narrow screen.
      html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t.tableLabel}"><table class="table">
<thead><tr><th scope="col">${c.when}</th><th scope="col">${c.who}</th><th scope="col">${c.action}</th><th scope="col">${c.person}</th><th scope="col">${c.unit}</th><th scope="col">${c.channel}</th><th scope="col">${c.ip}</th><th scope="col">${c.result}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
    : html`<p>${t.none}</p>`;
  const pages = html`<p>${
    o.nextBefore !== null
      ? html`<a href="/consola/auditoria${auditQueryString(o.form, { antes: String(o.nextBefore) })}">${t.older}</a>`
      : ''
  } ${o.isFirstPage ? '' : html`<a href="/consola/auditoria${auditQueryString(o.form)}">${t.newest}</a>`}</p>`;
  const failed = o.errors.length > 0;
  return {
    title: t.title,
    status: failed ? 400 : 200,
    hasErrors: failed,
    main: html`${errorSummary(o.errors)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
${filterForm(o.form, o.errors)}
${
  failed
    ? ''
    : html`<p><a href="/consola/auditoria/csv${auditQueryString(o.form)}" download>${t.download}</a> <span class="hint">${t.downloadHint(o.exportMax)}</span></p>
${table}
${pages}`
}`,
  };
}
