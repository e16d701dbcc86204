import type { Attendance } from '../../../no-show/attendance.js';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { ATTENDANCE_CONSOLE } from '../../../platform/i18n/access-loop-messages.js';
import { formatDateWithYear } from '../../../platform/i18n/dates.js';
import { formatWhen } from './format.js';

/**
 * The person's attendance record and whether the confirm-to-keep policy applies to them, and why;
 * the policy's end date as a day on the walls of the person's unit (`timeZone`).
 */
export function attendanceSection(a: Attendance, timeZone: string): SafeHtml {
  const t = ATTENDANCE_CONSOLE;
  const policy =
    a.threshold === 0
      ? t.policyOff
      : a.mustConfirm
        ? t.policyApplies(
            a.noShows,
            a.windowDays,
            a.confirmHoursBefore,
            formatDateWithYear(a.mustConfirm.until, timeZone),
          )
        : t.policyDoesNotApply(a.noShows, a.threshold, a.windowDays);
  return html`<section aria-labelledby="asistencia">
<h2 id="asistencia">${t.title}</h2>
<p>${t.lead(a.windowDays)}</p>
<dl class="summary"><dt>${t.counts.attended}</dt><dd>${String(a.attended)}</dd><dt>${t.counts.noShows}</dt><dd>${String(a.noShows)}</dd><dt>${t.counts.cancelledLate(a.lateHours)}</dt><dd>${String(a.cancelledLate)}</dd></dl>
${a.mustConfirm ? html`<div class="inset" role="note"><strong>${policy}</strong></div>` : html`<p>${policy}</p>`}
${
  a.recent.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${t.columns.when}</th><th scope="col">${t.columns.service}</th><th scope="col">${t.columns.unit}</th><th scope="col">${t.columns.outcome}</th></tr></thead>
<tbody>${a.recent.map(
        (r) =>
          html`<tr><td>${formatWhen(r.startsAt, r.timeZone)}</td><td>${r.serviceName}</td><td>${r.unitName}</td><td>${t.outcomes[r.outcome]}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t.none}</p>`
}
</section>`;
}
