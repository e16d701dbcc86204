import { createEvent } from 'ics';
import type { Appointment } from '../../booking/appointments.js';
import { formatFolio } from '../../booking/folio.js';
import { WEB } from '../../platform/i18n/web-messages.js';

/**
 * The appointment as an iCalendar event. Times are written in UTC, so every calendar shows them at
 * the unit's wall-clock time whatever the phone's zone setting.
 */
export function appointmentCalendar(a: Appointment): string {
  const folio = formatFolio(a.folio);
  const { error, value } = createEvent({
    uid: `${a.id}@citas`,
    productId: 'citas/portal',
    start: a.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: a.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: WEB.calendar.title(a.service.name),
    description: WEB.calendar.description(folio, WEB.phone),
    location: `${a.unit.name}, ${a.unit.address}`,
    status: a.status === 'booked' ? 'CONFIRMED' : 'CANCELLED',
    alarms: [
      {
        action: 'display',
        description: WEB.calendar.title(a.service.name),
        trigger: { hours: 24, before: true },
      },
    ],
  });
  if (error || !value) throw error ?? new Error('the calendar file could not be written');
  return value;
}
