import type { Appointment } from '../../../booking/appointments.js';
import { formatFolio } from '../../../booking/folio.js';
import { button, buttonLink, postForm, summaryList, textInput } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { spokenCharacters } from '../../../platform/i18n/dates.js';
import { formatWhen } from './format.js';
import type { ConsolePage } from './frame.js';

function details(a: Appointment) {
  const r = CONSOLE.appointment.rows;
  return summaryList([
    {
      key: r.person,
      value: html`<a href="/consola/personas/${a.beneficiary.id}">${a.beneficiary.givenNames} ${a.beneficiary.firstSurname}</a>`,
    },
    { key: r.service, value: a.service.name },
    { key: r.unit, value: `${a.unit.name}, ${a.unit.address}` },
    { key: r.when, value: formatWhen(a.startsAt, a.timeZone) },
    { key: r.place, value: a.resource.name },
    { key: r.folio, value: html`<span class="mono">${formatFolio(a.folio)}</span>` },
    { key: r.status, value: CONSOLE.status[a.status] ?? a.status },
    { key: r.channel, value: CONSOLE.channel[a.channel] ?? a.channel },
  ]);
}

export function appointmentPage(a: Appointment, done: string | undefined, mayChange: boolean): ConsolePage {
  const t = CONSOLE.appointment;
  const banner = done && t.done[done];
  const actions =
    a.status === 'booked' && mayChange
      ? html`<div class="button-group">${buttonLink(`/consola/citas/${a.id}/cambiar`, t.reschedule, 'secondary')} ${buttonLink(`/consola/citas/${a.id}/cancelar`, t.cancel, 'secondary')}</div>`
      : '';
  return {
    title: t.title(formatFolio(a.folio)),
    // After a change the agent's next move is the next caller.
    focusSearch: true,
    main: html`${
      banner
        ? html`<div class="panel" role="status"><p>${banner}</p><span class="folio">${formatFolio(a.folio)}</span>
<span class="spelled">${t.spelled} ${spokenCharacters(a.folio)}</span></div>`
        : ''
    }
<h1>${t.title(formatFolio(a.folio))}</h1>
${details(a)}
${actions}
<p><a href="/consola/personas/${a.beneficiary.id}">${t.backToPerson}</a></p>`,
  };
}

export function cancelPage(a: Appointment, csrfToken: string): ConsolePage {
  const t = CONSOLE.cancel;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
${details(a)}
${postForm({
  action: `/consola/citas/${a.id}/cancelar`,
  csrfToken,
  body: html`${textInput({ id: 'motivo', label: t.reason, width: 'w-20', maxlength: 200 })}
<div class="button-group">${button(t.submit, 'warning')} <a href="/consola/citas/${a.id}">${t.keep}</a></div>`,
})}`,
  };
}
