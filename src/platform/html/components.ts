// GOV.UK-style building blocks: a label for every field, hints and errors tied to the field with
// aria-describedby, an error summary whose links move focus to the field. No JavaScript needed.
import { CSRF_FIELD } from '../http/csrf.js';
import { WEB_COMMON } from '../i18n/web-messages.js';
import { attrs, type HtmlValue, html, type SafeHtml } from './html.js';

/** A field's problem: `field` is the id of the input the summary links to. */
export interface FieldError {
  field: string;
  message: string;
}

export function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  // autofocus moves keyboard and screen-reader users straight to the list of problems.
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">${WEB_COMMON.errorSummaryTitle}</h2>
<ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

export const errorFor = (errors: readonly FieldError[], field: string): string | undefined =>
  errors.find((e) => e.field === field)?.message;

function fieldError(id: string, message: string | undefined): SafeHtml {
  return message
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${WEB_COMMON.errorPrefix}</span> ${message}</p>`
    : html``;
}

export interface TextInputOptions {
  id: string;
  name?: string;
  label: string;
  /** Renders the label as the page's h1 when the field is the page's only question. */
  labelIsHeading?: boolean;
  hint?: string;
  value?: string;
  error?: string;
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
  /** Width class: 'w-4', 'w-6', 'w-20'. */
  width?: string;
  maxlength?: number;
  spellcheck?: boolean;
  uppercase?: boolean;
  /** 'password' hides what is typed; 'email' brings the e-mail keyboard on phones. */
  type?: 'text' | 'email' | 'password';
  autofocus?: boolean;
}

export function textInput(o: TextInputOptions): SafeHtml {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const label = html`<label class="label" for="${o.id}">${o.label}</label>`;
  return html`<div class="field${o.error ? ' field--error' : ''}">
${o.labelIsHeading ? html`<h1 class="label-heading">${label}</h1>` : label}
${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}
${fieldError(o.id, o.error)}
<input${attrs({
    class: `input ${o.width ?? ''}${o.uppercase ? ' uppercase' : ''}`.trim(),
    id: o.id,
    name: o.name ?? o.id,
    type: o.type ?? 'text',
    value: o.value,
    inputmode: o.inputmode,
    autocomplete: o.autocomplete ?? 'off',
    maxlength: o.maxlength,
    spellcheck: o.spellcheck === false ? 'false' : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': o.error ? 'true' : undefined,
    autofocus: o.autofocus,
  })}>
</div>`;
}

export interface DateInputOptions {
  id: string;
  legend: string;
  hint?: string;
  value: { day?: string; month?: string; year?: string };
  error?: string;
  autocompletePrefix?: 'bday';
}

/** Three numeric boxes (día, mes, año): easier than a date picker for a memorable date. */
export function dateInput(o: DateInputOptions): SafeHtml {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const part = (key: 'day' | 'month' | 'year', label: string, width: string, max: number) => {
    const id = key === 'day' ? o.id : `${o.id}-${key}`;
    const autocomplete = o.autocompletePrefix ? `${o.autocompletePrefix}-${key}` : 'off';
    return html`<div class="date-part"><label class="label" for="${id}">${label}</label>
<input${attrs({
      class: `input ${width}`,
      id,
      name: `${o.id}-${key}`,
      type: 'text',
      inputmode: 'numeric',
      maxlength: max,
      value: o.value[key],
      autocomplete,
      'aria-invalid': o.error ? 'true' : undefined,
    })}></div>`;
  };
  return html`<div class="field${o.error ? ' field--error' : ''}">
<fieldset class="fieldset"${attrs({ 'aria-describedby': describedBy || undefined })}>
<legend class="legend">${o.legend}</legend>
${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}
${fieldError(o.id, o.error)}
<div class="date-input">
${part('day', WEB_COMMON.dateDay, 'w-2', 2)}
${part('month', WEB_COMMON.dateMonth, 'w-2', 2)}
${part('year', WEB_COMMON.dateYear, 'w-4', 4)}
</div>
</fieldset>
</div>`;
}

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}

export function radios(o: {
  name: string;
  legend: string;
  legendIsHeading?: boolean;
  hint?: string;
  options: readonly RadioOption[];
  checked?: string;
  error?: string;
  /** Check boxes: any number of the options may be chosen (`checkedValues`). */
  multiple?: { checkedValues: readonly string[] };
}): SafeHtml {
  const firstId = o.name;
  const isChecked = (value: string) =>
    o.multiple ? o.multiple.checkedValues.includes(value) : value === o.checked;
  const describedBy = [o.hint ? `${o.name}-hint` : '', o.error ? `${o.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${o.error ? ' field--error' : ''}">
<fieldset class="fieldset"${attrs({ 'aria-describedby': describedBy || undefined })}>
<legend class="legend${o.legendIsHeading ? ' legend--heading' : ''}">${o.legendIsHeading ? html`<h1>${o.legend}</h1>` : o.legend}</legend>
${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
${fieldError(o.name, o.error)}
<div class="radios">
${o.options.map((option, i) => {
  const id = i === 0 ? firstId : `${o.name}-${i + 1}`;
  return html`<div class="radio">
<input${attrs({
    class: 'radio-input',
    id,
    name: o.name,
    type: o.multiple ? 'checkbox' : 'radio',
    value: option.value,
    checked: isChecked(option.value),
    'aria-describedby': option.hint ? `${id}-hint` : undefined,
  })}>
<label class="radio-label" for="${id}">${option.label}</label>
${option.hint ? html`<p class="hint radio-hint" id="${id}-hint">${option.hint}</p>` : ''}
</div>`;
})}
</div>
</fieldset>
</div>`;
}

/** A POST form carrying the session's CSRF token. */
export function postForm(o: { action: string; csrfToken: string; body: HtmlValue; id?: string }): SafeHtml {
  return html`<form method="post" action="${o.action}" novalidate${attrs({ id: o.id })}>
<input type="hidden" name="${CSRF_FIELD}" value="${o.csrfToken}">
${o.body}
</form>`;
}

/** A submit button; `label` may carry a visually hidden complement naming what it acts on. */
export function button(label: HtmlValue, variant: 'primary' | 'secondary' | 'warning' = 'primary'): SafeHtml {
  return html`<button type="submit" class="button button--${variant}">${label}</button>`;
}

export function buttonLink(
  href: string,
  label: string,
  variant: 'primary' | 'secondary' = 'primary',
): SafeHtml {
  return html`<a class="button button--${variant}" href="${href}" role="button" draggable="false">${label}</a>`;
}

export function backLink(href: string, label: string = WEB_COMMON.back): SafeHtml {
  return html`<a class="back-link" href="${href}">${label}</a>`;
}

export interface SummaryRow {
  key: string;
  value: HtmlValue;
  /** A "Cambiar" link: its visible word and a hidden complement naming the row for screen readers. */
  change?: { href: string; label: string; hidden: string };
}

export function summaryList(rows: readonly SummaryRow[]): SafeHtml {
  return html`<dl class="summary-list">
${rows.map(
  (r) => html`<div class="summary-row">
<dt>${r.key}</dt>
<dd>${r.value}</dd>
${r.change ? html`<dd class="summary-action"><a href="${r.change.href}">${r.change.label}<span class="visually-hidden"> ${r.change.hidden}</span></a></dd>` : ''}
</div>`,
)}
</dl>`;
}

export function inset(content: HtmlValue): SafeHtml {
  return html`<div class="inset">${content}</div>`;
}

export function warning(content: HtmlValue, label: string): SafeHtml {
  return html`<div class="warning"><span class="warning-icon" aria-hidden="true">!</span><strong><span class="visually-hidden">${label}</span> ${content}</strong></div>`;
}
