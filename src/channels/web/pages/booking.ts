import { DateTime } from 'luxon';
import type { AvailableSlot } from '../../../agenda/availability.js';
import { distinctTimes } from '../../../agenda/distinct-times.js';
import { localToday } from '../../../agenda/slot-plan.js';
import { type Appointment, checkInOf } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import type { Service } from '../../../network/services.js';
import type { Unit } from '../../../network/units.js';
import {
  backLink,
  button,
  buttonLink,
  errorSummary,
  inset,
  postForm,
  radios,
  type SummaryRow,
  summaryList,
  warning,
} from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import { CHECK_IN, checkInSentences } from '../../../platform/i18n/check-in-messages.js';
import {
  formatDateLong,
  formatDateTime,
  formatTime,
  spokenCharacters,
} from '../../../platform/i18n/dates.js';
import { WEB, WEB_COMMON } from '../../../platform/i18n/web-messages.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import { fullName } from '../visitor.js';
import { type PortalPage, paragraphs } from './frame.js';

/** Where the date and time pages lead: a new booking or the change of an existing appointment. */
export interface SlotLinks {
  dates: string;
  day(localDate: string): string;
  review(slotId: number): string;
}

export function whoPage(people: Beneficiary[], me: Beneficiary, error?: string): PortalPage {
  const t = WEB.who;
  const errors = error ? [{ field: 'persona', message: error }] : [];
  return {
    title: t.title,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(errors)}
<form method="get" action="/cita/servicio" novalidate>
${radios({
  name: 'persona',
  legend: t.title,
  legendIsHeading: true,
  options: people.map((p) => ({
    value: String(p.id),
    label: fullName(p),
    hint: p.id === me.id ? WEB.relation.self : WEB.relationOf(p),
  })),
  error,
})}
${button(WEB_COMMON.continue)}
</form>
<p class="muted">${t.missingFamily}</p>`,
  };
}

export function notEligiblePage(endedOn: string): PortalPage {
  const t = WEB.who.notEligible;
  return {
    title: t.title,
    status: 422,
    errorCode: 'NOT_ELIGIBLE',
    main: html`<h1>${t.title}</h1>
<p>${t.ended(endedOn)}</p>
${paragraphs(t.body)}
${buttonLink('/citas', t.seeAppointments, 'secondary')}`,
  };
}

const unitBlock = (unit: Pick<Unit, 'name' | 'address'>) =>
  html`<strong>${unit.name}</strong><br>${unit.address}`;

export function servicePage(
  person: Beneficiary,
  unit: Unit,
  services: Service[],
  error?: string,
): PortalPage {
  const t = WEB.service;
  const errors = error ? [{ field: 'servicio', message: error }] : [];
  return {
    title: t.title,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    before: backLink('/cita'),
    main: html`${errorSummary(errors)}
<form method="get" action="/cita/fecha" novalidate>
<input type="hidden" name="persona" value="${person.id}">
${radios({
  name: 'servicio',
  legend: t.title,
  legendIsHeading: true,
  options: services.map((s) => ({ value: s.code, label: s.name })),
  error,
})}
${inset(html`${t.unitIntro}<br>${unitBlock(unit)}`)}
${button(WEB_COMMON.continue)}
</form>
<p class="muted">${t.referralNote}</p>
${urgency()}`,
  };
}

/** This service books appointments: an emergency goes elsewhere, said where a person decides. */
export const urgency = () =>
  html`<p class="urgency"><strong>${WEB.urgency.title}</strong> ${WEB.urgency.body}</p>`;

interface DayChoice {
  localDate: string;
  first: AvailableSlot;
  count: number;
}

/** The days with free times, each with its first slot and how many distinct times it has. */
function byDay(slots: readonly AvailableSlot[]): DayChoice[] {
  const days = new Map<string, DayChoice>();
  for (const slot of distinctTimes(slots)) {
    const day = days.get(slot.localDate);
    if (day) day.count++;
    else days.set(slot.localDate, { localDate: slot.localDate, first: slot, count: 1 });
  }
  return [...days.values()];
}

/** "hoy, lunes 30 de noviembre" when the day is today on the unit's walls; "mañana, …" the day after. */
function dayInWords(slot: AvailableSlot, now: Date): string {
  const long = formatDateLong(slot.startsAt, slot.timeZone);
  const today = DateTime.fromISO(localToday(now, slot.timeZone));
  if (slot.localDate === today.toISODate()) return WEB.dates.today(long);
  if (slot.localDate === today.plus({ days: 1 }).toISODate()) return WEB.dates.tomorrow(long);
  return long;
}

export function datesPage(o: {
  slots: readonly AvailableSlot[];
  links: SlotLinks;
  back: string;
  serviceName: string;
  unitName: string;
  /** When changing: the current appointment, kept until the new one is confirmed. */
  current?: Appointment;
  /** For "hoy" and "mañana". */
  now: Date;
  /** The unit's today ('YYYY-MM-DD'): the same-day share is shown as "Citas para hoy". */
  today?: string;
  /** Where nothing is left: the form to join the waitlist (pages/waitlist.ts). */
  waitlist?: HtmlValue;
}): PortalPage {
  const t = WEB.dates;
  const title = o.current ? t.changeTitle : t.title;
  const first = o.slots[0];
  if (!first) {
    return {
      title: t.none.title,
      before: backLink(o.back),
      main: html`<h1>${t.none.title}</h1>${paragraphs(t.none.body(o.serviceName, o.unitName))}${o.waitlist ?? ''}
${urgency()}`,
    };
  }
  const days = byDay(o.slots);
  const today = days.find((d) => d.localDate === o.today);
  const sameDay = o.today
    ? html`<h2>${t.sameDay.title}</h2>
${today ? html`<p>${t.sameDay.some(today.count)} <a href="${o.links.day(today.localDate)}">${t.sameDay.link}</a></p>` : html`<p>${t.sameDay.none}</p>`}`
    : '';
  return {
    title,
    before: backLink(o.back),
    main: html`<h1>${title}</h1>
<p>${t.serviceAt(o.serviceName, o.unitName)}</p>
${o.current ? inset(t.keepsOld(formatDateTime(o.current.startsAt, o.current.timeZone))) : ''}
${sameDay}
<div class="highlight">
<h2>${t.firstTitle}</h2>
<p class="lead"><strong>${dayInWords(first, o.now)}, ${formatTime(first.startsAt, first.timeZone)}</strong></p>
${buttonLink(o.links.review(first.slotId), t.takeFirst)}
</div>
<h2>${t.otherDays}</h2>
<ul class="choice-list">
${days.map(
  (d) =>
    html`<li><a href="${o.links.day(d.localDate)}">${dayInWords(d.first, o.now)}<span class="muted">${t.count(d.count)}</span></a></li>`,
)}
</ul>
${urgency()}`,
  };
}

export function timesPage(o: { slots: readonly AvailableSlot[]; links: SlotLinks }): PortalPage {
  const t = WEB.times;
  const first = o.slots[0];
  const heading = first ? formatDateLong(first.startsAt, first.timeZone) : t.title;
  const shift = (code: 'M' | 'V', label: string) => {
    // Each time once, whichever consultorio is free at it (the person chooses a time, not a room).
    const slots = distinctTimes(o.slots.filter((s) => s.shift === code));
    if (slots.length === 0) return '';
    return html`<h2>${label}</h2>
<ul class="times">${slots.map((s) => html`<li><a href="${o.links.review(s.slotId)}">${formatTime(s.startsAt, s.timeZone)}</a></li>`)}</ul>`;
  };
  return {
    title: `${t.title} ${heading}`,
    before: backLink(o.links.dates),
    main: html`<h1>${t.title} <span class="visually-hidden">—</span><br><span class="muted">${heading}</span></h1>
${first ? html`${shift('M', t.morning)}${shift('V', t.afternoon)}` : html`<p>${t.noneLeft}</p>`}
<p><a href="${o.links.dates}">${t.otherDay}</a></p>`,
  };
}

export interface SlotSummary {
  slotId: number;
  startsAt: Date;
  timeZone: string;
}

export function reviewPage(o: {
  csrfToken: string;
  person: Beneficiary;
  service: Service;
  unit: Unit;
  slot: SlotSummary;
  idempotencyKey: string;
  links: { who: string; service: string; dates: string };
}): PortalPage {
  const t = WEB.review;
  const rows: SummaryRow[] = [
    {
      key: t.patient,
      value: fullName(o.person),
      change: { href: o.links.who, label: t.change, hidden: t.patient },
    },
    {
      key: t.service,
      value: o.service.name,
      change: { href: o.links.service, label: t.change, hidden: t.service },
    },
    {
      key: t.when,
      value: formatDateTime(o.slot.startsAt, o.slot.timeZone),
      change: { href: o.links.dates, label: t.change, hidden: t.when },
    },
    { key: t.unit, value: unitBlock(o.unit) },
  ];
  return {
    title: t.title,
    before: backLink(o.links.dates),
    main: html`<h1>${t.title}</h1>
${summaryList(rows)}
<h2>${t.confirmTitle}</h2>
<p>${t.confirmText}</p>
${postForm({
  action: '/cita',
  csrfToken: o.csrfToken,
  body: html`<input type="hidden" name="persona" value="${o.person.id}">
<input type="hidden" name="horario" value="${o.slot.slotId}">
<input type="hidden" name="clave" value="${o.idempotencyKey}">
${button(t.confirm)}`,
})}`,
  };
}

export function changeReviewPage(o: {
  csrfToken: string;
  appointment: Appointment;
  slot: SlotSummary;
  datesHref: string;
}): PortalPage {
  const t = WEB.review;
  const a = o.appointment;
  return {
    title: t.changeTitle,
    before: backLink(o.datesHref),
    main: html`<h1>${t.changeTitle}</h1>
${summaryList([
  { key: t.patient, value: fullName({ ...a.beneficiary, secondSurname: '' }) },
  { key: t.service, value: a.service.name },
  { key: t.current, value: formatDateTime(a.startsAt, a.timeZone) },
  {
    key: t.newWhen,
    value: html`<strong>${formatDateTime(o.slot.startsAt, o.slot.timeZone)}</strong>`,
    change: { href: o.datesHref, label: t.change, hidden: t.newWhen },
  },
  { key: t.unit, value: unitBlock(a.unit) },
])}
${postForm({
  action: `/citas/${a.id}/cambiar`,
  csrfToken: o.csrfToken,
  body: html`<input type="hidden" name="horario" value="${o.slot.slotId}">${button(t.confirmChange)}`,
})}`,
  };
}

/**
 * What to present at the window: the same rule the SMS and the API state. `readerId` is who reads
 * the page: for a family member's appointment the sentences name the patient.
 */
export function checkInSection(a: Appointment, readerId: number, level: 'h2' | 'h4' = 'h2') {
  const forAnother = a.beneficiary.id === readerId ? undefined : nameOfPatient(a);
  const sentences = checkInSentences(checkInOf(a), forAnother);
  const heading = level === 'h2' ? html`<h2>${CHECK_IN.title}</h2>` : html`<h4>${CHECK_IN.title}</h4>`;
  return html`${heading}
<ul class="check-in">${sentences.map((s) => html`<li>${s}</li>`)}</ul>`;
}

/** The patient's given names and first surname, as the pages call them. */
export const nameOfPatient = (a: Appointment) => fullName({ ...a.beneficiary, secondSurname: '' });

export function confirmationPage(
  a: Appointment,
  changed: boolean,
  cutoffMinutes: number,
  readerId: number,
): PortalPage {
  const t = WEB.confirmation;
  const r = WEB.review;
  const folio = formatFolio(a.folio);
  const title = changed ? t.changedTitle : t.title;
  return {
    title,
    main: html`<div class="panel">
<h1>${title}</h1>
<p>${t.folio}<span class="folio">${folio}</span><span class="spelled">${t.spelled(spokenCharacters(folio))}</span></p>
</div>
${summaryList([
  { key: r.patient, value: fullName({ ...a.beneficiary, secondSurname: '' }) },
  { key: r.service, value: a.service.name },
  { key: r.when, value: html`<strong>${formatDateTime(a.startsAt, a.timeZone)}</strong>` },
  { key: r.unit, value: a.unit.name },
  { key: r.address, value: a.unit.address },
  { key: t.consultorio, value: a.resource.name },
])}
<p><a href="/citas/${a.id}/cita.ics" download>${t.calendar}</a></p>
${checkInSection(a, readerId)}
<h2>${t.bringTitle}</h2>
<ul>${t.bring.map((b) => html`<li>${b}</li>`)}</ul>
${warning(t.arrive, WEB.mine.notice)}
<h2>${t.cancelTitle}</h2>
<p>${t.cancelText(WEB.hours(cutoffMinutes))}</p>
<div class="button-group">${buttonLink('/citas', t.mine)}${buttonLink('/cita', t.another, 'secondary')}</div>`,
  };
}
