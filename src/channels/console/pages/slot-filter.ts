import { html, type SafeHtml } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { SlotFilter } from '../free-slots.js';
import { formatDayShort } from './format.js';

/**
 * The receptionist's answer to "¿tiene para el jueves en la tarde?": a day list (today first, each
 * day in words) and the shift, sent by GET to the page that lists the free times. `hidden` keeps the
 * page's other choices (the service).
 */
export function slotFilterForm(o: {
  action: string;
  days: readonly string[];
  chosen: SlotFilter;
  hidden?: Record<string, string>;
}): SafeHtml {
  const t = CONSOLE.slotFilter;
  const [today, tomorrow] = o.days;
  const dayLabel = (day: string) =>
    day === today
      ? t.today(formatDayShort(day))
      : day === tomorrow
        ? t.tomorrow(formatDayShort(day))
        : formatDayShort(day);
  const shift = (value: '' | 'M' | 'V', label: string) => {
    const id = value === '' ? 'turno' : `turno-${value}`;
    const checked = (o.chosen.shift ?? '') === value;
    return html`<div class="radio"><input class="radio-input" id="${id}" name="turno" type="radio" value="${value}"${checked ? html` checked` : ''}>
<label class="radio-label" for="${id}">${label}</label></div>`;
  };
  return html`<form method="get" action="${o.action}" class="slot-filter" novalidate>
${Object.entries(o.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<fieldset class="fieldset">
<legend class="legend">${t.legend}</legend>
<div class="field"><label class="label" for="dia">${t.day}</label>
<select class="select" id="dia" name="dia">
<option value=""${o.chosen.day ? '' : html` selected`}>${t.anyDay}</option>
${o.days.map((d) => html`<option value="${d}"${o.chosen.day === d ? html` selected` : ''}>${dayLabel(d)}</option>`)}
</select></div>
<div class="field"><span class="label">${t.shift}</span>
<div class="radios radios--inline">
${shift('', t.anyShift)}${shift('M', t.morning)}${shift('V', t.afternoon)}
</div></div>
<button type="submit" class="button button--secondary">${t.submit}</button>
</fieldset>
</form>`;
}
