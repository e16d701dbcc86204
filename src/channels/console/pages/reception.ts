import type { CheckInDocument } from '../../../booking/check-in.js';
import { formatFolio } from '../../../booking/folio.js';
import { button, postForm, summaryList, textInput } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CHECK_IN } from '../../../platform/i18n/check-in-messages.js';
import { CLINIC } from '../../../platform/i18n/clinic-messages.js';
import { formatTime } from '../../../platform/i18n/dates.js';
import type { Arrival } from '../../../reception/arrivals.js';
import type { ConsultorioDay } from '../../../reception/consultorio-queue.js';
import type { ConsolePage } from './frame.js';

const t = CLINIC.reception;

export interface ReceptionView {
  unitClues: string;
  csrfToken: string;
  consultorios: { id: number; name: string }[];
  arrivals?: Arrival[];
  query?: string;
  /** The folio just checked in, for the banner. */
  done?: { folio: string; late: boolean };
}

function arrivalCard(unitClues: string, a: Arrival, csrfToken: string) {
  const { appointment: ap, requirement } = a;
  const name = `${ap.beneficiary.givenNames} ${ap.beneficiary.firstSurname}`;
  const documents = requirement.present.map((d: CheckInDocument) => html`<li>${CHECK_IN.present[d]}</li>`);
  const action = a.checkedInAt
    ? html`<p>${t.checkedIn(formatTime(a.checkedInAt, ap.timeZone))}</p>`
    : ap.needsRebooking
      ? html`<p><strong>${t.needsRebooking(ap.rebookingReason ?? '')}</strong> <a href="/consola/citas/${ap.id}/cambiar">${CLINIC.worklist.rebook}<span class="visually-hidden"> ${formatFolio(ap.folio)}</span></a></p>`
      : postForm({
          action: `/consola/unidades/${unitClues}/recepcion/citas/${ap.id}/llegada`,
          csrfToken,
          body: button(t.checkIn(name)),
        });
  return html`<section>
<h2>${name}</h2>
${summaryList([
  { key: t.rows.folio, value: html`<span class="mono">${formatFolio(ap.folio)}</span>` },
  { key: t.rows.when, value: `${formatTime(ap.startsAt, ap.timeZone)} · ${a.lateNow ? t.late : t.onTime}` },
  { key: t.rows.service, value: ap.service.name },
  { key: t.rows.place, value: ap.resource.name },
])}
<p><strong>${t.verify}</strong></p>
<ul>${documents}<li>${CHECK_IN.companion[requirement.accompaniedBy]}</li></ul>
<p>${t.personal}</p>
${action}
</section>`;
}

export function receptionPage(v: ReceptionView): ConsolePage {
  const banner = v.done
    ? html`<div class="panel" role="status"><p>${v.done.late ? t.doneLate(formatFolio(v.done.folio)) : t.done(formatFolio(v.done.folio))}</p></div>`
    : '';
  const arrivals = v.arrivals
    ? html`<h2>${t.arrivals}</h2>${v.arrivals.map((a) => arrivalCard(v.unitClues, a, v.csrfToken))}`
    : '';
  return {
    title: t.title,
    main: html`${banner}<h1>${t.title}</h1>
<p>${t.intro}</p>
${postForm({
  action: `/consola/unidades/${v.unitClues}/recepcion`,
  csrfToken: v.csrfToken,
  body: html`${textInput({ id: 'llegada', label: t.query, hint: t.queryHint, width: 'w-20', maxlength: 30, spellcheck: false, uppercase: true, value: v.query, autofocus: !v.arrivals })}
${button(t.find, 'secondary')}`,
})}
${arrivals}
<h2>${t.consultorios}</h2>
${
  v.consultorios.length
    ? html`<ul>${v.consultorios.map((c) => html`<li><a href="/consola/consultorios/${c.id}/fila">${c.name}</a></li>`)}</ul>`
    : html`<p>${t.noConsultorios}</p>`
}
<p><a href="/pantalla/${v.unitClues}">${t.screen}</a></p>
<p><a href="/consola/unidades/${v.unitClues}/reprogramar">${CLINIC.worklist.title}</a></p>`,
  };
}

export function queuePage(day: ConsultorioDay, csrfToken: string, banner: string | undefined): ConsolePage {
  const q = CLINIC.queue;
  const c = q.columns;
  const zone = day.consultorio.timeZone;
  const time = (d: Date) => formatTime(d, zone);
  const line = day.view.line.map(
    (p) => html`<tr>
<td>${p.position}</td>
<td class="mono">${formatFolio(p.entry.folio)}</td>
<td>${time(p.entry.startsAt)}</td>
<td>${p.entry.checkedInAt ? (p.late ? q.arrivedLate(time(p.entry.checkedInAt)) : q.arrived(time(p.entry.checkedInAt))) : p.entry.comeNowSent ? q.comeNowSent : q.notArrived}</td>
<td>${time(p.expectedAt)}</td>
</tr>`,
  );
  const missing = day.view.missing.map(
    (e) => html`<li><span class="mono">${formatFolio(e.folio)}</span> · ${time(e.startsAt)}</li>`,
  );
  const latest = day.called[0];
  const called = day.called.map(
    (k) => html`<tr>
<td class="mono">${formatFolio(k.folio)}</td>
<td>${time(k.calledAt)}</td>
<td>${q.status[k.status] ?? k.status}</td>
<td>${
      k === latest && k.status === 'attended'
        ? postForm({
            action: `/consola/consultorios/${day.consultorio.id}/inasistencia`,
            csrfToken,
            body: html`<input type="hidden" name="cita" value="${k.appointmentId}"><button type="submit" class="button button--secondary">${q.noShow}</button>`,
          })
        : ''
    }</td>
</tr>`,
  );
  return {
    title: q.title(day.consultorio.name),
    main: html`${banner ? html`<div class="panel" role="status"><p>${banner}</p></div>` : ''}
<h1>${q.title(day.consultorio.name)}</h1>
<p>${q.pace(day.pace)}</p>
${postForm({
  action: `/consola/consultorios/${day.consultorio.id}/llamar`,
  csrfToken,
  body: html`<button type="submit" class="button" autofocus>${q.callNext}</button>`,
})}
<h2>${q.line}</h2>
${
  line.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.position}</th><th scope="col">${c.folio}</th><th scope="col">${c.appointment}</th><th scope="col">${c.state}</th><th scope="col">${c.expected}</th></tr></thead>
<tbody>${line}</tbody></table></div>`
    : html`<p>${q.empty}</p>`
}
${missing.length ? html`<h2>${q.missing}</h2><ul>${missing}</ul>` : ''}
${
  called.length
    ? html`<h2>${q.calledToday}</h2><div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.folio}</th><th scope="col">${c.calledAt}</th><th scope="col">${c.status}</th><th scope="col"><span class="visually-hidden">${q.noShow}</span></th></tr></thead>
<tbody>${called}</tbody></table></div>`
    : ''
}
<p><a href="/consola/unidades/${day.consultorio.unitClues}/recepcion">${q.back}</a></p>`,
  };
}
