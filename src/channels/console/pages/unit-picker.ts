import type { Unit } from '../../../network/units.js';
import { html } from '../../../platform/html/html.js';
import { UNIT_PICKER } from '../../../platform/i18n/template-messages.js';
import type { ConsolePage } from './frame.js';

const t = UNIT_PICKER;

export interface UnitPickerView {
  query: string;
  /** Null before a search (or when the query is too short to search). */
  units:
    | { unit: Unit; pages: { reception: boolean; agenda: boolean; worklist: boolean; waitlist: boolean } }[]
    | null;
  tooShort: boolean;
}

/** National staff find a unit by CLUES or name and open its pages (a GET form: a search changes nothing). */
export function unitPickerPage(v: UnitPickerView): ConsolePage {
  const link = (href: string, label: string, name: string) =>
    html`<a href="${href}">${label}<span class="visually-hidden"> ${name}</span></a>`;
  const rows = (v.units ?? []).map(({ unit, pages }) => {
    const base = `/consola/unidades/${unit.clues}`;
    const links = [
      pages.reception ? link(`${base}/recepcion`, t.links.reception, unit.name) : null,
      pages.agenda ? link(`${base}/agenda`, t.links.agenda, unit.name) : null,
      pages.agenda ? link(`${base}/plantillas`, t.links.templates, unit.name) : null,
      pages.worklist ? link(`${base}/reprogramar`, t.links.worklist, unit.name) : null,
      pages.waitlist ? link(`${base}/espera`, t.links.waitlist, unit.name) : null,
    ].filter((x) => x !== null);
    return html`<li><strong>${unit.name}</strong> <span class="mono">${unit.clues}</span> · ${unit.municipality}, ${unit.state.name}<br>${links.map((l, i) => html`${i ? ' · ' : ''}${l}`)}</li>`;
  });
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<form method="get" action="/consola/unidades" role="search">
<div class="field${v.tooShort ? ' field--error' : ''}">
<label class="label" for="unidad">${t.query}</label>
${v.tooShort ? html`<p class="field-error" id="unidad-error">${t.tooShort}</p>` : ''}
<input class="input w-20" id="unidad" name="q" type="search" maxlength="80" autocomplete="off" value="${v.query}"${v.tooShort ? html` aria-describedby="unidad-error"` : ''}>
</div>
<button type="submit" class="button">${t.search}</button>
</form>
${v.units === null ? '' : rows.length ? html`<ul class="unit-list">${rows}</ul>` : html`<p>${t.none}</p>`}`,
  };
}
