import { formatFolio } from '../../../booking/folio.js';
import type { AccessActor, MyData } from '../../../my-data/my-data.js';
import { summaryList } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { formatDateWithYear, formatTime } from '../../../platform/i18n/dates.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { fullName } from '../visitor.js';
import { statusLabel } from './appointments.js';
import type { PortalPage } from './frame.js';

const t = WEB.myData;

export function describeActor(actor: AccessActor): string {
  const role = (r: string | null) => (r && t.roles[r]) || t.unknownRole;
  switch (actor.kind) {
    case 'staff':
      return t.actor.staff(role(actor.role), actor.id);
    case 'program':
      return t.actor.program(role(actor.role), actor.id);
    default:
      return t.actor[actor.kind];
  }
}

export const describeAction = (action: string) => t.actions[action] ?? t.otherAction;
export const describeChannel = (channel: string) => t.channels[channel] ?? channel;

/** Mis datos: readable on a phone and printable, one list per kind of data, newest first. */
export function myDataPage(data: MyData, limit: number, now: Date): PortalPage {
  const p = data.person;
  const zone = data.appointments[0]?.timeZone ?? 'America/Mexico_City';
  const when = (at: Date, z = zone) => `${formatDateWithYear(at, z)}, ${formatTime(at, z)}`;
  const f = t.fields;
  const maybe = (value: string | null) => value ?? f.none;
  const more = (n: number) => (n >= limit ? html`<p class="muted">${t.truncated(limit)}</p>` : '');
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
<p><a href="/mis-datos.json" download>${t.download}</a></p>
<p class="muted">${t.audited}</p>
<h2>${t.registryTitle}</h2>
${summaryList([
  { key: f.curp, value: p.curp },
  { key: f.name, value: fullName(p) },
  { key: f.birthDate, value: formatDateWithYear(new Date(`${p.birthDate}T12:00:00Z`), 'UTC') },
  { key: f.sex, value: t.sex[p.sex] ?? p.sex },
  { key: f.phone, value: maybe(p.phone) },
  { key: f.email, value: maybe(p.email) },
  { key: f.affiliation, value: maybe(p.affiliationNumber) },
  { key: f.relation, value: WEB.relationOf(p) },
  { key: f.unit, value: `${p.unitName} (${p.unitClues})` },
  { key: f.consultorio, value: `${p.consultorio}, ${t.shift[p.shift] ?? p.shift}` },
  {
    key: f.eligibleUntil,
    value: formatDateWithYear(new Date(`${p.eligibleUntil}T12:00:00Z`), 'UTC'),
  },
])}
<p>${t.correct}</p>
<h2>${t.appointmentsTitle}</h2>
${
  data.appointments.length === 0
    ? html`<p>${t.noAppointments}</p>`
    : html`<ul class="record-list">${data.appointments.map(
        (
          a,
        ) => html`<li><strong>${when(a.startsAt, a.timeZone)}</strong> — ${t.appointment(a.service, a.unit, formatFolio(a.folio))}. <span class="tag">${statusLabel(a, now)}</span>
<ul>${a.history.map(
          (e) =>
            html`<li>${when(e.at, a.timeZone)}: ${describeAction(e.action)} — ${describeActor(e.actor)} (${describeChannel(e.channel)})</li>`,
        )}</ul></li>`,
      )}</ul>`
}
${more(data.appointments.length)}
<h2>${t.notificationsTitle}</h2>
${
  data.notifications.length === 0
    ? html`<p>${t.noNotifications}</p>`
    : html`<ul class="record-list">${data.notifications.map(
        (
          n,
        ) => html`<li><strong>${when(n.at)}</strong> — ${t.notificationKinds[n.kind] ?? n.kind}, ${t.columns.to.toLowerCase()} ${n.to}: ${t.notificationStatus[n.status] ?? n.status}.
<br>${n.kind === 'otp' ? html`<span class="muted">${t.otpHidden}</span>` : (n.text ?? t.composedLater)}</li>`,
      )}</ul>`
}
${more(data.notifications.length)}
${
  data.callbacks.length === 0
    ? ''
    : html`<h2>${t.callbacksTitle}</h2>
<ul class="record-list">${data.callbacks.map(
        (c) =>
          html`<li><strong>${when(c.at)}</strong> — ${t.callback(c.phone)}: ${t.callbackStatus[c.status] ?? c.status}.</li>`,
      )}</ul>`
}
<h2>${t.signInsTitle}</h2>
${
  data.signIns.length === 0
    ? html`<p>${t.noSignIns}</p>`
    : html`<ul class="record-list">${data.signIns.map(
        (e) =>
          html`<li><strong>${when(e.at)}</strong> — ${describeAction(e.action)} (${describeChannel(e.channel)}). ${t.results[e.result] ?? e.result}.</li>`,
      )}</ul>`
}
<h2>${t.accessesTitle}</h2>
${
  data.accesses.length === 0
    ? html`<p>${t.noAccesses}</p>`
    : html`<ul class="record-list">${data.accesses.map(
        (e) =>
          html`<li><strong>${when(e.at)}</strong> — ${describeActor(e.actor)}: ${describeAction(e.action)} (${describeChannel(e.channel)}). ${t.results[e.result] ?? e.result}.</li>`,
      )}</ul>`
}
${more(data.accesses.length)}`,
  };
}
