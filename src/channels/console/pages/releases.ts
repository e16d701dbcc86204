import { errorSummary, type FieldError, postForm, summaryList } from '../../../platform/html/components.js';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';
import { QUEUE_CONSOLE } from '../../../platform/i18n/waiting-room-messages.js';
import type { NationalRelease, ServiceRelease } from '../../../waiting-room/dashboard.js';
import type { ConsolePage } from './frame.js';

const t = QUEUE_CONSOLE;

export function nationalReleasesPage(
  releases: readonly NationalRelease[],
  serviceNames: ReadonlyMap<string, string>,
): ConsolePage {
  const rows = releases.map(
    (r) =>
      html`<tr><td><a href="/consola/aperturas/${r.unitClues}">${r.unitName}</a></td><td>${serviceNames.get(r.serviceCode) ?? r.serviceCode}</td><td>${formatDateTime(r.opensAt, 'America/Mexico_City')}</td><td>${r.waiting}</td><td>${r.admitted}</td><td>${r.booked}</td><td>${r.freeWebSlots}</td><td>${t.unit.minutes(r.drainMinutes)}</td></tr>`,
  );
  return {
    title: t.national.title,
    main: html`<h1>${t.national.title}</h1>
<p>${t.national.intro}</p>
${
  rows.length === 0
    ? html`<p>${t.national.none}</p>`
    : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="aperturas"><table class="table" id="aperturas">
<caption class="visually-hidden">${t.national.title}</caption>
<thead><tr>${t.national.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`
}`,
  };
}

export function unitReleasesPage(o: {
  unit: { clues: string; name: string; timeZone: string };
  services: readonly ServiceRelease[];
  serviceNames: ReadonlyMap<string, string>;
  editable: boolean;
  csrfToken: string;
  saved: boolean;
  errors: FieldError[];
}): ConsolePage {
  const u = t.unit;
  const title = u.title(o.unit.name);
  const sections = o.services.map((s) => {
    const name = o.serviceNames.get(s.serviceCode) ?? s.serviceCode;
    const line = s.line;
    const rows = [
      { key: u.rows.mode, value: u.modes[s.policy.mode] ?? s.policy.mode },
      {
        key: u.rows.opensAt,
        value: s.release ? formatDateTime(s.release.opensAt, o.unit.timeZone) : u.noRelease,
      },
      ...(s.release ? [{ key: u.rows.phase, value: u.phases[s.release.phase] ?? s.release.phase }] : []),
      ...(line
        ? [
            { key: u.rows.waiting, value: line.waiting },
            { key: u.rows.admitted, value: line.admitted },
            { key: u.rows.booked, value: line.booked },
            { key: u.rows.expired, value: line.expired },
            { key: u.rows.others, value: line.others },
            { key: u.rows.free, value: line.freeWebSlots },
            { key: u.rows.drain, value: u.minutes(line.drainMinutes) },
          ]
        : []),
      { key: u.rows.rate, value: u.perMinute(s.policy.admitPerMinute) },
    ];
    return html`<h2 id="servicio-${s.serviceCode}">${name}</h2>
${summaryList(rows)}
${o.editable ? settingsForm(o.unit.clues, s, name, o.csrfToken) : ''}`;
  });
  return {
    title,
    status: o.errors.length > 0 ? 400 : 200,
    hasErrors: o.errors.length > 0,
    main: html`${errorSummary(o.errors)}
<h1>${title}</h1>
${o.saved ? html`<div class="inset" role="status">${u.saved}</div>` : ''}
${sections}`,
  };
}

function settingsForm(clues: string, s: ServiceRelease, name: string, csrfToken: string): SafeHtml {
  const f = t.unit.fields;
  const id = (field: string) => `${field}-${s.serviceCode}`;
  const number = (field: string, label: string, value: number) => html`<div class="field">
<label class="label" for="${id(field)}">${label}</label>
<input class="input w-6" id="${id(field)}" name="${field}" type="text" inputmode="numeric" value="${value}">
</div>`;
  return html`<details><summary>${t.unit.settingsTitle(name)}</summary>
${postForm({
  action: `/consola/aperturas/${clues}/${encodeURIComponent(s.serviceCode)}`,
  csrfToken,
  body: html`<div class="field"><label class="label" for="${id('modo')}">${f.mode}</label>
<select class="input" id="${id('modo')}" name="modo">${(['queue', 'race', 'allocate'] as const).map(
    (m) =>
      html`<option value="${m}"${m === s.policy.mode ? html` selected` : ''}>${t.unit.modes[m]}</option>`,
  )}</select></div>
${number('anticipacion', f.preWindow, s.policy.preWindowMinutes)}
${number('pase', f.pass, s.policy.passMinutes)}
${number('ritmo', f.rate, s.policy.admitPerMinute)}
${number('duracion', f.rush, s.policy.rushMinutes)}
<button type="submit" class="button button--secondary">${t.unit.save}</button>`,
})}
</details>`;
}
